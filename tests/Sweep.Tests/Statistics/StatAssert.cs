namespace SmartMixed.Sweep.Tests.Statistics;

/// <summary>Assertions for computed numbers: present, and within an absolute or relative tolerance of the reference.</summary>
internal static class StatAssert
{
    public static void Near(double expected, double? actual, double tolerance)
    {
        Assert.True(actual.HasValue, $"expected {expected:R}, got null");
        Assert.True(Math.Abs(expected - actual!.Value) <= tolerance,
            $"expected {expected:R} ± {tolerance:G3}, got {actual.Value:R} (off by {Math.Abs(expected - actual.Value):G3})");
    }

    public static void Relative(double expected, double? actual, double relativeTolerance)
    {
        Assert.True(actual.HasValue, $"expected {expected:R}, got null");
        double tolerance = relativeTolerance * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual!.Value) <= tolerance,
            $"expected {expected:R} (relative ± {relativeTolerance:G3}), got {actual.Value:R}");
    }
}
