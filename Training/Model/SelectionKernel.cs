using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SmartMixed.Training.Activations;

namespace SmartMixed.Training.Model;

/// <summary>How a selecting layer picks each neuron's function in one forward pass.</summary>
internal enum SelectionDraw
{
    /// <summary>Hard Gumbel-max sample, fresh noise for every (sample, neuron).</summary>
    PerSample,
    /// <summary>Hard Gumbel-max sample, one draw per neuron shared by the batch (the reference).</summary>
    PerBatch,
    /// <summary>Hard choice of the largest logit, no noise.</summary>
    Argmax,
    /// <summary>No choice: the softmax of the logits weights every candidate (the soft-mixture baseline).</summary>
    Soft,
}

/// <summary>One forward pass's settings: the batch's rows, the draw, τ and its role, the clamp, the noise key.</summary>
/// <param name="Explore">False: scores (l + g)/τ, τ shapes only the gradient (the paper). True: scores l/τ + g, so the
/// hard sample follows softmax(l/τ).</param>
/// <param name="FirstRow">When a batch is computed in several passes: the first row of this one, so per-sample draws
/// keep the numbers they have in a single pass.</param>
internal readonly record struct SelectionCall(int Rows, SelectionDraw Draw, float Temperature, bool Explore, float? Clamp, uint K0, uint K1,
    int FirstRow = 0);

/// <summary>
/// The fused selection operator of a layer of <c>width</c> neurons choosing among K candidates, as plain loops over
/// memory (8 floats per step): the forward pass writes only the chosen function's value; the backward pass gives
/// x the chosen function's derivative and the logits the straight-through gradient of the soft sample,
/// ∂L/∂l = (1/τ)·y ⊙ (c − ⟨c, y⟩) with y = softmax(scores) and c_k = f_k(x)·upstream, summed over the batch.
/// Replaces ~20 tensor operations over [K, batch, width] with a few passes and no per-step allocation. Rows are
/// padded internally to a whole number of 8-lane chunks (copies only when the width is not a multiple of 8), so no
/// inner loop handles partial chunks. Sums over the batch run in row order: the same numbers on every run.
/// </summary>
internal sealed class SelectionKernel(IReadOnlyList<Activation> candidates, int width)
{
    private readonly ActivationKernel[] _kernels = candidates.Select(c => c.Kernel).ToArray();
    private readonly Stack<SelectionWorkspace> _idle = new();

    public int Candidates => _kernels.Length;
    public int Width { get; } = width;

    /// <summary>The row length the passes work on: the width rounded up to a multiple of 8.</summary>
    private int Padded => (Width + Lanes.Width - 1) & ~(Lanes.Width - 1);

    /// <summary>A workspace for one forward pass; give it back once its backward pass (if any) has run.</summary>
    public SelectionWorkspace Rent() => _idle.TryPop(out var w) ? w : new SelectionWorkspace();

    /// <summary>Takes a workspace back. One left unreturned (a graph dropped before its backward pass) is just collected.</summary>
    public void Return(SelectionWorkspace w)
    {
        if (_idle.Count < 4) _idle.Push(w);
    }

