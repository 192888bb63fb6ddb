using System.Runtime.Intrinsics;

namespace SmartMixed.Training.Activations;

/// <summary>
/// One activation's value and derivative on 8 floats at a time, for the fused selection and grouping kernels.
/// Each formula matches the PyTorch function of the same name (same constants, same branch at 0, same thresholds)
/// to float accuracy; <c>ActivationKernelTests</c> checks them against libtorch's values and autograd gradients.
/// </summary>
internal interface IVectorActivation
{
    static abstract Vector256<float> Value(Vector256<float> x);

    /// <summary>f′(x), given <paramref name="y"/> = f(x) (most derivatives are cheapest from the value).</summary>
    static abstract Vector256<float> Derivative(Vector256<float> x, Vector256<float> y);
}

internal readonly struct ReluActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

    // PyTorch passes the gradient where the output is > 0: nothing at x = 0.
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
}

internal readonly struct SigmoidActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => VectorMath.Sigmoid(x);

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => y * (Vector256<float>.One - y);
}

internal readonly struct TanhActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => VectorMath.Tanh(x);

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => Vector256<float>.One - y * y;
}

internal readonly struct LeakyReluActivation : IVectorActivation
{
    private const float Slope = 0.01f;

    public static Vector256<float> Value(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * Slope);

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(Slope));
}

/// <summary>ELU with α = 1.</summary>
internal readonly struct EluActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, VectorMath.Expm1(Vector256.Min(x, Vector256<float>.Zero)));

    // For x ≤ 0, d/dx (eˣ − 1) = eˣ = y + 1.
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, y + Vector256<float>.One);
}

internal readonly struct SeluActivation : IVectorActivation
{
    private const float Scale = 1.0507009873554804934193349852946f;
    private const float ScaledAlpha = 1.0507009873554804934193349852946f * 1.6732632423543772848170429916717f;

    public static Vector256<float> Value(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero),
            x * Scale, VectorMath.Expm1(Vector256.Min(x, Vector256<float>.Zero)) * ScaledAlpha);

    // For x ≤ 0, d/dx λα(eˣ − 1) = λαeˣ = y + λα.
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(Scale), y + Vector256.Create(ScaledAlpha));
}

/// <summary>Exact GELU, x·Φ(x) (PyTorch's default, not the tanh approximation).</summary>
internal readonly struct GeluActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => x * VectorMath.NormalCdf(x);

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.FusedMultiplyAdd(x, VectorMath.NormalPdf(x), VectorMath.NormalCdf(x));
}

/// <summary>SiLU (swish), x·σ(x).</summary>
internal readonly struct SiluActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => x * VectorMath.Sigmoid(x);

    // σ(x)·(1 + x·(1 − σ(x))), with 1 − σ(x) = e⁻ˣ·σ(x) for x ≥ 0, where subtracting from 1 would cancel.
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
    {
        var e = VectorMath.Exp(-x);
        var s = Vector256<float>.One / (Vector256<float>.One + e);
        var complement = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), e * s, Vector256<float>.One - s);
        return s * Vector256.FusedMultiplyAdd(x, complement, Vector256<float>.One);
    }
}

/// <summary>Mish, x·tanh(softplus(x)).</summary>
internal readonly struct MishActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => x * VectorMath.Tanh(SoftplusActivation.Value(x));

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
    {
        var t = VectorMath.Tanh(SoftplusActivation.Value(x));
        var s = VectorMath.Sigmoid(x);
        return Vector256.FusedMultiplyAdd(x * s, Vector256<float>.One - t * t, t);
    }
}

/// <summary>Softplus with PyTorch's defaults: β = 1, linear above x = 20.</summary>
internal readonly struct SoftplusActivation : IVectorActivation
{
    private static readonly Vector256<float> Threshold = Vector256.Create(20f);

    public static Vector256<float> Value(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Threshold), x, VectorMath.Log1p(VectorMath.Exp(Vector256.Min(x, Threshold))));

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Threshold), Vector256<float>.One, VectorMath.Sigmoid(x));
}

internal readonly struct IdentityActivation : IVectorActivation
{
    public static Vector256<float> Value(Vector256<float> x) => x;

    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => Vector256<float>.One;
}
