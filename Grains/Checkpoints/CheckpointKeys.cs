using System.Text.RegularExpressions;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>Run keys are <c>{sweep id}/{run hash}</c>; checked so a key can never name a path outside the store.</summary>
public static partial class CheckpointKeys
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}/[0-9a-f]{16}$")]
    private static partial Regex Valid();

    public static string For(string sweepId, string runHash) => Check($"{sweepId}/{runHash}");

    public static string Check(string runKey) =>
        Valid().IsMatch(runKey) ? runKey : throw new ArgumentException($"'{runKey}' is not a run key (sweep-id/16-hex-hash)", nameof(runKey));
}
