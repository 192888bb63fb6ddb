using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// Phase 1: every neuron holds one logit per candidate and, on each forward pass, applies the candidate a hard
/// Gumbel-softmax sample picks. Straight-through: the forward value is exactly the picked function's output,
/// while the logits get gradients from every candidate through the soft sample.
/// </summary>
public sealed class SelectionLayer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter logits;
    private readonly Activation[] _candidates;
    private readonly SelectionSpec _spec;

    public SelectionLayer(long neurons, CandidatePool pool, SelectionSpec spec, Generator initGenerator) : base(nameof(SelectionLayer))
    {
        _candidates = pool.Members.ToArray();
        _spec = spec;
        using (no_grad())
        {
            var init = zeros(neurons, _candidates.Length);
            if (spec.LogitInit == LogitInit.Reference)
            {
                // The reference nudges one random candidate per neuron to 0.001 so the argmax is not a tie.
                var pick = randint(_candidates.Length, [neurons, 1], generator: initGenerator);
                init.scatter_(1, pick, full([neurons, 1], 0.001f));
            }
            logits = new Parameter(init);
        }
        RegisterComponents();
    }

    public Parameter Logits => logits;
    public IReadOnlyList<Activation> Candidates => _candidates;
    public long Neurons => logits.shape[0];

    /// <summary>τ of the hard Gumbel-softmax; the trainer sets it before each step.</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Source of Gumbel noise; the trainer reseeds it per epoch from the run's seed.</summary>
    public Generator? NoiseGenerator { get; set; }

    /// <summary>Index of the most likely candidate per neuron.</summary>
    public long[] Assignment()
    {
        using var _ = no_grad();
        using var a = logits.argmax(1);
        return a.data<long>().ToArray();
    }

    public override Tensor forward(Tensor x)
    {
        bool sample = training || _spec.Evaluation == SelectionEvaluation.Sampled;
        var weights = sample ? SampleWeights(x.shape[0]) : ArgmaxWeights();
        Tensor? mixture = null;
        for (int k = 0; k < _candidates.Length; k++)
        {
            var output = _candidates[k].Apply(x);
            if (_spec.Clamp is { } c) output = output.clamp(-c, c);
            var term = output.mul(weights.select(-1, k));
            mixture = mixture is null ? term : mixture.add_(term);
        }
        if (_spec.Clamp is { } clamp) mixture = mixture!.clamp(-clamp, clamp);
        return mixture!;
    }

    /// <summary>
    /// One-hot rows in the forward pass (hard + (soft − soft) is exactly hard in floating point), the soft
    /// sample's gradient in the backward pass. Shape [neurons, K], or [batch, neurons, K] per sample.
    /// </summary>
    private Tensor SampleWeights(long batch)
    {
        long[] shape = _spec.Noise == NoiseMode.PerBatch
            ? [Neurons, _candidates.Length]
            : [batch, Neurons, _candidates.Length];
        var gumbel = GumbelNoise(shape, NoiseGenerator);
        var soft = logits.add(gumbel).div(Temperature).softmax(-1);
        var hard = OneHot(soft.argmax(-1, keepdim: true), soft);
        return hard.add(soft.sub(soft.detach()));
    }

    private Tensor ArgmaxWeights() => OneHot(logits.argmax(-1, keepdim: true), logits).detach();

    /// <summary>Rows shaped like <paramref name="like"/> with a 1 at each <paramref name="index"/> (keepdim form).</summary>
    private static Tensor OneHot(Tensor index, Tensor like) =>
        zeros_like(like).scatter_(-1, index, ones(index.shape, like.dtype));

    /// <summary>Standard Gumbel noise −log(−log U), U ~ Uniform(0,1) kept away from 0 and 1.</summary>
    public static Tensor GumbelNoise(long[] shape, Generator? generator)
    {
        var u = rand(shape, generator: generator).clamp_(1e-10, 1.0 - 1e-7);
        return u.log_().neg_().log_().neg_();
    }
}
