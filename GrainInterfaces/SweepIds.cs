using System.Text.RegularExpressions;

namespace SmartMixed.GrainInterfaces;

/// <summary>
/// The one rule for sweep ids, and the grain keys built from them. An id is safe as a file name, a directory
/// name and a Redis key part, so a sweep id can never name a path outside the folder it is used in.
/// </summary>
public static partial class SweepIds
{
    public const string Rule = "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunHashPattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    public static string Check(string id) =>
        IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a sweep id ({Rule})");

    public static bool IsRunHash(string? hash) => hash is not null && RunHashPattern().IsMatch(hash);

    /// <summary>Key of a run grain and of its checkpoint: <c>{sweep id}/{run hash}</c>.</summary>
    public static string RunKey(string sweepId, string runHash)
    {
        Check(sweepId);
        if (!IsRunHash(runHash)) throw new ArgumentException($"'{runHash}' is not a run hash (16 hex digits)");
        return $"{sweepId}/{runHash}";
    }

    /// <summary>Key of a shard grain and of its aggregator: <c>{sweep id}/{shard index}</c>.</summary>
    public static string ShardKey(string sweepId, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        return $"{Check(sweepId)}/{shard}";
    }

    /// <summary>Splits a <c>{sweep id}/{rest}</c> grain key.</summary>
    public static (string SweepId, string Tail) Split(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1) throw new ArgumentException($"'{key}' is not a '{{sweep id}}/…' key");
        return (key[..slash], key[(slash + 1)..]);
    }
}
