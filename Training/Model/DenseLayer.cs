using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// A fully connected layer initialised from the run's own generator (PyTorch's default bounds ±1/√fan_in),
/// whose neurons can be reordered without changing what the network computes.
/// </summary>
public sealed class DenseLayer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public DenseLayer(long inputs, long outputs, Generator generator) : base(nameof(DenseLayer))
    {
        double bound = 1.0 / Math.Sqrt(inputs);
        using (no_grad())
        {
            weight = new Parameter(rand([outputs, inputs], generator: generator).mul_(2 * bound).sub_(bound));
            bias = new Parameter(rand([outputs], generator: generator).mul_(2 * bound).sub_(bound));
        }
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter Bias => bias;
    public long Inputs => weight.shape[1];
    public long Outputs => weight.shape[0];

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    /// <summary>Copies another layer's weights with its output neurons and input columns reordered.</summary>
    public void CopyPermuted(DenseLayer source, long[]? outputOrder, long[]? inputOrder)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = source.weight.detach();
        var b = source.bias.detach();
        if (outputOrder is not null)
        {
            var order = tensor(outputOrder);
            w = w.index_select(0, order);
            b = b.index_select(0, order);
        }
        if (inputOrder is not null) w = w.index_select(1, tensor(inputOrder));
        weight.copy_(w);
        bias.copy_(b);
    }
}
