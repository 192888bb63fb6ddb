using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SmartMixed.Sweep.Tests.Deploy;

/// <summary>Finds the deploy/ files and reads their YAML as plain dictionaries, lists and strings.</summary>
internal static class DeployFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DeployDir => Path.Combine(RepoRoot, "deploy");
    public static string ComposeFile => Path.Combine(DeployDir, "compose.yaml");
    public static string LocalClusterScript => Path.Combine(DeployDir, "local-cluster.sh");
    public static string Dockerfile => Path.Combine(DeployDir, "Dockerfile");

    public static IReadOnlyList<string> KubernetesFiles =>
        Directory.EnumerateFiles(Path.Combine(DeployDir, "k8s"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "SmartMixed.Sweep.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException($"no SmartMixed.Sweep.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Every document of a YAML stream (merge keys resolved); null for an empty document.</summary>
    public static IReadOnlyList<object?> LoadDocuments(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var documents = new List<object?>();
        while (parser.Accept<DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<object?>(parser));
        return documents;
    }

    /// <summary>The non-empty documents of every file under deploy/k8s, with the file each came from.</summary>
    public static IReadOnlyList<(string File, Dictionary<object, object> Doc)> KubernetesDocuments() =>
        KubernetesFiles
            .SelectMany(f => LoadDocuments(f).Where(d => d is not null).Select(d => (Path.GetFileName(f), AsMap(d, f))))
            .ToArray();

    public static Dictionary<object, object> AsMap(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"{what}: expected a mapping, got {node?.GetType().Name ?? "nothing"}");

    public static Dictionary<object, object>? Map(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var v) ? v as Dictionary<object, object> : null;

    public static List<object> List(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var v) && v is List<object> list ? list : [];

    public static string? Text(this Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var v) ? v as string : null;

    /// <summary>Follows a path of mapping keys; null as soon as one is missing.</summary>
    public static object? At(this Dictionary<object, object> map, params string[] path)
    {
        object? node = map;
        foreach (var key in path)
        {
            if (node is not Dictionary<object, object> m || !m.TryGetValue(key, out node)) return null;
        }
        return node;
    }

    public static IEnumerable<Dictionary<object, object>> Maps(this List<object> list) => list.OfType<Dictionary<object, object>>();

    /// <summary>A compose service's environment, given as a mapping or as a list of NAME=value.</summary>
    public static Dictionary<string, string?> ComposeEnvironment(Dictionary<object, object> service)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service.TryGetValue("environment", out var node) ? node : null)
        {
            case Dictionary<object, object> map:
                foreach (var (k, v) in map) env[(string)k] = v as string;
                break;
            case List<object> list:
                foreach (var item in list.OfType<string>())
                {
                    var eq = item.IndexOf('=');
                    env[eq < 0 ? item : item[..eq]] = eq < 0 ? null : item[(eq + 1)..];
                }
                break;
        }
        return env;
    }

    /// <summary>The compose services of our own images (silo and client), by name.</summary>
    public static Dictionary<string, Dictionary<object, object>> ComposeAppServices(Dictionary<object, object> compose) =>
        AsMap(compose["services"], "services")
            .Where(s => IsOurImage(AsMap(s.Value, (string)s.Key)))
            .ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);

    public static bool IsOurImage(Dictionary<object, object> serviceOrContainer) =>
        (serviceOrContainer.Text("image") ?? "").Contains("smartmixed", StringComparison.OrdinalIgnoreCase)
        || serviceOrContainer.Map("build") is not null;

    /// <summary>Containers (and init containers) of a workload's pod template (Deployment, StatefulSet, Job).</summary>
    public static IEnumerable<Dictionary<object, object>> Containers(Dictionary<object, object> doc)
    {
        if (doc.At("spec", "template", "spec") is not Dictionary<object, object> pod) return [];
        return pod.List("containers").Maps().Concat(pod.List("initContainers").Maps());
    }
}
