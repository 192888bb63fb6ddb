using System.Runtime.Intrinsics;
using SmartMixed.Training.Activations;

namespace SmartMixed.Training.Tests.Activations;

/// <summary>Our inlinable float exp and log against double precision, over their whole range and at the edges.</summary>
public class VectorMathTests
{
    [Fact]
    public void Exp_is_within_two_ulps_everywhere_it_is_normal_and_handles_its_edges()
    {
        for (double x = -87.3; x <= 88.7; x += 0.0137)
        {
            float actual = VectorMath.Exp(Vector256.Create((float)x))[0];
            double expected = Math.Exp((float)x);
            Assert.True(Math.Abs(actual - expected) <= 2.5e-7 * expected, $"exp({(float)x:R}) = {actual:R}, expected {expected:R}");
        }
        Assert.Equal(1f, VectorMath.Exp(Vector256<float>.Zero)[0]);
        Assert.Equal(float.PositiveInfinity, VectorMath.Exp(Vector256.Create(89f))[0]);
        Assert.Equal(float.PositiveInfinity, VectorMath.Exp(Vector256.Create(float.PositiveInfinity))[0]);
        Assert.Equal(0f, VectorMath.Exp(Vector256.Create(-90f))[0]); // below the normal range: flushed to zero
        Assert.Equal(0f, VectorMath.Exp(Vector256.Create(float.NegativeInfinity))[0]);
        Assert.True(float.IsNaN(VectorMath.Exp(Vector256.Create(float.NaN))[0]));
    }

    [Fact]
    public void Log_is_within_two_ulps_from_subnormal_to_huge_and_handles_its_edges()
    {
        foreach (var x in Points())
        {
            float actual = VectorMath.Log(Vector256.Create(x))[0];
            double expected = Math.Log(x);
            Assert.True(Math.Abs(actual - expected) <= 2.5e-7 * Math.Abs(expected) + 1e-7, $"log({x:R}) = {actual:R}, expected {expected:R}");
        }
        Assert.Equal(0f, VectorMath.Log(Vector256<float>.One)[0]);
        Assert.Equal(float.NegativeInfinity, VectorMath.Log(Vector256<float>.Zero)[0]);
        Assert.Equal(float.PositiveInfinity, VectorMath.Log(Vector256.Create(float.PositiveInfinity))[0]);
        Assert.True(float.IsNaN(VectorMath.Log(Vector256.Create(-1f))[0]));
        Assert.True(float.IsNaN(VectorMath.Log(Vector256.Create(float.NaN))[0]));
    }

    private static IEnumerable<float> Points()
    {
        yield return float.Epsilon;
        yield return 1e-40f;
        yield return 1.17549435e-38f;
        for (double x = 1e-30; x < 1e30; x *= 1.37) yield return (float)x;
        for (double x = 0.5; x < 2; x += 0.001) yield return (float)x; // where log is small and relative error matters most
    }
}