    /// <summary>Writes <paramref name="output"/> ([rows, width]) and leaves in <paramref name="w"/> what the backward pass needs.</summary>
    public void Forward(in SelectionCall call, ReadOnlySpan<float> x, ReadOnlySpan<float> logits, Span<float> output, SelectionWorkspace w)
    {
        int K = Candidates, H = Width, P = Padded, rows = call.Rows;
        if (x.Length != rows * H || output.Length != rows * H) throw new ArgumentException($"x and the output must hold {rows}×{H} values");
        if (logits.Length != H * K) throw new ArgumentException($"the logits must be [{H}, {K}]");
        w.Prepare(call, K, H, P);

        var xs = Pad(x, w.PaddedInput, rows);
        for (int k = 0; k < K; k++) _kernels[k].Values(xs, w.Values(k));
        var byCandidate = w.Logits;
        byCandidate.Clear();
        for (int h = 0; h < H; h++)
            for (int k = 0; k < K; k++) byCandidate[k * P + h] = logits[h * K + k];

        var result = P == H ? output : w.PaddedOutput;
        switch (call.Draw)
        {
            case SelectionDraw.PerSample:
                Score(call, w, noiseRows: rows);
                Select(call, w, result);
                break;
            case SelectionDraw.PerBatch:
            case SelectionDraw.Argmax:
                Score(call, w, noiseRows: 1);
                for (int r = 1; r < rows; r++) w.Choice[..P].CopyTo(w.Choice.Slice(r * P, P));
                Select(call, w, result);
                break;
            case SelectionDraw.Soft:
                SoftWeights(w);
                Mix(call, w, result);
                break;
        }
        if (P != H) Unpad(result, output, rows);
    }

    /// <summary>From the upstream gradient ([rows, width]), the gradients of x ([rows, width]) and of the logits ([width, K]).</summary>
    public void Backward(in SelectionCall call, ReadOnlySpan<float> x, ReadOnlySpan<float> upstream, SelectionWorkspace w,
        Span<float> gradX, Span<float> gradLogits)
    {
        int K = Candidates, H = Width, P = Padded, rows = call.Rows;
        if (x.Length != rows * H || upstream.Length != rows * H || gradX.Length != rows * H)
            throw new ArgumentException($"x and the gradients must hold {rows}×{H} values");
        if (gradLogits.Length != H * K) throw new ArgumentException($"the logits' gradient must be [{H}, {K}]");
        if (!w.Matches(call, K, H)) throw new InvalidOperationException("the workspace does not hold this call's forward pass");

        var xs = Pad(x, w.PaddedInput, rows);
        var us = Pad(upstream, w.PaddedUpstream, rows); // padded neurons get zero upstream: they add nothing
        var gx = P == H ? gradX : w.PaddedOutput;
        var sums = w.GradientSums;
        if (call.Draw == SelectionDraw.Soft)
        {
            for (int k = 0; k < K; k++)
                _kernels[k].WeightedGradient(xs, w.Values(k), us, w.Weights(k), rows, P, gx, accumulate: k > 0);
            SharedScoreSums(call, w, us, clamp: null);
            SharedScoreGradient(call, w, scale: 1f);
        }
        else
        {
            float lo = call.Clamp is { } c ? -c : float.NegativeInfinity, hi = call.Clamp ?? float.PositiveInfinity;
            for (int k = 0; k < K; k++) _kernels[k].ChosenGradient(xs, w.Values(k), us, w.Choice, k, lo, hi, gx);
            switch (call.Draw)
            {
                case SelectionDraw.PerSample:
                    PerSampleScoreGradient(call, w, us);
                    break;
                case SelectionDraw.PerBatch:
                    SharedScoreSums(call, w, us, call.Clamp);
                    SharedScoreGradient(call, w, scale: 1f / call.Temperature);
                    break;
                case SelectionDraw.Argmax:
                    sums.Clear(); // the argmax choice is not a function of the logits that has a gradient
                    break;
            }
        }
        if (P != H) Unpad(gx, gradX, rows);
        for (int h = 0; h < H; h++)
            for (int k = 0; k < K; k++) gradLogits[h * K + k] = sums[k * P + h];
    }

