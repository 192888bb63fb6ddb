using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Checkpoints;

/// <summary>Run keys are <c>{sweep id}/{run hash}</c>; checked so a key can never name a path outside the store.</summary>
public static class CheckpointKeys
{
    public static string Check(string runKey)
    {
        var slash = runKey.IndexOf('/');
        if (slash > 0 && SweepIds.IsValid(runKey[..slash]) && SweepIds.IsRunHash(runKey[(slash + 1)..])) return runKey;
        throw new ArgumentException($"'{runKey}' is not a run key (sweep-id/16-hex-hash)", nameof(runKey));
    }
}
