using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using SmartMixed.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SmartMixed.Training.Tests.Model;

public class SelectionLayerTests
{
    private static readonly CandidatePool Pool = CandidatePool.Parse(CandidatePool.Named["paper6"]);

    [Theory]
    [InlineData(NoiseMode.PerBatch)]
    [InlineData(NoiseMode.PerSample)]
    public void Forward_value_is_exactly_the_sampled_function_and_logits_get_gradients(NoiseMode noise)
    {
        using var init = new Generator(3);
        using var layer = new SelectionLayer(40, Pool, new SelectionSpec(noise, Clamp: null), init)
            { Temperature = 0.5, NoiseGenerator = new Generator(11) };
        layer.train();
        using var x = randn([16, 40], generator: new Generator(5)) * 3;

        // Same noise draw replayed to see which candidate was picked per (sample, neuron).
        layer.NoiseGenerator.manual_seed(99);
        var y = layer.call(x);
        var outputs = stack(Pool.Members.Select(a => a.Apply(x)).ToArray(), -1); // [B, H, K]
        var matchesSomeCandidate = outputs.eq(y.unsqueeze(-1)).any(-1);
        Assert.True(matchesSomeCandidate.all().item<bool>(), "every output equals one candidate's output exactly");

        // Exactly one-hot: the output is the candidate the hard sample chose (replay the same noise; the layer
        // lays its weights out candidate-first, [K, neurons] or [K, batch, neurons]).
        layer.NoiseGenerator.manual_seed(99);
        long[] shape = noise == NoiseMode.PerBatch ? [Pool.Count, 40] : [Pool.Count, 16, 40];
        var gumbel = SelectionLayer.GumbelNoise(shape, layer.NoiseGenerator);
        var logitsByCandidate = layer.Logits.detach().t();
        if (noise == NoiseMode.PerSample) logitsByCandidate = logitsByCandidate.unsqueeze(1);
        var choice = logitsByCandidate.add(gumbel).div(0.5).softmax(0).argmax(0); // [40] or [16, 40]
        if (noise == NoiseMode.PerBatch) choice = choice.unsqueeze(0).expand(16, 40);
        var chosen = outputs.gather(-1, choice.unsqueeze(-1)).squeeze(-1);
        Assert.True(chosen.equal(y).all().item<bool>(), "the forward value is exactly the chosen function's output");

        y.sum().backward();
        var grad = layer.Logits.grad;
        Assert.NotNull(grad);
        Assert.True(grad!.abs().sum().item<float>() > 0, "logits receive gradients through the soft sample");
        // Straight-through: candidates that were not picked still get gradient in rows where they differ.
        Assert.True(grad.ne(0).sum().item<long>() > 40, "gradients reach more than one candidate per neuron");
    }

    /// <summary>
    /// Gumbel-max: argmax(logits + g) is distributed as softmax(logits). Dividing by τ inside the softmax does
    /// not move the argmax, so τ shapes only the straight-through gradient, never which function is sampled.
    /// </summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Hard_sample_frequencies_match_softmax_of_the_logits_at_any_temperature(double tau)
    {
        const int draws = 40_000;
        using var logits = tensor(new float[] { 0.5f, -0.3f, 1.2f, 0.0f, -1.0f, 0.8f });
        using var generator = new Generator(123);
        using var gumbel = SelectionLayer.GumbelNoise([draws, 6], generator);
        using var picks = logits.unsqueeze(0).add(gumbel).div(tau).softmax(-1).argmax(1);
        var frequencies = picks.bincount(null, 6).to_type(ScalarType.Float64).div(draws);
        var expected = logits.softmax(0).to_type(ScalarType.Float64);
        // The binomial standard error at 40k draws is at most 0.0025; allow 4 of them.
        for (int k = 0; k < 6; k++)
            Assert.InRange(frequencies[k].item<double>() - expected[k].item<double>(), -0.01, 0.01);
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
            { NoiseGenerator = new Generator(4) };
        layer.train();
        var y = layer.call(tensor(new float[] { -50, -5, 0, 5, 50, 9.5f, 10.5f, -10.5f }).reshape(1, 8));
        Assert.Equal(new float[] { -10, -5, 0, 5, 10, 9.5f, 10, -10 }, y.data<float>().ToArray());
    }
}
