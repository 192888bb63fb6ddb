using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using SmartMixed.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SmartMixed.Training.Tests.Model;

public class SelectionLayerTests
{
    private static readonly CandidatePool Pool = CandidatePool.Parse(CandidatePool.Named["paper6"]);

    /// <summary>
    /// The straight-through gradient, checked against an independent computation in double precision: the noise
    /// is recomputed from its counters, the candidates and their derivatives come from libtorch in float64 (its
    /// own functions and autograd, not our kernels), and the formulas are written out here:
    /// output = f_c(x) with c = argmax(scores); ∂L/∂x = upstream · f_c′(x) (x gets gradient only through the
    /// chosen function); ∂L/∂l = (1/τ)·Σ_batch y ⊙ (c − ⟨c, y⟩), y = softmax(scores), c_k = f_k(x)·upstream.
    /// </summary>
    [Theory]
    [InlineData(NoiseMode.PerSample, TemperatureRole.Estimator, 0.3, null)]
    [InlineData(NoiseMode.PerSample, TemperatureRole.Exploration, 2.0, null)]
    [InlineData(NoiseMode.PerBatch, TemperatureRole.Estimator, 0.3, null)]
    [InlineData(NoiseMode.PerBatch, TemperatureRole.Exploration, 0.7, null)]
    [InlineData(NoiseMode.PerSample, TemperatureRole.Estimator, 1.5, 2.0)]
    [InlineData(NoiseMode.PerBatch, TemperatureRole.Estimator, 0.5, 2.0)]
    public void Gradients_are_the_straight_through_estimator_computed_independently(NoiseMode noise, TemperatureRole role, double tau, double? clamp)
    {
        const int B = 16, H = 20, K = 6;
        using var init = new Generator(3);
        using var layer = new SelectionLayer(H, Pool, new SelectionSpec(noise, Clamp: clamp), init, role) { Temperature = tau };
        using (no_grad()) layer.Logits.copy_(randn([H, K], generator: init));
        layer.train();
        var x = (randn([B, H], generator: init) * 2).requires_grad_();
        var upstream = randn([B, H], generator: init);
        const long key = 12345;
        layer.Noise = new NoiseStream(key);

        var y = layer.call(x);
        y.backward([upstream]);

        // The independent computation.
        var (k0, k1) = new NoiseStream(key).NextCall();
        var l = layer.Logits.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        var xs = x.detach().to_type(ScalarType.Float64);
        var u = upstream.to_type(ScalarType.Float64).data<double>().ToArray();
        var (f, df) = CandidatesInDouble(xs);
        double lo = clamp is { } c ? -c : double.NegativeInfinity, hi = clamp ?? double.PositiveInfinity;
        var expectedY = new double[B * H];
        var expectedGradX = new double[B * H];
        var expectedGradL = new double[H * K];
        for (int b = 0; b < B; b++)
            for (int h = 0; h < H; h++)
            {
                int i = b * H + h, noiseIndex = noise == NoiseMode.PerSample ? i : h;
                var score = new double[K];
                for (int k = 0; k < K; k++)
                {
                    double g = -Math.Log(-Math.Log(CounterNoise.Uniform(k0, k1, (uint)(noiseIndex * K + k))));
                    score[k] = role == TemperatureRole.Estimator ? (l[h * K + k] + g) / tau : l[h * K + k] / tau + g;
                }
                int chosen = Array.IndexOf(score, score.Max());
                var soft = Softmax(score);
                double fc = f[chosen][i];
                expectedY[i] = Math.Clamp(fc, lo, hi);
                expectedGradX[i] = fc >= lo && fc <= hi ? u[i] * df[chosen][i] : 0;
                var cs = Enumerable.Range(0, K).Select(k => Math.Clamp(f[k][i], lo, hi) * u[i]).ToArray();
                double mean = Enumerable.Range(0, K).Sum(k => soft[k] * cs[k]);
                for (int k = 0; k < K; k++) expectedGradL[h * K + k] += soft[k] * (cs[k] - mean) / tau;
            }

        AssertClose(expectedY, y.detach().data<float>().ToArray(), 1e-5, "output");
        AssertClose(expectedGradX, x.grad!.data<float>().ToArray(), 1e-5, "∂L/∂x");
        AssertClose(expectedGradL, layer.Logits.grad!.data<float>().ToArray(), 1e-4, "∂L/∂logits");
        // The check has teeth: the logits' gradient is far from zero and from what τ = 1 would give.
        Assert.True(expectedGradL.Max(Math.Abs) > 0.05, "the logits' gradient is not trivially small");
        if (Math.Abs(tau - 1) > 0.2)
            Assert.True(expectedGradL.Zip(layer.Logits.grad!.data<float>().ToArray(), (e, a) => Math.Abs(e * tau - a)).Max() > 1e-2,
                "a gradient without the 1/τ factor would be told apart");
    }

