using System.Reflection;
using System.Text.RegularExpressions;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Sweep.Tests.Deploy;

/// <summary>
/// Every configuration key that deploy/ sets for a silo or a client exists in the options the programs bind, so a
/// typo (Cluster__Membersip) or a renamed option cannot pass silently: .NET configuration ignores unknown keys.
/// </summary>
public partial class ConfigurationKeyTests
{
    /// <summary>Sections read by other code than the two options classes (documented in deploy/README.md).</summary>
    private static readonly string[] AllowedSections = ["Dashboard", "Serilog", "Logging"];

    /// <summary>Environment variables without "__" that mean something to the runtime or the programs.</summary>
    private static readonly string[] AllowedPlainVariables = ["SMARTMIXED_DATA", "TZ", "HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"];
    private static readonly string[] AllowedPlainPrefixes = ["DOTNET_", "ASPNETCORE_"];

    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [SweepClusterOptions.Section] = typeof(SweepClusterOptions),
        [SweepSiloOptions.Section] = typeof(SweepSiloOptions),
    };

    /// <summary>(where, environment variable name) for every variable set for our programs.</summary>
    private static IEnumerable<(string Where, string Name)> Variables()
    {
        var compose = DeployFiles.AsMap(DeployFiles.LoadDocuments(DeployFiles.ComposeFile)[0], "compose.yaml");
        foreach (var (name, service) in DeployFiles.ComposeAppServices(compose))
        {
            foreach (var variable in DeployFiles.ComposeEnvironment(service).Keys) yield return ($"compose.yaml {name}", variable);
            var entrypoint = string.Join('\n', service.List("entrypoint").OfType<string>());
            foreach (Match m in ExportedVariable().Matches(entrypoint)) yield return ($"compose.yaml {name} entrypoint", m.Groups[1].Value);
        }

        var docs = DeployFiles.KubernetesDocuments();
        var envFromConfigMaps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, doc) in docs)
        foreach (var container in DeployFiles.Containers(doc).Where(DeployFiles.IsOurImage))
        {
            foreach (var e in container.List("env").Maps()) yield return ($"{file} {container.Text("name")}", e.Text("name")!);
            foreach (var from in container.List("envFrom").Maps())
                if (from.At("configMapRef", "name") is string cm) envFromConfigMaps.Add(cm);
        }
        foreach (var (file, doc) in docs.Where(d => d.Doc.Text("kind") == "ConfigMap"
                                                     && envFromConfigMaps.Contains(d.Doc.Map("metadata")!.Text("name")!)))
        foreach (var key in doc.Map("data")!.Keys)
            yield return ($"{file} data", (string)key);

        foreach (Match m in ScriptVariable().Matches(File.ReadAllText(DeployFiles.LocalClusterScript)))
            yield return ("local-cluster.sh", m.Groups[1].Value);
        foreach (Match m in ScriptVariable().Matches(File.ReadAllText(DeployFiles.Dockerfile)))
            yield return ("Dockerfile", m.Groups[1].Value);
    }

    /// <summary>Null when the key is known or allowed, else why not.</summary>
    private static string? Problem(string variable)
    {
        if (!variable.Contains("__"))
            return AllowedPlainVariables.Contains(variable) || AllowedPlainPrefixes.Any(p => variable.StartsWith(p, StringComparison.Ordinal))
                ? null
                : "is not a configuration key (no \"__\") nor an allowed variable";
        return KeyProblem(variable.Split("__"));
    }

    private static string? KeyProblem(string[] parts)
    {
        if (AllowedSections.Contains(parts[0], StringComparer.OrdinalIgnoreCase)) return null;
        if (!Sections.TryGetValue(parts[0], out var type))
            return $"section '{parts[0]}' is not read by the programs (known: {string.Join(", ", Sections.Keys.Concat(AllowedSections))})";
        if (parts.Length != 2) return $"options in {parts[0]} are not nested";
        var property = type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } ? null : $"{type.Name} has no settable property '{parts[1]}'";
    }

    [Fact]
    public void Every_key_set_for_silos_and_clients_is_an_option_they_bind()
    {
        var variables = Variables().ToArray();
        Assert.True(variables.Length > 20, $"found only {variables.Length} variables: is the collection broken?");
        // The settings that matter most are among them, so the collection reaches every file.
        foreach (var expected in new[] { "Cluster__Membership", "Cluster__Redis", "Cluster__AdvertisedAddress", "SmartMixed__Storage",
                     "SmartMixed__Checkpoints", "SmartMixed__Slots", "SmartMixed__DataDirectory" })
            Assert.Contains(variables, v => v.Name == expected);
        Assert.Contains(variables, v => v.Where.StartsWith("local-cluster.sh", StringComparison.Ordinal));
        Assert.Contains(variables, v => v.Where.StartsWith("configmap.yaml", StringComparison.Ordinal));
        Assert.Contains(variables, v => v.Where == "Dockerfile");

        var problems = variables.Select(v => (v.Where, v.Name, Problem: Problem(v.Name))).Where(v => v.Problem is not null)
            .Select(v => $"{v.Where}: {v.Name} {v.Problem}").Distinct().ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_key_the_readme_names_is_an_option_they_bind()
    {
        var readme = File.ReadAllText(Path.Combine(DeployFiles.DeployDir, "README.md"));
        var keys = ReadmeKey().Matches(readme).Select(m => m.Value).Distinct().ToArray();
        Assert.Contains("Cluster:FastFailover", keys);
        var problems = keys.Select(k => (Key: k, Problem: KeyProblem(k.Split([":", "__"], StringSplitOptions.None))))
            .Where(k => k.Problem is not null).Select(k => $"{k.Key}: {k.Problem}").ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("Cluster__Redis", true)]
    [InlineData("cluster__advertisedaddress", true)]
    [InlineData("SmartMixed__Slots", true)]
    [InlineData("Dashboard__Urls", true)]
    [InlineData("DOTNET_gcServer", true)]
    [InlineData("Cluster__Membersip", false)]
    [InlineData("SmartMixed__Redis__Host", false)]
    [InlineData("Orleans__ClusterId", false)]
    [InlineData("REDIS_URL", false)]
    public void The_check_itself_tells_known_from_unknown_keys(string variable, bool known) =>
        Assert.Equal(known, Problem(variable) is null);

    /// <summary>"export Name=" or "export Name" in a shell snippet.</summary>
    [GeneratedRegex(@"export\s+([A-Za-z_][A-Za-z0-9_]*__[A-Za-z0-9_]+)")]
    private static partial Regex ExportedVariable();

    /// <summary>Name= for a configuration key in a shell script (sections Cluster, SmartMixed, Dashboard, …).</summary>
    [GeneratedRegex(@"\b([A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+)=")]
    private static partial Regex ScriptVariable();

    /// <summary>Section:Key or Section__Key of the sections the programs read.</summary>
    [GeneratedRegex(@"\b(?:Cluster|SmartMixed|Dashboard|Serilog)(?::|__)[A-Za-z]+\b")]
    private static partial Regex ReadmeKey();
}
