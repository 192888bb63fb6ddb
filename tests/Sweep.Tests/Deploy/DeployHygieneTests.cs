using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SmartMixed.Sweep.Tests.Deploy;

/// <summary>The local-cluster script parses, no file under deploy/ holds a real secret, and the Dockerfile builds what exists.</summary>
public partial class DeployHygieneTests
{
    private static (int ExitCode, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(d => File.Exists(Path.Combine(d, program)));

    [Fact]
    public void Local_cluster_script_is_valid_bash()
    {
        var (code, output) = Run("bash", "-n", DeployFiles.LocalClusterScript);
        Assert.True(code == 0, output);
        var text = File.ReadAllText(DeployFiles.LocalClusterScript);
        Assert.StartsWith("#!/usr/bin/env bash", text);
        Assert.Contains("set -euo pipefail", text);
        if (OnPath("shellcheck")) // where it is installed; not a requirement of the test run
        {
            var (scCode, scOutput) = Run("shellcheck", DeployFiles.LocalClusterScript);
            Assert.True(scCode == 0, scOutput);
        }
    }

    [Fact]
    public void Chaos_script_is_valid_bash_and_runs_the_chaos_program_on_loopback()
    {
        var script = Path.Combine(DeployFiles.DeployDir, "chaos.sh");
        var (code, output) = Run("bash", "-n", script);
        Assert.True(code == 0, output);
        var text = File.ReadAllText(script);
        Assert.StartsWith("#!/usr/bin/env bash", text);
        Assert.Contains("set -euo pipefail", text);
        Assert.Contains("tests/Chaos/Chaos.csproj", text);
        Assert.DoesNotContain("0.0.0.0", text);
        Assert.Contains("deploy/chaos.sh --ci", File.ReadAllText(Path.Combine(DeployFiles.RepoRoot, "test.sh"))); // CI runs the short version
    }

    [Fact]
    public void Local_cluster_script_binds_to_loopback_only()
    {
        var text = File.ReadAllText(DeployFiles.LocalClusterScript);
        Assert.Contains("host=127.0.0.1", text);
        Assert.Contains("--bind \"$host\"", text);
        Assert.Contains("Cluster__AdvertisedAddress=\"$host\"", text);
        Assert.DoesNotContain("0.0.0.0", text);
    }

    [Fact]
    public void Local_cluster_script_prints_its_usage_without_starting_anything()
    {
        var (code, output) = Run("bash", DeployFiles.LocalClusterScript, "--help");
        Assert.Equal(0, code);
        Assert.Contains("start [N]", output);
    }

    /// <summary>Empty, a placeholder, or a reference expanded at run time ($VAR, ${VAR}, $(VAR), $(command …)).</summary>
    private static bool IsPlaceholder(string value) =>
        value.Length == 0 || value.StartsWith('$') || PlaceholderValue().IsMatch(value);

    /// <summary>Real-looking secrets in a text, as "what: value" for each.</summary>
    internal static IEnumerable<string> SecretsIn(string text)
    {
        foreach (Match m in PasswordAssignment().Matches(text))
            if (!IsPlaceholder(m.Groups["value"].Value)) yield return $"{m.Value.Trim()}";
        foreach (Match m in UrlCredentials().Matches(text))
            if (!IsPlaceholder(m.Groups["value"].Value)) yield return $"{m.Value}";
        foreach (Match m in PrivateKey().Matches(text)) yield return m.Value;
    }

    [Fact]
    public void No_file_under_deploy_contains_a_real_looking_secret()
    {
        var files = Directory.EnumerateFiles(DeployFiles.DeployDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.local-cluster{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        Assert.Contains(files, f => f.EndsWith("secret.example.yaml", StringComparison.Ordinal));
        var found = files.SelectMany(f => SecretsIn(File.ReadAllText(f)).Select(s => $"{Path.GetRelativePath(DeployFiles.RepoRoot, f)}: {s}")).ToArray();
        Assert.True(found.Length == 0, string.Join(Environment.NewLine, found));
    }

    [Theory]
    [InlineData("redis:6379,password=hunter2xyz", true)]
    [InlineData("requirepass s3cr3t-Value", true)]
    [InlineData("  redis-password: \"Zq8vLk2\"", true)]
    [InlineData("redis://default:Zq8vLk2@redis:6379", true)]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", true)]
    [InlineData("redis:6379,password=<CHANGE_ME>", false)]
    [InlineData("--from-literal=redis-password=\"$REDIS_PASSWORD\"", false)]
    [InlineData("requirepass \"$REDIS_PASSWORD\"", false)]
    [InlineData("password=$(REDIS_PASSWORD)", false)]
    [InlineData("REDIS_PASSWORD=\"$(openssl rand -hex 24)\"", false)]
    [InlineData("# redis-password:    only for the bundled Redis", true)] // prose after a key reads as a value: keep comments key-free
    [InlineData("<host>:6380,ssl=true,password=…", false)]
    [InlineData("the Redis connection string (its password) comes from the environment", false)]
    public void The_secret_check_itself_tells_secrets_from_placeholders(string text, bool secret) =>
        Assert.Equal(secret, SecretsIn(text).Any());

    [Fact]
    public void Dockerfile_has_silo_and_client_targets_that_run_the_built_programs_as_non_root()
    {
        var dockerfile = File.ReadAllText(DeployFiles.Dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/(runtime|aspnet):\$\{DOTNET_VERSION\} AS silo$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/(runtime|aspnet):\$\{DOTNET_VERSION\} AS client$", dockerfile);
        Assert.Matches(@"(?m)^EXPOSE 11111 30000$", dockerfile);
        Assert.Equal(2, Regex.Matches(dockerfile, @"(?m)^USER \$APP_UID$").Count);
        Assert.DoesNotMatch(@"(?m)^USER (root|0)\b", dockerfile);

        // The entry points name the assemblies the projects build.
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/app/{AssemblyName("Silo/Silo.csproj")}.dll\"]", dockerfile);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/app/{AssemblyName("Client/Client.csproj")}.dll\"]", dockerfile);
    }

    private static string AssemblyName(string project) =>
        Regex.Match(File.ReadAllText(Path.Combine(DeployFiles.RepoRoot, project)), "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value;

    /// <summary>
    /// A program that needs the ASP.NET Core shared framework (the silo with the dashboard) does not start on the
    /// plain runtime image. Decided from its runtimeconfig.json where a build left one, else from its project file.
    /// </summary>
    [Theory]
    [InlineData("silo", "Silo/Silo.csproj")]
    [InlineData("client", "Client/Client.csproj")]
    public void Each_image_has_the_shared_frameworks_its_program_needs(string target, string project)
    {
        var name = AssemblyName(project);
        var runtimeConfig = new[]
            {
                Path.Combine(AppContext.BaseDirectory, $"{name}.runtimeconfig.json"),
                Path.Combine(DeployFiles.RepoRoot, "artifacts", target, $"{name}.runtimeconfig.json"),
            }
            .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        var projectText = File.ReadAllText(Path.Combine(DeployFiles.RepoRoot, project));
        var needsAspNet = runtimeConfig is not null
            ? File.ReadAllText(runtimeConfig).Contains("Microsoft.AspNetCore.App", StringComparison.Ordinal)
            : projectText.Contains("Microsoft.AspNetCore.App", StringComparison.Ordinal)
              || projectText.Contains("Microsoft.Orleans.Dashboard", StringComparison.Ordinal)
              || projectText.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal);

        var image = Regex.Match(File.ReadAllText(DeployFiles.Dockerfile), $@"(?m)^FROM mcr\.microsoft\.com/dotnet/(\w+):\S+ AS {target}$").Groups[1].Value;
        if (needsAspNet)
            Assert.True(image == "aspnet", $"{name} needs Microsoft.AspNetCore.App ({runtimeConfig ?? project}): base the {target} stage on dotnet/aspnet, not dotnet/{image}");
        else
            Assert.Contains(image, new[] { "runtime", "aspnet" });
    }

    [Fact]
    public void Dockerfile_and_its_ignore_file_bring_every_project_the_silo_and_client_need()
    {
        var dockerfile = File.ReadAllText(DeployFiles.Dockerfile);
        var ignore = File.ReadAllLines(Path.Combine(DeployFiles.DeployDir, "Dockerfile.dockerignore"));
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["Silo/Silo.csproj", "Client/Client.csproj"]);
        while (pending.TryDequeue(out var project))
        {
            if (!projects.Add(project)) continue;
            var dir = Path.GetDirectoryName(project)!;
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(Path.Combine(DeployFiles.RepoRoot, project))))
                pending.Enqueue(Path.GetRelativePath(DeployFiles.RepoRoot,
                    Path.GetFullPath(Path.Combine(DeployFiles.RepoRoot, dir, m.Groups[1].Value))).Replace('\\', '/'));
        }
        Assert.Equal(5, projects.Count); // Silo, Client, Grains, GrainInterfaces, Training

        foreach (var project in projects)
        {
            var dir = Path.GetDirectoryName(project)!;
            Assert.Contains($"COPY {project} {dir}/", dockerfile);
            Assert.Contains($"COPY {dir}/ {dir}/", dockerfile);
            Assert.Contains($"!{dir}/", ignore);
        }
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            Assert.Contains(file, dockerfile);
            Assert.Contains($"!{file}", ignore);
        }
        Assert.Contains("COPY build/ build/", dockerfile); // the ELF patch task Directory.Build.targets compiles
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
    }

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();

    /// <summary>password=value, password: value, requirepass value (quoted or not).</summary>
    [GeneratedRegex(@"(?i)(?:password\s*[=:]|requirepass\s)\s*[""']?(?<value>[^\s,""'`;]*)")]
    private static partial Regex PasswordAssignment();

    /// <summary>scheme://user:secret@host</summary>
    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]*:(?<value>[^@\s/]+)@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    /// <summary>&lt;…&gt;, CHANGE_ME, an ellipsis.</summary>
    [GeneratedRegex(@"^(?:<[^>]*>|.*CHANGE_?ME.*|…|\.\.\.)$")]
    private static partial Regex PlaceholderValue();
}