    /// <summary>
    /// Gumbel-max: with τ as an estimator setting the hard sample follows softmax(logits) at every τ; with τ as
    /// exploration it follows softmax(logits/τ), so high τ explores and low τ exploits.
    /// </summary>
    [Theory]
    [InlineData(TemperatureRole.Estimator, 0.3)]
    [InlineData(TemperatureRole.Estimator, 1.0)]
    [InlineData(TemperatureRole.Estimator, 3.0)]
    [InlineData(TemperatureRole.Exploration, 0.3)]
    [InlineData(TemperatureRole.Exploration, 3.0)]
    public void Hard_sample_frequencies_follow_the_role_of_the_temperature(TemperatureRole role, double tau)
    {
        const int rows = 5_000, width = 8;
        float[] logit = [0.5f, -0.3f, 1.2f, 0.0f, -1.0f, 0.8f];
        var kernel = new SelectionKernel(Pool.Members, width);
        var logits = Enumerable.Range(0, width).SelectMany(_ => logit).ToArray();
        var w = kernel.Rent();
        var call = new SelectionCall(rows, SelectionDraw.PerSample, (float)tau, role == TemperatureRole.Exploration, null, 7, 11);
        kernel.Forward(call, new float[rows * width], logits, new float[rows * width], w);

        var counts = new double[6];
        foreach (var choice in w.Choice[..(rows * width)]) counts[choice]++;
        var expected = Softmax(logit.Select(v => role == TemperatureRole.Estimator ? v : v / tau).ToArray());
        // 40,000 draws: the binomial standard error is at most 0.0025; allow 4 of them.
        for (int k = 0; k < 6; k++) Assert.InRange(counts[k] / (rows * width) - expected[k], -0.01, 0.01);
    }

    [Fact]
    public void Argmax_evaluation_applies_each_neurons_most_likely_function_without_noise()
    {
        using var init = new Generator(5);
        using var layer = new SelectionLayer(12, Pool, new SelectionSpec(Evaluation: SelectionEvaluation.Argmax), init);
        using (no_grad()) layer.Logits.copy_(randn([12, 6], generator: init));
        layer.eval();
        using var x = randn([9, 12], generator: init) * 3;
        using var _ = no_grad();
        var y = layer.call(x).data<float>().ToArray();
        var choice = layer.Assignment();
        var xs = x.data<float>().ToArray();
        for (int b = 0; b < 9; b++)
            for (int h = 0; h < 12; h++)
            {
                using var single = tensor(new[] { xs[b * 12 + h] });
                float expected = Pool.Members[(int)choice[h]].Apply(single).item<float>();
                Assert.Equal(expected, y[b * 12 + h], 5);
            }
    }

