using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using SmartMixed.Training.Model;
using static TorchSharp.torch;

namespace SmartMixed.Training.Tests.Model;

public class GroupingTests
{
    [Fact]
    public void Grouped_network_with_carried_weights_computes_what_the_selecting_network_computes_with_argmax()
    {
        var pool = CandidatePool.Parse(["relu", "sigmoid", "tanh", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "identity"]);
        using var init = new Generator(17);
        using var selecting = SmartMixedNetwork.Selecting(30, [40, 25, 12], 10, pool, new SelectionSpec(Evaluation: SelectionEvaluation.Argmax), init);
        // Spread the argmax over all candidates so every group is non-trivial.
        using (no_grad())
            foreach (var layer in selecting.SelectionLayers) layer.Logits.copy_(randn(layer.Logits.shape, generator: init));
        var assignment = selecting.SelectionLayers.Select(l => LayerAssignment.From(l.Assignment())).ToArray();
        Assert.True(assignment[0].Counts(pool.Count).Count(c => c > 0) >= 6, "the first layer mixes many functions");

        using var grouped = SmartMixedNetwork.GroupedFrom(selecting, assignment, pool, init);
        using var x = randn([64, 30], generator: init);
        selecting.eval();
        grouped.eval();
        using var _ = no_grad();
        var before = selecting.call(x);
        var after = grouped.call(x);
        Assert.True(before.allclose(after, rtol: 0, atol: 1e-5), $"max difference {(before - after).abs().max().item<float>()}");
    }

    [Fact]
    public void Grouped_activation_applies_each_function_to_its_own_slice()
    {
        var relu = ActivationCatalog.Get("relu");
        var tanh = ActivationCatalog.Get("tanh");
        using var layer = new GroupedActivation([(relu, 2), (tanh, 3)]);
        using var x = tensor(new float[] { -1, 2, -1, 0.5f, 3 }).reshape(1, 5);
        var y = layer.call(x).data<float>().ToArray();
        Assert.Equal(new[] { 0f, 2f, MathF.Tanh(-1), MathF.Tanh(0.5f), MathF.Tanh(3) }, y);
    }

    [Fact]
    public void Assignment_order_makes_each_function_contiguous_and_keeps_neurons_stable()
    {
        var a = new LayerAssignment([2, 0, 2, 1, 0]);
        Assert.Equal(new long[] { 1, 4, 3, 0, 2 }, a.Order());
        Assert.Equal(new[] { 2, 1, 2 }, a.Counts(3));
    }
}
