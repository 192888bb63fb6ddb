namespace SmartMixed.Grains.Statistics;

/// <summary>
/// The xoshiro256** 1.0 generator (Blackman &amp; Vigna, 2018), seeded by expanding one 64-bit seed with SplitMix64,
/// as the authors recommend. Written out here rather than taken from <see cref="Random"/> because .NET does not promise
/// that a seeded <see cref="Random"/> yields the same sequence in every version; this class yields the same sequence on
/// every platform and runtime, so a seeded bootstrap interval is reproducible anywhere.
/// Not thread-safe; not for cryptography.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>State words 0..3 are the first four outputs of SplitMix64 started at <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator at a given state (not all zero), for checking against published vectors.</summary>
    internal Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("the all-zero state is not allowed");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea &amp; Flood 2014): advances <paramref name="state"/> and returns the output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>), without bias, by Lemire's multiply-and-reject method
    /// (Lemire 2019, "Fast random integer generation in an interval"): the high word of x · bound, redrawing x while the
    /// low word falls below 2⁶⁴ mod bound.
    /// </summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentException($"the bound must be positive (got {bound})", nameof(bound));
        ulong s = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), s, out ulong low);
        if (low < s)
        {
            ulong threshold = (0 - s) % s;
            while (low < threshold) high = Math.BigMul(NextUInt64(), s, out low);
        }
        return (int)high;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
