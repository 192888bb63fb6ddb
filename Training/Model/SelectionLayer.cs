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
        // unbind: one backward node for all candidates (indexing each would allocate a full-size gradient per candidate).
        var weights = (sample ? SampleWeights(x.shape[0]) : ArgmaxWeights()).unbind(0);
        Tensor? mixture = null;
        for (int k = 0; k < _candidates.Length; k++)
        {
            var output = _candidates[k].Apply(x);
            if (_spec.Clamp is { } c) output = output.clamp(-c, c);
            mixture = mixture is null ? output.mul(weights[k]) : mixture.addcmul_(output, weights[k], 1);
        }
        if (_spec.Clamp is { } clamp) mixture = mixture!.clamp(-clamp, clamp);
        return mixture!;
    }

    // Selection weights are laid out candidate-first ([K, neurons] or [K, batch, neurons]): the softmax and
    // argmax then run over the outer dimension and each candidate's weights are one contiguous block, which
    // is several times faster than reducing over a trailing dimension of size K.

    /// <summary>
    /// One-hot over candidates in the forward pass (hard + (soft − soft) is exactly hard in floating point), the
    /// soft sample's gradient in the backward pass. Shape [K, neurons] (noise per batch) or [K, batch, neurons].
    /// </summary>
    private Tensor SampleWeights(long batch)
    {
        var logitsByCandidate = logits.t();
        if (_spec.Noise == NoiseMode.PerSample) logitsByCandidate = logitsByCandidate.unsqueeze(1);
        long[] shape = _spec.Noise == NoiseMode.PerBatch
            ? [_candidates.Length, Neurons]
            : [_candidates.Length, batch, Neurons];
        var gumbel = GumbelNoise(shape, NoiseGenerator);
        var soft = logitsByCandidate.add(gumbel).div(Temperature).softmax(0);
        var hard = OneHot(soft.argmax(0, keepdim: true), soft);
        return hard.add(soft.sub(soft.detach()));
    }

    private Tensor ArgmaxWeights()
    {
        var byCandidate = logits.t();
        return OneHot(byCandidate.argmax(0, keepdim: true), byCandidate).detach();
    }

    /// <summary>Zeros shaped like <paramref name="like"/> with a 1 at each <paramref name="index"/> along dimension 0.</summary>
    private static Tensor OneHot(Tensor index, Tensor like) =>
        zeros_like(like).scatter_(0, index, ones(index.shape, like.dtype));

    /// <summary>Standard Gumbel noise −log(−log U), U ~ Uniform(0,1) kept away from 0 and 1.</summary>
    public static Tensor GumbelNoise(long[] shape, Generator? generator)
    {
        var u = rand(shape, generator: generator).clamp_(1e-10, 1.0 - 1e-7);
        return u.log_().neg_().log_().neg_();
    }
}
