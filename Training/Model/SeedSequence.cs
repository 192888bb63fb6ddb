using System.Security.Cryptography;
using System.Text;

namespace SmartMixed.Training.Model;

/// <summary>
/// Independent, reproducible seeds per run, purpose and index (e.g. the Gumbel noise of epoch 7), so no
/// random stream depends on process-wide state or on what ran before in the same process.
/// </summary>
public static class SeedSequence
{
    public static long Derive(int seed, string stream, long index = 0)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{stream}/{index}"));
        return BitConverter.ToInt64(bytes, 0) & long.MaxValue;
    }

    public static int DeriveInt(int seed, string stream, long index = 0) => (int)(Derive(seed, stream, index) & int.MaxValue);
}
