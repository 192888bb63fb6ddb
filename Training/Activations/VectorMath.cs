using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmartMixed.Training.Activations;

/// <summary>
/// Elementary functions on 8 floats at a time, written so they keep full float accuracy where the textbook formula
/// loses it (expm1 near 0, log1p of tiny values, tanh near 0, the normal CDF far in the tail). Exp and Log are our
/// own float algorithms (Cephes' polynomials, ~1 ulp) rather than .NET's <see cref="Vector256.Exp(Vector256{float})"/>,
/// which works in double and is not inlined: a call inside a kernel's loop makes the JIT keep every live vector on
/// the stack, and these functions sit in the innermost loops of every training step.
/// </summary>
internal static class VectorMath
{
    private static Vector256<float> One => Vector256<float>.One;
    private static Vector256<float> Zero => Vector256<float>.Zero;

    /// <summary>
    /// eˣ: exact at 0, +∞ above ln(float.MaxValue), 0 below ln(float.MinNormal) (subnormal results are flushed to 0:
    /// computing them would cost a slow microcode assist per element on x86); NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // x = n·ln2 + r, |r| ≤ ln2/2; eʳ by Cephes' expf polynomial; 2ⁿ as two exponent-field powers (each normal).
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.33654f)), Vector256.Create(88.72283f));
        var n = Vector256.Round(clamped * Vector256.Create(1.44269504088896341f));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693359375f), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(2.12194440e-4f), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        p = Vector256.FusedMultiplyAdd(p * r, r, r) + One;
        var k = Vector256.ConvertToInt32(n);
        var half = Vector256.ShiftRightArithmetic(k, 1);
        var scale1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scale2 = Vector256.ShiftLeft(k - half + Vector256.Create(127), 23).AsSingle();
        var result = p * scale1 * scale2;
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(88.72283905206835f)), Vector256.Create(float.PositiveInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-87.33654f)), Zero, result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>Natural log: −∞ at 0, NaN below 0 and for NaN, +∞ at +∞; subnormal inputs are handled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        // x = m·2ᵉ with m in [√½, √2); log m by Cephes' logf polynomial in f = m − 1.
        var subnormal = Vector256.LessThan(x, Vector256.Create(1.17549435e-38f));
        var scaled = Vector256.ConditionalSelect(subnormal, x * 8388608f, x); // × 2²³
        var bits = scaled.AsInt32();
        var e = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        e = Vector256.ConditionalSelect(subnormal.AsInt32(), e - Vector256.Create(23), e);
        var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var big = Vector256.GreaterThan(m, Vector256.Create(1.41421356f));
        m = Vector256.ConditionalSelect(big, m * 0.5f, m);
        e = Vector256.ConditionalSelect(big.AsInt32(), e + Vector256<int>.One, e);
        var f = m - One;
        var z = f * f;
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(7.0376836292e-2f), f, Vector256.Create(-1.1514610310e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.1676998740e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-1.2420140846e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(1.4249322787e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-1.6668057665e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(2.0000714765e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(-2.4999993993e-1f));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(3.3333331174e-1f));
        var ef = Vector256.ConvertToSingle(e);
        var y = p * f * z;
        y = Vector256.FusedMultiplyAdd(ef, Vector256.Create(-2.12194440e-4f), y);
        y = Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), y);
        var result = Vector256.FusedMultiplyAdd(ef, Vector256.Create(0.693359375f), f + y);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Zero), Vector256.Create(float.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, result);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Zero), result, Vector256.Create(float.NaN));
    }

    /// <summary>eˣ − 1, accurate to a few ulp also where eˣ ≈ 1 (Taylor series below |x| = 1/4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Expm1(Vector256<float> x)
    {
        // x(1 + x/2 + x²/6 + … + x⁶/5040): the first dropped term is below 2e-9 relative at |x| = 1/4.
        var p = Vector256.FusedMultiplyAdd(x, Vector256.Create(1f / 5040), Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(x, p, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(x, p, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(x, p, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(x, p, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(x, p, One);
        var small = x * p;
        var large = Exp(x) - One;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(0.25f)), small, large);
    }

    /// <summary>log(1 + y) for y ≥ 0, accurate for tiny y (Goldberg's correction: log(u)·y/(u − 1) with u = 1 + y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1p(Vector256<float> y)
    {
        var u = One + y;
        var corrected = Log(u) * (y / (u - One));
        return Vector256.ConditionalSelect(Vector256.Equals(u, One), y, corrected);
    }

    /// <summary>tanh, with Cephes' odd polynomial below |x| = 0.625 where 1 − 2/(e²ˣ + 1) would cancel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var z = x * x;
        var p = Vector256.FusedMultiplyAdd(z, Vector256.Create(-5.70498872745e-3f), Vector256.Create(2.06390887954e-2f));
        p = Vector256.FusedMultiplyAdd(z, p, Vector256.Create(-5.37397155531e-2f));
        p = Vector256.FusedMultiplyAdd(z, p, Vector256.Create(1.33314422036e-1f));
        p = Vector256.FusedMultiplyAdd(z, p, Vector256.Create(-3.33332819422e-1f));
        var small = Vector256.FusedMultiplyAdd(x * z, p, x);
        var a = Vector256.Abs(x);
        var large = One - Vector256.Create(2f) / (Exp(a + a) + One); // e²ˣ → ∞ gives exactly 1
        large = Vector256.ConditionalSelect(Vector256.LessThan(x, Zero), -large, large);
        return Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(0.625f)), small, large);
    }

    /// <summary>1 / (1 + e⁻ˣ); e⁻ˣ overflowing to ∞ gives exactly 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => One / (One + Exp(-x));

    /// <summary>
    /// erfc(z) for z ≥ 0 with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit), so the
    /// normal CDF stays accurate far in its lower tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ErfcNonNegative(Vector256<float> z)
    {
        var t = One / Vector256.FusedMultiplyAdd(Vector256.Create(0.5f), z, One);
        var p = Vector256.FusedMultiplyAdd(t, Vector256.Create(0.17087277f), Vector256.Create(-0.82215223f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(1.48851587f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(-1.13520398f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(0.27886807f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(-0.18628806f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(0.09678418f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(0.37409196f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(1.00002368f));
        p = Vector256.FusedMultiplyAdd(t, p, Vector256.Create(-1.26551223f));
        return t * Exp(p - z * z);
    }

    /// <summary>The standard normal CDF Φ(x) = ½·erfc(−x/√2), accurate in both tails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NormalCdf(Vector256<float> x)
    {
        var z = Vector256.Abs(x) * Vector256.Create(0.70710678118654752f);
        var tail = Vector256.Create(0.5f) * ErfcNonNegative(z);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Zero), tail, One - tail);
    }

    /// <summary>The standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NormalPdf(Vector256<float> x) =>
        Vector256.Create(0.39894228040143268f) * Exp(Vector256.Create(-0.5f) * x * x);
}
