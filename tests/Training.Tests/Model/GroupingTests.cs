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
    public void Fused_grouped_activation_matches_libtorch_per_slice_forward_and_backward()
    {
        // 37 neurons in 5 uneven groups (partial 8-lane chunks in every group).
        var names = new[] { "selu", "gelu", "relu", "tanh", "mish" };
        long[] lengths = [9, 3, 11, 6, 8];
        using var layer = new GroupedActivation(names.Select((n, g) => (ActivationCatalog.Get(n), lengths[g])).ToList());
        using var init = new Generator(4);
        var x = (randn([5, 37], generator: init) * 3).requires_grad_();
        var upstream = randn([5, 37], generator: init);
        var y = layer.call(x);
        y.backward([upstream]);

        // libtorch in float64: each function on its slice, concatenated; autograd for the gradient.
        var x64 = x.detach().to_type(ScalarType.Float64).requires_grad_();
        var parts = x64.split(lengths, 1);
        var expected = cat(parts.Select((p, g) => ActivationCatalog.Get(names[g]).Apply(p)).ToArray(), 1);
        expected.backward([upstream.to_type(ScalarType.Float64)]);

        SelectionLayerTests.AssertClose(expected.detach().data<double>().ToArray(), y.detach().data<float>().ToArray(), 1e-6, "output");
        SelectionLayerTests.AssertClose(x64.grad!.data<double>().ToArray(), x.grad!.data<float>().ToArray(), 1e-6, "∂L/∂x");
    }

    [Fact]
    public void Soft_mixture_blends_every_candidate_and_trains_its_weights_by_the_softmax_gradient()
    {
        var pool = CandidatePool.Parse(CandidatePool.Named["paper6"]);
        using var init = new Generator(8);
        using var layer = new SoftMixtureLayer(19, pool, LogitInit.Zeros, init);
        using (no_grad()) layer.Logits.copy_(randn([19, 6], generator: init));
        var x = (randn([7, 19], generator: init) * 2).requires_grad_();
        var upstream = randn([7, 19], generator: init);
        var y = layer.call(x);
        y.backward([upstream]);

        // The same mixture written with libtorch operations in float64, differentiated by autograd.
        var l64 = layer.Logits.detach().to_type(ScalarType.Float64).requires_grad_();
        var x64 = x.detach().to_type(ScalarType.Float64).requires_grad_();
        var weights = l64.softmax(1); // [19, 6]
        Tensor expected = zeros_like(x64);
        for (int k = 0; k < 6; k++) expected = expected + pool.Members[k].Apply(x64) * weights.select(1, k);
        expected.backward([upstream.to_type(ScalarType.Float64)]);

        SelectionLayerTests.AssertClose(expected.detach().data<double>().ToArray(), y.detach().data<float>().ToArray(), 1e-5, "output");
        SelectionLayerTests.AssertClose(x64.grad!.data<double>().ToArray(), x.grad!.data<float>().ToArray(), 1e-5, "∂L/∂x");
        SelectionLayerTests.AssertClose(l64.grad!.data<double>().ToArray(), layer.Logits.grad!.data<float>().ToArray(), 1e-4, "∂L/∂logits");
        Assert.True(l64.grad!.abs().max().item<double>() > 0.05, "the logits' gradient is not trivially small");
    }

    [Fact]
    public void Assignment_order_makes_each_function_contiguous_and_keeps_neurons_stable()
    {
        var a = new LayerAssignment([2, 0, 2, 1, 0]);
        Assert.Equal(new long[] { 1, 4, 3, 0, 2 }, a.Order());
        Assert.Equal(new[] { 2, 1, 2 }, a.Counts(3));
    }
}
