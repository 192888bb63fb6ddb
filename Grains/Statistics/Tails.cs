using MathNet.Numerics;

namespace SmartMixed.Grains.Statistics;

/// <summary>
/// Upper-tail probabilities computed directly from the regularised incomplete gamma and beta functions, not as
/// 1 − CDF, so that small p-values keep their digits instead of rounding to 0.
/// </summary>
internal static class Tails
{
    /// <summary>P(χ²_df ≥ x) = Q(df/2, x/2).</summary>
    public static double ChiSquareUpper(double df, double x) =>
        x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * x);

    /// <summary>P(F_(d1, d2) ≥ f) = I_(d2/(d2 + d1 f))(d2/2, d1/2).</summary>
    public static double FUpper(double d1, double d2, double f) =>
        f <= 0 ? 1 : SpecialFunctions.BetaRegularized(0.5 * d2, 0.5 * d1, d2 / (d2 + d1 * f));
}
