using static TorchSharp.torch;

namespace SmartMixed.Training.Activations;

/// <summary>One candidate activation function: its canonical name and how to apply it to a tensor.</summary>
public sealed class Activation
{
    private readonly Func<Tensor, Tensor> _apply;

    internal Activation(string name, Func<Tensor, Tensor> apply)
    {
        Name = name;
        _apply = apply;
    }

    /// <summary>Canonical lower-case name, e.g. <c>leaky_relu</c>.</summary>
    public string Name { get; }

    public Tensor Apply(Tensor x) => _apply(x);

    public override string ToString() => Name;
}
