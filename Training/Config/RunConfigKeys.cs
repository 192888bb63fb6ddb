using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmartMixed.Training.Config;

/// <summary>
/// The identities a sweep groups runs by, all derived from the canonical config JSON: the run (its hash), its cell
/// (every setting but the seed: the repeats of one point), and its setting (the cell without the fields that only the
/// selection phase uses and without the fields that say which model it is: what a SmartMixed cell shares with the
/// baselines it is compared with).
/// </summary>
public static class RunConfigKeys
{
    /// <summary>Top-level config fields only the selection phase uses; a fixed-activation baseline does not vary with them.</summary>
    public static IReadOnlyList<string> SelectionOnlyFields { get; } = ["pool", "temperature", "switch", "selection", "phase_two"];

    /// <summary>Top-level fields that say which model (or which repeat) a run is, not in what setting it runs.</summary>
    public static IReadOnlyList<string> ModelFields { get; } = ["fixed", "baseline", "shuffled_from", "preset", "seed"];

    public static bool IsSelectionOnly(string path) => SelectionOnlyFields.Contains(TopLevel(path));

    public static string Run(RunConfig config) => RunConfigHash.Of(config);

    /// <summary>
    /// All seeds of one point. A shuffled baseline's source differs with its seed (each seed follows the SmartMixed run
    /// of the same seed), so it is left out: the shuffled runs of one SmartMixed cell form one cell.
    /// </summary>
    public static string Cell(RunConfig config) => RunConfigHash.Of(config with { Seed = 0, ShuffledFrom = null });

    public static string Setting(RunConfig config)
    {
        var node = JsonSerializer.SerializeToNode(config, RunConfigJson.Options)!.AsObject();
        foreach (var field in SelectionOnlyFields.Concat(ModelFields)) node.Remove(field);
        var canonical = node.ToJsonString(RunConfigJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    private static string TopLevel(string path)
    {
        var dot = path.IndexOf('.');
        return dot < 0 ? path : path[..dot];
    }
}
