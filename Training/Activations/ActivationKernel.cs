using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmartMixed.Training.Activations;

/// <summary>
/// The passes over memory that the fused selection and grouping operators need from one activation, compiled
/// once per activation (the generic <see cref="ActivationKernel{T}"/> inlines its formulas), so the operators
/// dispatch once per pass, not once per element. Spans are row-major; passes are vectorised 8 floats at a time.
/// </summary>
internal abstract class ActivationKernel
{
    public static ActivationKernel For<T>() where T : struct, IVectorActivation => new ActivationKernel<T>();

    /// <summary>y = f(x), element by element.</summary>
    public abstract void Values(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>d = f′(x), given y = f(x).</summary>
    public abstract void Derivatives(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d);

    /// <summary>y = f(x) on columns [start, start + length) of [rows, width] matrices.</summary>
    public abstract void ValuesInColumns(ReadOnlySpan<float> x, Span<float> y, int rows, int width, int start, int length);

    /// <summary>gx = upstream · f′(x) on columns [start, start + length) of [rows, width] matrices.</summary>
    public abstract void GradientInColumns(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream, Span<float> gx,
        int rows, int width, int start, int length);

    /// <summary>
    /// Hard selection: where <paramref name="choice"/> is <paramref name="k"/> (this function was chosen),
    /// gx = upstream · f′(x), zero where the clamp cut the value off (y outside [lo, hi]); elsewhere gx is left alone.
    /// The length must be a whole number of 8-lane chunks (the selection kernel pads its rows).
    /// </summary>
    public abstract void ChosenGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream,
        ReadOnlySpan<int> choice, int k, float lo, float hi, Span<float> gx);

    /// <summary>Soft mixture over [rows, width]: gx (+)= weight[column] · upstream · f′(x); width a multiple of 8 (padded).</summary>
    public abstract void WeightedGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream,
        ReadOnlySpan<float> weight, int rows, int width, Span<float> gx, bool accumulate);
}

internal sealed class ActivationKernel<T> : ActivationKernel where T : struct, IVectorActivation
{
    // Every pass loops over full 8-lane chunks only, and handles a shorter last chunk after the loop: a call inside
    // the loop (the padded copy of a partial chunk) would make the JIT spill every live vector to the stack.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Values(ReadOnlySpan<float> x, Span<float> y)
    {
        Check(x.Length, y.Length);
        int full = Full(x.Length);
        for (int i = 0; i < full; i += Lanes.Width) Lanes.Store(T.Value(Lanes.Load(x, i)), y, i);
        if (full < x.Length) Lanes.Store(T.Value(Lanes.Load(x, full, x.Length - full)), y, full, x.Length - full);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Derivatives(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        Check(x.Length, y.Length, d.Length);
        int full = Full(x.Length), rest = x.Length - full;
        for (int i = 0; i < full; i += Lanes.Width) Lanes.Store(T.Derivative(Lanes.Load(x, i), Lanes.Load(y, i)), d, i);
        if (rest > 0) Lanes.Store(T.Derivative(Lanes.Load(x, full, rest), Lanes.Load(y, full, rest)), d, full, rest);
    }

    // Column passes: a slice of 8 or more columns ends with a chunk that overlaps the one before (its last 8
    // columns) instead of a partial one; the overlapped elements are computed twice, to the same value. Slices
    // narrower than 8 take the padded path, row by row.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ValuesInColumns(ReadOnlySpan<float> x, Span<float> y, int rows, int width, int start, int length)
    {
        CheckMatrix(x.Length, rows, width, start, length);
        Check(x.Length, y.Length);
        if (length < Lanes.Width)
        {
            for (int r = 0; r < rows; r++)
                Lanes.Store(T.Value(Lanes.Load(x, r * width + start, length)), y, r * width + start, length);
            return;
        }
        int last = length - Lanes.Width;
        for (int r = 0; r < rows; r++)
        {
            int row = r * width + start;
            for (int c = 0; c < length; c += Lanes.Width)
            {
                int i = row + Math.Min(c, last);
                Lanes.Store(T.Value(Lanes.Load(x, i)), y, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void GradientInColumns(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream, Span<float> gx,
        int rows, int width, int start, int length)
    {
        CheckMatrix(x.Length, rows, width, start, length);
        Check(x.Length, y.Length, upstream.Length, gx.Length);
        if (length < Lanes.Width)
        {
            for (int r = 0; r < rows; r++)
            {
                int i = r * width + start;
                var d = T.Derivative(Lanes.Load(x, i, length), Lanes.Load(y, i, length));
                Lanes.Store(d * Lanes.Load(upstream, i, length), gx, i, length);
            }
            return;
        }
        int last = length - Lanes.Width;
        for (int r = 0; r < rows; r++)
        {
            int row = r * width + start;
            for (int c = 0; c < length; c += Lanes.Width)
            {
                int i = row + Math.Min(c, last);
                Lanes.Store(T.Derivative(Lanes.Load(x, i), Lanes.Load(y, i)) * Lanes.Load(upstream, i), gx, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ChosenGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream,
        ReadOnlySpan<int> choice, int k, float lo, float hi, Span<float> gx)
    {
        Check(x.Length, y.Length, upstream.Length, gx.Length, choice.Length);
        if (x.Length % Lanes.Width != 0) throw new ArgumentException($"the selection kernel pads its rows to whole chunks; got {x.Length} elements");
        var mine = Vector256.Create(k);
        var low = Vector256.Create(lo);
        var high = Vector256.Create(hi);
        for (int i = 0; i < x.Length; i += Lanes.Width)
        {
            var chosen = Vector256.Equals(Lanes.Load(choice, i), mine).AsSingle();
            if (Vector256.ExtractMostSignificantBits(chosen) == 0) continue;
            var value = Lanes.Load(y, i);
            var inside = Vector256.GreaterThanOrEqual(value, low) & Vector256.LessThanOrEqual(value, high);
            var g = T.Derivative(Lanes.Load(x, i), value) * Lanes.Load(upstream, i);
            Lanes.Store(Vector256.ConditionalSelect(chosen, g & inside, Lanes.Load(gx, i)), gx, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void WeightedGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> upstream,
        ReadOnlySpan<float> weight, int rows, int width, Span<float> gx, bool accumulate)
    {
        CheckMatrix(x.Length, rows, width, 0, width);
        Check(x.Length, y.Length, upstream.Length, gx.Length);
        if (weight.Length != width) throw new ArgumentException($"{weight.Length} weights for {width} columns", nameof(weight));
        if (width % Lanes.Width != 0) throw new ArgumentException($"the selection kernel pads its rows to whole chunks; got a width of {width}");
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < width; c += Lanes.Width)
            {
                int i = r * width + c;
                var g = T.Derivative(Lanes.Load(x, i), Lanes.Load(y, i)) * Lanes.Load(upstream, i) * Lanes.Load(weight, c);
                if (accumulate) g += Lanes.Load(gx, i);
                Lanes.Store(g, gx, i);
            }
    }

    private static int Full(int length) => length & ~(Lanes.Width - 1);

    private static void Check(int length, params ReadOnlySpan<int> others)
    {
        foreach (var other in others)
            if (other != length) throw new ArgumentException($"spans of {length} and {other} elements do not match");
    }

    private static void CheckMatrix(int length, int rows, int width, int start, int count)
    {
        if (rows < 0 || width < 0 || (long)rows * width != length)
            throw new ArgumentException($"a [{rows}, {width}] matrix does not have {length} elements");
        if (start < 0 || count < 0 || start + count > width)
            throw new ArgumentException($"columns [{start}, {start + count}) lie outside a width of {width}");
    }
}