    [Theory]
    [InlineData(NoiseMode.PerSample)]
    [InlineData(NoiseMode.PerBatch)]
    public void An_evaluation_in_several_passes_draws_the_noise_of_a_single_pass(NoiseMode noise)
    {
        // 600 rows: three passes without gradients; with gradients the kernel computes all rows at once.
        using var init = new Generator(6);
        using var layer = new SelectionLayer(20, Pool, new SelectionSpec(noise, SelectionEvaluation.Sampled), init);
        using (no_grad()) layer.Logits.copy_(randn([20, 6], generator: init));
        var x = randn([600, 20], generator: init) * 2;
        layer.eval();
        layer.Noise = new NoiseStream(31);
        float[] inPasses;
        using (no_grad()) inPasses = layer.call(x).data<float>().ToArray();
        layer.Noise = new NoiseStream(31);
        var single = layer.call(x.requires_grad_()).detach().data<float>().ToArray();
        Assert.Equal(single, inPasses);
    }

    [Fact]
    public void Different_calls_draw_different_noise_and_the_same_key_replays_it()
    {
        using var init = new Generator(3);
        using var layer = new SelectionLayer(64, Pool, new SelectionSpec(NoiseMode.PerBatch), init);
        layer.train();
        using var x = randn([4, 64], generator: init) * 3;
        using var _ = no_grad();
        layer.Noise = new NoiseStream(99);
        var first = layer.call(x).data<float>().ToArray();
        var second = layer.call(x).data<float>().ToArray();
        layer.Noise = new NoiseStream(99);
        var replay = layer.call(x).data<float>().ToArray();
        Assert.Equal(first, replay);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Reference_logit_init_nudges_exactly_one_candidate_per_neuron()
    {
        using var init = new Generator(1);
        using var layer = new SelectionLayer(50, Pool, new SelectionSpec(LogitInit: LogitInit.Reference), init);
        var logits = layer.Logits.detach();
        Assert.Equal(50, logits.ne(0).sum().item<long>());
        Assert.Equal(0.001f * 50, logits.sum().item<float>(), 4);

        using var zeros = new SelectionLayer(50, Pool, new SelectionSpec(LogitInit: LogitInit.Zeros), init);
        Assert.Equal(0, zeros.Logits.detach().ne(0).sum().item<long>());
    }

    [Fact]
    public void Clamp_bounds_candidate_and_mixture_outputs()
    {
        using var init = new Generator(2);
        using var layer = new SelectionLayer(8, CandidatePool.Parse(["identity"]), new SelectionSpec(Clamp: 10), init)
            { Noise = new NoiseStream(4) };
        layer.train();
        var y = layer.call(tensor(new float[] { -50, -5, 0, 5, 50, 9.5f, 10.5f, -10.5f }).reshape(1, 8));
        Assert.Equal(new float[] { -10, -5, 0, 5, 10, 9.5f, 10, -10 }, y.data<float>().ToArray());
    }

    [Fact]
    public void A_sampling_layer_without_a_noise_stream_says_so()
    {
        using var init = new Generator(2);
        using var layer = new SelectionLayer(8, Pool, new SelectionSpec(), init);
        layer.train();
        var error = Assert.Throws<InvalidOperationException>(() => layer.call(zeros(2, 8)));
        Assert.Contains("noise stream", error.Message);
    }

    /// <summary>Every candidate's value and derivative at x in float64, from libtorch's functions and autograd.</summary>
    internal static (double[][] Values, double[][] Derivatives) CandidatesInDouble(Tensor x64)
    {
        var values = new double[Pool.Count][];
        var derivatives = new double[Pool.Count][];
        for (int k = 0; k < Pool.Count; k++)
        {
            var input = x64.detach().clone().requires_grad_();
            var output = Pool.Members[k].Apply(input);
            output.sum().backward();
            values[k] = output.detach().data<double>().ToArray();
            derivatives[k] = input.grad!.data<double>().ToArray();
        }
        return (values, derivatives);
    }

    internal static double[] Softmax(IReadOnlyList<double> z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double total = e.Sum();
        return e.Select(v => v / total).ToArray();
    }

    private static double[] Softmax(IReadOnlyList<float> z) => Softmax(z.Select(v => (double)v).ToArray());

    internal static void AssertClose(double[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (error {error:G3})");
        }
    }
}
