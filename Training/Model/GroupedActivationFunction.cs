using SmartMixed.Training.Activations;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// Phase 2's activation as one fused operator: each function of the layer applied to its own contiguous slice of
/// columns, forward and backward each one pass over the tensors' memory. The same from tensor operations costs a
/// split, one kernel per group and a concatenation (and their backward nodes) per layer and step.
/// </summary>
internal sealed class GroupedActivationFunction : autograd.SingleTensorFunction<GroupedActivationFunction>
{
    public override string Name => "SmartMixedGroupedActivation";

    public static Tensor Apply(IReadOnlyList<(Activation Function, long Start, long Length)> groups, Tensor x)
    {
        x = x.contiguous();
        if (!is_grad_enabled() || !x.requires_grad) return Forward(groups, x);
        return apply(x, groups);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (x, groups) = ((Tensor)vars[0], (IReadOnlyList<(Activation Function, long Start, long Length)>)vars[1]);
        var y = Forward(groups, x);
        ctx.save_for_backward([x, y]); // most derivatives are cheapest from the value: keep it rather than recompute it
        ctx.save_data("groups", groups);
        return y;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor upstream)
    {
        var groups = (IReadOnlyList<(Activation Function, long Start, long Length)>)ctx.get_data("groups");
        var saved = ctx.get_saved_variables();
        var (x, y) = (saved[0], saved[1]);
        var gradX = empty(x.shape);
        var (rows, width) = Shape(x);
        var xs = TensorMemory.Floats(x);
        var ys = TensorMemory.Floats(y);
        var us = TensorMemory.Floats(upstream.contiguous());
        var gs = TensorMemory.Floats(gradX);
        foreach (var (function, start, length) in groups)
            function.Kernel.GradientInColumns(xs, ys, us, gs, rows, width, (int)start, (int)length);
        return [gradX, null!];
    }

    private static Tensor Forward(IReadOnlyList<(Activation Function, long Start, long Length)> groups, Tensor x)
    {
        var y = empty(x.shape);
        var (rows, width) = Shape(x);
        var xs = TensorMemory.Floats(x);
        var ys = TensorMemory.Floats(y);
        foreach (var (function, start, length) in groups)
            function.Kernel.ValuesInColumns(xs, ys, rows, width, (int)start, (int)length);
        return y;
    }

    private static (int Rows, int Width) Shape(Tensor x) =>
        x.dim() == 2 ? ((int)x.shape[0], (int)x.shape[1]) : throw new ArgumentException($"expected [rows, neurons], got [{string.Join(", ", x.shape)}]");
}
