namespace SmartMixed.Training.Model;

/// <summary>
/// What one forward pass of a <see cref="SelectionKernel"/> leaves for its backward pass: every candidate's raw
/// value, the scores (or soft weights) and the choice, over rows padded to <c>padded</c> neurons. Reused across
/// steps (the kernel keeps a small pool), so a training step allocates nothing here once the first steps have run.
/// </summary>
internal sealed class SelectionWorkspace
{
    private float[] _values = [], _logits = [], _scores = [], _sums = [], _input = [], _upstream = [], _output = [];
    private int[] _choice = [];
    private SelectionCall _call;
    private int _candidates, _width, _padded;

    private int Elements => _call.Rows * _padded;

    /// <summary>
    /// Candidate blocks start <see cref="Skew"/> floats apart beyond their length: batch × width is often a power of
    /// two, and the inner loops read one chunk from every block at once; blocks exactly 2ⁿ bytes apart would all
    /// fall in the same L1 cache sets and evict each other.
    /// </summary>
    private const int Skew = 16;

    /// <summary>Distance between candidate blocks of <see cref="AllValues"/>.</summary>
    public int ValueStride => Elements + Skew;

    /// <summary>Raw candidate values of candidate k, [rows·padded].</summary>
    public Span<float> Values(int k) => _values.AsSpan(k * ValueStride, Elements);

    /// <summary>All candidates' values, candidate k at offset k·<see cref="ValueStride"/>.</summary>
    public Span<float> AllValues => _values.AsSpan(0, _candidates * ValueStride);

    /// <summary>Logits laid out candidate-major, [K][padded], so a chunk of neurons is contiguous.</summary>
    public Span<float> Logits => _logits.AsSpan(0, _candidates * _padded);

    /// <summary>Perturbed scores [K][ScoreStride] (per sample: stride rows·padded + skew; otherwise padded), or the soft weights.</summary>
    public Span<float> Scores => _scores.AsSpan(0, _candidates * ScoreStride);

    public int ScoreStride { get; private set; }

    /// <summary>The chosen candidate of every element, [rows·padded].</summary>
    public Span<int> Choice => _choice.AsSpan(0, Elements);

    /// <summary>Per-neuron sums of the logits' gradient, [K][padded].</summary>
    public Span<float> GradientSums => _sums.AsSpan(0, _candidates * _padded);

    /// <summary>The soft mixture's weights of candidate k, one per (padded) neuron.</summary>
    public ReadOnlySpan<float> Weights(int k) => _scores.AsSpan(k * _padded, _padded);

    /// <summary>Room for x, the upstream gradient and an output with padded rows (empty when the width needs no padding).</summary>
    public Span<float> PaddedInput => _padded == _width ? [] : _input.AsSpan(0, Elements);
    public Span<float> PaddedUpstream => _padded == _width ? [] : _upstream.AsSpan(0, Elements);
    public Span<float> PaddedOutput => _padded == _width ? [] : _output.AsSpan(0, Elements);

    public void Prepare(in SelectionCall call, int candidates, int width, int padded)
    {
        _call = call;
        _candidates = candidates;
        _width = width;
        _padded = padded;
        int elements = call.Rows * padded;
        ScoreStride = call.Draw == SelectionDraw.PerSample ? elements + Skew : padded;
        _values = AtLeast(_values, candidates * (elements + Skew));
        _logits = AtLeast(_logits, candidates * padded);
        _scores = AtLeast(_scores, candidates * ScoreStride);
        _choice = AtLeast(_choice, elements);
        _sums = AtLeast(_sums, candidates * padded);
        if (padded != width)
        {
            _input = AtLeast(_input, elements);
            _upstream = AtLeast(_upstream, elements);
            _output = AtLeast(_output, elements);
        }
    }

    /// <summary>Whether this workspace holds the forward pass of <paramref name="call"/>.</summary>
    public bool Matches(in SelectionCall call, int candidates, int width) =>
        _call == call && _candidates == candidates && _width == width;

    private static T[] AtLeast<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[length];
}
