using SmartMixed.Training.Activations;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// Phase 2 (and fixed baselines): each neuron's function is frozen and neurons are ordered so every function's
/// neurons form one contiguous slice; a layer applies each function once, to its slice (one fused pass over
/// the layer, <see cref="GroupedActivationFunction"/>).
/// </summary>
public sealed class GroupedActivation : nn.Module<Tensor, Tensor>
{
    private readonly (Activation Function, long Start, long Length)[] _groups;

    public GroupedActivation(IReadOnlyList<(Activation Function, long Length)> groups) : base(nameof(GroupedActivation))
    {
        var list = new List<(Activation, long, long)>();
        long start = 0;
        foreach (var (function, length) in groups)
        {
            if (length == 0) continue;
            list.Add((function, start, length));
            start += length;
        }
        if (list.Count == 0) throw new ArgumentException("a layer needs at least one neuron");
        _groups = list.ToArray();
        Neurons = start;
    }

    public long Neurons { get; }
    public IReadOnlyList<(Activation Function, long Start, long Length)> Groups => _groups;

    public override Tensor forward(Tensor x)
    {
        // One function: libtorch's own kernel, exactly what a plain network runs.
        if (_groups.Length == 1) return _groups[0].Function.Apply(x);
        return GroupedActivationFunction.Apply(_groups, x);
    }
}