    /// <summary>
    /// Scores (the perturbed logits) of <paramref name="noiseRows"/> rows of neurons (per sample: the batch;
    /// otherwise 1) and the choice, their argmax (first maximum on ties, as torch.argmax). The noise is made in
    /// streaming passes over blocks of rows that stay in cache (uniforms, then −log, then −log again): short loops
    /// the CPU overlaps well, rather than one long dependent chain per element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Score(in SelectionCall call, SelectionWorkspace w, int noiseRows)
    {
        int K = Candidates, H = Width, P = Padded, stride = w.ScoreStride;
        bool noisy = call.Draw != SelectionDraw.Argmax, explore = call.Explore;
        var inverseTau = Vector256.Create(1f / call.Temperature);
        ReadOnlySpan<float> logits = w.Logits;
        Span<float> scores = w.Scores;
        Span<int> choices = w.Choice;
        int blockRows = Math.Max(1, NoiseBlockElements / (P * K));
        for (int r0 = 0; r0 < noiseRows; r0 += blockRows)
        {
            int r1 = Math.Min(noiseRows, r0 + blockRows);
            if (noisy)
                for (int k = 0; k < K; k++)
                    for (int r = r0; r < r1; r++)
                    {
                        int first = call.Draw == SelectionDraw.PerSample ? (call.FirstRow + r) * H : 0;
                        Gumbel(call.K0, call.K1, K, k, first, scores.Slice(k * stride + r * P, P));
                    }
            for (int r = r0; r < r1; r++)
                for (int h = 0; h < P; h += Lanes.Width)
                {
                    int i = r * P + h;
                    var best = Vector256.Create(float.NegativeInfinity);
                    var choice = Vector256<int>.Zero;
                    for (int k = 0; k < K; k++)
                    {
                        var z = Lanes.Load(logits, k * P + h);
                        if (noisy)
                        {
                            var g = Lanes.Load(scores, k * stride + i);
                            z = explore ? Vector256.FusedMultiplyAdd(z, inverseTau, g) : (z + g) * inverseTau;
                        }
                        var better = Vector256.GreaterThan(z, best);
                        best = Vector256.ConditionalSelect(better, z, best);
                        choice = Vector256.ConditionalSelect(better.AsInt32(), Vector256.Create(k), choice);
                        Lanes.Store(z, scores, k * stride + i);
                    }
                    Lanes.Store(choice, choices, i);
                }
        }
    }

    /// <summary>Elements per block of the noise passes: candidates × block fit in the L2 cache.</summary>
    private const int NoiseBlockElements = 16_384;

    /// <summary>
    /// One padded row of Gumbel noise for candidate k: element h of the row that starts at element
    /// <paramref name="first"/> (unpadded numbering, so the draws do not depend on padding) is draw (first + h)·K + k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gumbel(uint k0, uint k1, int K, int k, int first, Span<float> g)
    {
        for (int h = 0; h < g.Length; h += Lanes.Width)
        {
            var draw = (Vector256.Create(first + h) + Lanes.Offsets).AsUInt32() * (uint)K + Vector256.Create((uint)k);
            Lanes.Store(CounterNoise.Uniform(k0, k1, draw), g, h);
        }
        // .NET's own log here: these loops hold nothing else live, so its out-of-line call costs no spills, and it is
        // the faster of the two on long streams.
        for (int h = 0; h < g.Length; h += Lanes.Width) Lanes.Store(-Vector256.Log(Lanes.Load(g, h)), g, h);
        for (int h = 0; h < g.Length; h += Lanes.Width) Lanes.Store(-Vector256.Log(Lanes.Load(g, h)), g, h);
    }

    /// <summary>output = the chosen candidate's value, clamped when the call clamps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Select(in SelectionCall call, SelectionWorkspace w, Span<float> output)
    {
        int K = Candidates, n = call.Rows * Padded, stride = w.ValueStride;
        var low = Vector256.Create(call.Clamp is { } c ? -c : float.NegativeInfinity);
        var high = Vector256.Create(call.Clamp ?? float.PositiveInfinity);
        ReadOnlySpan<float> values = w.AllValues;
        ReadOnlySpan<int> choices = w.Choice;
        for (int i = 0; i < n; i += Lanes.Width)
        {
            var choice = Lanes.Load(choices, i);
            var value = Lanes.Load(values, i);
            for (int k = 1; k < K; k++)
                value = Vector256.ConditionalSelect(Vector256.Equals(choice, Vector256.Create(k)).AsSingle(), Lanes.Load(values, k * stride + i), value);
            Lanes.Store(Vector256.Min(Vector256.Max(value, low), high), output, i);
        }
    }

