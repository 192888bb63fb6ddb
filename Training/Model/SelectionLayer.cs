using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// Phase 1: every neuron holds one logit per candidate and, on each forward pass, applies the candidate a hard
/// Gumbel-softmax sample picks. Straight-through: the forward value is exactly the picked function's output,
/// while the logits get the gradient of the soft sample softmax(scores) from every candidate:
/// ∂L/∂l = (1/τ)·y ⊙ (c − ⟨c, y⟩), c_k = f_k(x)·upstream. Scores are (l + g)/τ when τ is an estimator setting
/// (the paper's: the sample follows softmax(l) at every τ) or l/τ + g when τ sets exploration (it follows
/// softmax(l/τ)). Computed by the fused <see cref="SelectionKernel"/> with counter-based noise.
/// </summary>
public sealed class SelectionLayer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter logits;
    private readonly Activation[] _candidates;
    private readonly SelectionSpec _spec;
    private readonly TemperatureRole _role;
    private readonly SelectionKernel _kernel;

    public SelectionLayer(long neurons, CandidatePool pool, SelectionSpec spec, Generator initGenerator,
        TemperatureRole role = TemperatureRole.Estimator) : base(nameof(SelectionLayer))
    {
        _candidates = pool.Members.ToArray();
        _spec = spec;
        _role = role;
        _kernel = new SelectionKernel(_candidates, checked((int)neurons));
        logits = new Parameter(InitialLogits(neurons, _candidates.Length, spec.LogitInit, initGenerator));
        RegisterComponents();
    }

    public Parameter Logits => logits;
    public IReadOnlyList<Activation> Candidates => _candidates;
    public long Neurons => logits.shape[0];

    /// <summary>τ of the hard Gumbel-softmax; the trainer sets it before each step.</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>Source of Gumbel noise; the trainer opens one per epoch from the run's seed.</summary>
    public NoiseStream? Noise { get; set; }

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
        var draw = !sample ? SelectionDraw.Argmax : _spec.Noise == NoiseMode.PerSample ? SelectionDraw.PerSample : SelectionDraw.PerBatch;
        var (k0, k1) = sample
            ? (Noise ?? throw new InvalidOperationException("a sampling selection layer needs a noise stream")).NextCall()
            : (0u, 0u);
        var call = new SelectionCall(checked((int)x.shape[0]), draw, (float)Temperature, _role == TemperatureRole.Exploration,
            _spec.Clamp is { } c ? (float)c : null, k0, k1);
        return SelectionFunction.Apply(_kernel, call, x, logits);
    }

    /// <summary>All zero, or (reference) one random candidate per neuron nudged to 0.001 so the argmax is not a tie.</summary>
    internal static Tensor InitialLogits(long neurons, int candidates, LogitInit init, Generator generator)
    {
        using var _ = no_grad();
        var values = zeros(neurons, candidates);
        if (init == LogitInit.Reference)
        {
            var pick = randint(candidates, [neurons, 1], generator: generator);
            values.scatter_(1, pick, full([neurons, 1], 0.001f));
        }
        return values;
    }
}
