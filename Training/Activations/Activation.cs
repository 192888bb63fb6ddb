using static TorchSharp.torch;

namespace SmartMixed.Training.Activations;

/// <summary>
/// One candidate activation function: its canonical name, how libtorch applies it to a tensor, and its vectorised
/// formulas for the fused selection and grouping operators.
/// </summary>
public sealed class Activation
{
    private readonly Func<Tensor, Tensor> _apply;

    internal Activation(string name, Func<Tensor, Tensor> apply, ActivationKernel kernel)
    {
        Name = name;
        _apply = apply;
        Kernel = kernel;
    }

    /// <summary>Canonical lower-case name, e.g. <c>leaky_relu</c>.</summary>
    public string Name { get; }

    public Tensor Apply(Tensor x) => _apply(x);

    internal ActivationKernel Kernel { get; }

    public override string ToString() => Name;
}
