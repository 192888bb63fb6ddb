using SmartMixed.Training.Activations;
using static TorchSharp.torch;

namespace SmartMixed.Training.Tests.Activations;

/// <summary>
/// The fused operators compute activations with their own vectorised formulas; these must be the catalog's
/// functions: value and derivative match libtorch's function and autograd in float64 to float accuracy, over a
/// range that includes 0, tiny values, both tails and the points where formulas switch branch.
/// </summary>
public class ActivationKernelTests
{
    private static readonly float[] Points = BuildPoints();

    public static TheoryData<string> Names() => new(ActivationCatalog.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_and_derivative_match_libtorch_in_double_precision(string name)
    {
        var activation = ActivationCatalog.Get(name);
        var values = new float[Points.Length];
        var derivatives = new float[Points.Length];
        activation.Kernel.Values(Points, values);
        activation.Kernel.Derivatives(Points, values, derivatives);

        var x = tensor(Points.Select(p => (double)p).ToArray()).requires_grad_();
        var y = activation.Apply(x);
        y.sum().backward();
        var expectedValues = y.detach().data<double>().ToArray();
        var expectedDerivatives = x.grad!.data<double>().ToArray();

        for (int i = 0; i < Points.Length; i++)
        {
            // A few float ulps relative, plus an absolute floor for values that cancel to near zero.
            Assert.True(Close(expectedValues[i], values[i]), $"{name}({Points[i]:R}) = {values[i]:R}, libtorch (float64) says {expectedValues[i]:R}");
            Assert.True(Close(expectedDerivatives[i], derivatives[i]), $"{name}'({Points[i]:R}) = {derivatives[i]:R}, libtorch (float64) says {expectedDerivatives[i]:R}");
        }
    }

    [Fact]
    public void Column_passes_touch_only_their_columns_and_handle_partial_chunks()
    {
        var tanh = ActivationCatalog.Get("tanh").Kernel;
        const int rows = 3, width = 13;
        var x = Enumerable.Range(0, rows * width).Select(i => (i - 20) / 7f).ToArray();
        var y = Enumerable.Repeat(float.NaN, rows * width).ToArray();
        tanh.ValuesInColumns(x, y, rows, width, start: 2, length: 9);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < width; c++)
            {
                float v = y[r * width + c];
                if (c is >= 2 and < 11) Assert.InRange(v - Math.Tanh(x[r * width + c]), -1e-7, 1e-7);
                else Assert.True(float.IsNaN(v), $"column {c} outside the slice was written");
            }
        Assert.Throws<ArgumentException>(() => tanh.ValuesInColumns(x, y, rows, width, start: 8, length: 9));
    }

    private static bool Close(double expected, float actual) =>
        Math.Abs(expected - actual) <= 4e-7 * Math.Abs(expected) + 2e-7 || (double.IsInfinity(expected) && expected == actual);

    private static float[] BuildPoints()
    {
        var points = new List<float> { 0f, -0f, 1e-30f, -1e-30f, 1e-7f, -1e-7f, 1e-4f, -1e-4f, 0.25f, -0.25f, 0.625f, -0.625f, 20f, 20.001f, 19.999f, -20f, 40f, -40f, 88f, -88f, 100f, -100f };
        for (int i = -800; i <= 800; i++) points.Add(i / 40f); // -20 … 20 in steps of 1/40
        return points.ToArray();
    }
}
