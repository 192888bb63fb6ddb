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

    /// <summary>
    /// Rows per pass when no backward pass follows (evaluation): the workspace holds every candidate's value of
    /// every row, so a 2,048-row evaluation batch of a wide layer would otherwise keep tens of megabytes per layer.
    /// </summary>
    private const int RowsPerEvaluationPass = 256;

    /// <summary>y for x ([rows, width]) and logits ([width, K]); differentiable in both when gradients are on.</summary>
    public static Tensor Apply(SelectionKernel kernel, in SelectionCall call, Tensor x, Tensor logits)
    {
        x = x.contiguous();
        if (!is_grad_enabled() || !(x.requires_grad || logits.requires_grad))
            return ForwardInPasses(kernel, call, x, logits);
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

    /// <summary>The forward pass alone, a block of rows at a time; the same values as one pass over all rows.</summary>
    private static Tensor ForwardInPasses(SelectionKernel kernel, in SelectionCall call, Tensor x, Tensor logits)
    {
        var output = empty(x.shape);
        using var l = logits.detach().contiguous();
        var xs = TensorMemory.Floats(x);
        var ys = TensorMemory.Floats(output);
        int width = kernel.Width;
        var w = kernel.Rent();
        for (int first = 0; first < call.Rows; first += RowsPerEvaluationPass)
        {
            int rows = Math.Min(RowsPerEvaluationPass, call.Rows - first);
            var pass = call with { Rows = rows, FirstRow = call.FirstRow + first };
            kernel.Forward(pass, xs.Slice(first * width, rows * width), TensorMemory.Floats(l), ys.Slice(first * width, rows * width), w);
        }
        kernel.Return(w);
        return output;
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
