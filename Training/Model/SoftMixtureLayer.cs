using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// The soft-mixture baseline's activation: every neuron outputs Σ_k softmax(logits)_k · f_k(x), a learned,
/// continuous blend of the whole pool, with no noise and no hard choice, trained as such to the end. It answers
/// whether SmartMixed's gain (if any) comes from choosing or merely from mixing functions.
/// </summary>
public sealed class SoftMixtureLayer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter logits;
    private readonly SelectionKernel _kernel;

    public SoftMixtureLayer(long neurons, CandidatePool pool, LogitInit init, Generator initGenerator) : base(nameof(SoftMixtureLayer))
    {
        _kernel = new SelectionKernel(pool.Members, checked((int)neurons));
        logits = new Parameter(SelectionLayer.InitialLogits(neurons, pool.Count, init, initGenerator));
        RegisterComponents();
    }

    public Parameter Logits => logits;
    public long Neurons => logits.shape[0];

    /// <summary>Each neuron's dominant candidate (largest mixture weight), for reporting.</summary>
    public long[] Dominant()
    {
        using var _ = no_grad();
        using var a = logits.argmax(1);
        return a.data<long>().ToArray();
    }

    public override Tensor forward(Tensor x) =>
        SelectionFunction.Apply(_kernel, new SelectionCall(checked((int)x.shape[0]), SelectionDraw.Soft, 1f, false, null, 0, 0), x, logits);
}