    /// <summary>Soft mixture weights per neuron: softmax over the candidates of the logits (τ = 1, no noise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SoftWeights(SelectionWorkspace w)
    {
        int K = Candidates, P = Padded;
        ReadOnlySpan<float> logits = w.Logits;
        Span<float> weights = w.Scores;
        for (int h = 0; h < P; h += Lanes.Width)
        {
            var max = Vector256.Create(float.NegativeInfinity);
            for (int k = 0; k < K; k++) max = Vector256.Max(max, Lanes.Load(logits, k * P + h));
            var sum = Vector256<float>.Zero;
            for (int k = 0; k < K; k++)
            {
                var e = VectorMath.Exp(Lanes.Load(logits, k * P + h) - max);
                Lanes.Store(e, weights, k * P + h);
                sum += e;
            }
            var inverse = Vector256<float>.One / sum;
            for (int k = 0; k < K; k++) Lanes.Store(Lanes.Load(weights, k * P + h) * inverse, weights, k * P + h);
        }
    }

    /// <summary>output = Σ_k weight_k · f_k(x), the soft mixture.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Mix(in SelectionCall call, SelectionWorkspace w, Span<float> output)
    {
        int K = Candidates, P = Padded, stride = w.ValueStride;
        ReadOnlySpan<float> values = w.AllValues;
        ReadOnlySpan<float> weights = w.Scores;
        for (int r = 0; r < call.Rows; r++)
            for (int h = 0; h < P; h += Lanes.Width)
            {
                int i = r * P + h;
                var sum = Vector256<float>.Zero;
                for (int k = 0; k < K; k++)
                    sum = Vector256.FusedMultiplyAdd(Lanes.Load(weights, k * P + h), Lanes.Load(values, k * stride + i), sum);
                Lanes.Store(sum, output, i);
            }
    }

    /// <summary>
    /// Per-sample noise: every (sample, neuron) has its own soft sample y = softmax(scores), so the gradient
    /// (1/τ)·y_k·(c_k − ⟨c, y⟩) is formed per element and summed over the batch (into the workspace's sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PerSampleScoreGradient(in SelectionCall call, SelectionWorkspace w, ReadOnlySpan<float> upstream)
    {
        int K = Candidates, P = Padded, stride = w.ValueStride, scoreStride = w.ScoreStride;
        var low = Vector256.Create(call.Clamp is { } c ? -c : float.NegativeInfinity);
        var high = Vector256.Create(call.Clamp ?? float.PositiveInfinity);
        var scale = Vector256.Create(1f / call.Temperature);
        Span<Vector256<float>> y = stackalloc Vector256<float>[K];
        Span<Vector256<float>> contribution = stackalloc Vector256<float>[K];
        ReadOnlySpan<float> scores = w.Scores;
        ReadOnlySpan<float> values = w.AllValues;
        Span<float> sums = w.GradientSums;
        sums.Clear();
        for (int r = 0; r < call.Rows; r++)
            for (int h = 0; h < P; h += Lanes.Width)
            {
                int i = r * P + h;
                var u = Lanes.Load(upstream, i) * scale;
                var max = Vector256.Create(float.NegativeInfinity);
                for (int k = 0; k < K; k++)
                {
                    y[k] = Lanes.Load(scores, k * scoreStride + i);
                    max = Vector256.Max(max, y[k]);
                }
                var total = Vector256<float>.Zero;
                for (int k = 0; k < K; k++)
                {
                    y[k] = VectorMath.Exp(y[k] - max);
                    total += y[k];
                }
                var inverse = Vector256<float>.One / total;
                var mean = Vector256<float>.Zero; // ⟨c, y⟩
                for (int k = 0; k < K; k++)
                {
                    y[k] *= inverse;
                    contribution[k] = Vector256.Min(Vector256.Max(Lanes.Load(values, k * stride + i), low), high) * u;
                    mean = Vector256.FusedMultiplyAdd(y[k], contribution[k], mean);
                }
                for (int k = 0; k < K; k++)
                    Lanes.Store(Vector256.FusedMultiplyAdd(y[k], contribution[k] - mean, Lanes.Load(sums, k * P + h)), sums, k * P + h);
            }
    }

