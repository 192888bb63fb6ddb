using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

using SmartMixed.Training.Activations;

namespace SmartMixed.Training.Model;

/// <summary>
/// Counter-based uniform noise: the draw number <c>n</c> of a call keyed (k0, k1) is a pure function of
/// (k0, k1, n), two rounds of a 32-bit integer hash with full avalanche (Wellons' lowbias32). No generator
/// state moves, so a draw can be recomputed anywhere (a test, an independent check), any number of draws can be
/// made in any order or in parallel lanes, and two runs never share a stream.
/// </summary>
internal static class CounterNoise
{
    private const uint Golden = 0x9E3779B9;

    /// <summary>The two 32-bit keys of call <paramref name="call"/> of a stream keyed <paramref name="stream"/> (SplitMix64).</summary>
    public static (uint K0, uint K1) CallKey(ulong stream, long call)
    {
        ulong z = stream + 0x9E3779B97F4A7C15UL * (ulong)(call + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((uint)z, (uint)(z >> 32));
    }

    /// <summary>Uniform in (0, 1): the top 23 bits of the hash, plus ½, over 2²³ (see <see cref="FromBits(uint)"/>).</summary>
    public static float Uniform(uint k0, uint k1, uint n) => FromBits(Mix(Mix(n * Golden + k0) ^ k1));

    /// <summary>
    /// (h >> 9) + ½, scaled by 2⁻²³: in [2⁻²⁴, 1 − 2⁻²⁴], never 0 or 1. 23 bits, not 24: with 24, bits + ½ needs
    /// 25 significant bits, and the largest draws round to exactly 1 (whose Gumbel noise is +∞).
    /// </summary>
    public static float FromBits(uint h) => ((h >> 9) + 0.5f) * (1f / (1 << 23));

    /// <summary>Eight draws, numbers <paramref name="n"/>, exactly as <see cref="Uniform(uint, uint, uint)"/> computes each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Uniform(uint k0, uint k1, Vector256<uint> n) =>
        FromBits(Mix(Mix(n * Golden + Vector256.Create(k0)) ^ Vector256.Create(k1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FromBits(Vector256<uint> h)
    {
        var bits = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(h, 9).AsInt32());
        return (bits + Vector256.Create(0.5f)) * Vector256.Create(1f / (1 << 23));
    }

    /// <summary>Standard Gumbel noise −log(−log U); with U in [2⁻²⁴, 1 − 2⁻²⁴] it lies in about [−2.81, 16.6].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gumbel(uint k0, uint k1, Vector256<uint> n) =>
        -VectorMath.Log(-VectorMath.Log(Uniform(k0, k1, n)));

    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352D;
        x ^= x >> 15;
        x *= 0x846CA68B;
        x ^= x >> 16;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Mix(Vector256<uint> x)
    {
        x ^= Vector256.ShiftRightLogical(x, 16);
        x *= 0x7FEB352D;
        x ^= Vector256.ShiftRightLogical(x, 15);
        x *= 0x846CA68B;
        x ^= Vector256.ShiftRightLogical(x, 16);
        return x;
    }
}
