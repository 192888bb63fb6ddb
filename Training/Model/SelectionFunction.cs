using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// The fused selection operator in autograd: y = select(x; logits). The forward and backward passes are
/// <see cref="SelectionKernel"/>'s, over the tensors' memory; one call costs one autograd node, where the
/// same computation from tensor operations built ~20 nodes over [K, batch, width] tensors per layer and step.
/// </summary>
internal sealed class SelectionFunction : autograd.SingleTensorFunction<SelectionFunction>
{
    public override string Name => "SmartMixedSelection";

    /// <summary>y for x ([rows, width]) and logits ([width, K]); differentiable in both when gradients are on.</summary>
    public static Tensor Apply(SelectionKernel kernel, in SelectionCall call, Tensor x, Tensor logits)
    {
        x = x.contiguous();
        if (!is_grad_enabled() || !(x.requires_grad || logits.requires_grad))
        {
            var w = kernel.Rent();
            try { return Forward(kernel, call, x, logits, w); }
            finally { kernel.Return(w); }
        }
        return apply(x, logits, new Pass(kernel, call, kernel.Rent()));
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (x, logits, pass) = ((Tensor)vars[0], (Tensor)vars[1], (Pass)vars[2]);
        ctx.save_for_backward([x]);
        ctx.save_data(nameof(Pass), pass);
        return Forward(pass.Kernel, pass.Call, x, logits, pass.Workspace);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor upstream)
    {
        var pass = (Pass)ctx.get_data(nameof(Pass));
        var x = ctx.get_saved_variables()[0];
        var gradX = empty(x.shape);
        var gradLogits = empty([pass.Kernel.Width, pass.Kernel.Candidates]);
        pass.Kernel.Backward(pass.Call, TensorMemory.Floats(x), TensorMemory.Floats(upstream.contiguous()), pass.Workspace,
            TensorMemory.Floats(gradX), TensorMemory.Floats(gradLogits));
        pass.Kernel.Return(pass.Workspace);
        return [gradX, gradLogits, null!];
    }

    private static Tensor Forward(SelectionKernel kernel, in SelectionCall call, Tensor x, Tensor logits, SelectionWorkspace w)
    {
        var output = empty(x.shape);
        using var l = logits.detach().contiguous();
        kernel.Forward(call, TensorMemory.Floats(x), TensorMemory.Floats(l), TensorMemory.Floats(output), w);
        return output;
    }

    /// <summary>One forward pass's state, carried from forward to backward in the autograd context.</summary>
    private sealed record Pass(SelectionKernel Kernel, SelectionCall Call, SelectionWorkspace Workspace);
}