    /// <summary>C_k = Σ_batch c_k per neuron, c_k = f_k(x)·upstream (clamped like the forward values), into the sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SharedScoreSums(in SelectionCall call, SelectionWorkspace w, ReadOnlySpan<float> upstream, float? clamp)
    {
        int K = Candidates, P = Padded, stride = w.ValueStride;
        var low = Vector256.Create(clamp is { } c ? -c : float.NegativeInfinity);
        var high = Vector256.Create(clamp ?? float.PositiveInfinity);
        ReadOnlySpan<float> values = w.AllValues;
        Span<float> sums = w.GradientSums;
        sums.Clear();
        for (int r = 0; r < call.Rows; r++)
            for (int h = 0; h < P; h += Lanes.Width)
            {
                int i = r * P + h;
                var u = Lanes.Load(upstream, i);
                for (int k = 0; k < K; k++)
                {
                    var value = Vector256.Min(Vector256.Max(Lanes.Load(values, k * stride + i), low), high);
                    Lanes.Store(Vector256.FusedMultiplyAdd(value, u, Lanes.Load(sums, k * P + h)), sums, k * P + h);
                }
            }
    }

    /// <summary>
    /// One soft sample y per neuron for the whole batch (per-batch noise, or the soft mixture's weights): the
    /// gradient is linear in c, so c was summed over the batch first; here the sums C become
    /// scale·y_k·(C_k − ⟨C, y⟩) in place.
    /// </summary>
    private void SharedScoreGradient(in SelectionCall call, SelectionWorkspace w, float scale)
    {
        int K = Candidates, H = Width, P = Padded;
        var sums = w.GradientSums;
        Span<float> y = stackalloc float[K];
        for (int h = 0; h < H; h++)
        {
            if (call.Draw == SelectionDraw.Soft)
                for (int k = 0; k < K; k++) y[k] = w.Scores[k * P + h];
            else
                SoftmaxOfScores(w, h, y);
            float mean = 0;
            for (int k = 0; k < K; k++) mean += y[k] * sums[k * P + h];
            for (int k = 0; k < K; k++) sums[k * P + h] = scale * y[k] * (sums[k * P + h] - mean);
        }
    }

    private void SoftmaxOfScores(SelectionWorkspace w, int h, Span<float> y)
    {
        int K = Candidates, P = Padded;
        float max = float.NegativeInfinity, total = 0;
        for (int k = 0; k < K; k++) max = Math.Max(max, w.Scores[k * P + h]);
        for (int k = 0; k < K; k++) total += y[k] = MathF.Exp(w.Scores[k * P + h] - max);
        for (int k = 0; k < K; k++) y[k] /= total;
    }

    /// <summary>Rows of <paramref name="source"/> ([rows, width]) in <paramref name="padded"/> ([rows, padded]), zeros after each row; the source itself when no padding is needed.</summary>
    private ReadOnlySpan<float> Pad(ReadOnlySpan<float> source, Span<float> padded, int rows)
    {
        int H = Width, P = Padded;
        if (P == H) return source;
        padded.Clear();
        for (int r = 0; r < rows; r++) source.Slice(r * H, H).CopyTo(padded.Slice(r * P, H));
        return padded;
    }

    private void Unpad(ReadOnlySpan<float> padded, Span<float> destination, int rows)
    {
        int H = Width, P = Padded;
        for (int r = 0; r < rows; r++) padded.Slice(r * P, H).CopyTo(destination.Slice(r * H, H));
    }
}
