using System.Security.Cryptography;
using System.Text;

namespace SmartMixed.Training.Config;

/// <summary>
/// A stable identity for a run config: SHA-256 of its canonical compact JSON (declaration order of fields,
/// shortest round-trip numbers), first 16 hex digits. Same config (including the seed) → same hash on every machine.
/// </summary>
public static class RunConfigHash
{
    public static string Of(RunConfig config)
    {
        var canonical = RunConfigJson.Serialize(config);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(digest)[..16];
    }
}
