namespace SmartMixed.Grains.Report;

/// <summary>
/// One cell's learning curves and selection over epochs, summed over its runs as they stream past: per epoch the
/// number of runs that reached it, the sums (and squares) of validation accuracy, the sum of train loss, and per layer
/// and function the sum of the selection shares. Its size is epochs × layers × functions, whatever the number of runs.
/// </summary>
public sealed class CellCurves(IReadOnlyList<string> functions)
{
    private readonly List<double> _accuracy = [];
    private readonly List<double> _accuracySquares = [];
    private readonly List<double> _trainLoss = [];
    private readonly List<int> _runs = [];
    private readonly List<double[]> _shares = []; // per epoch: layer-major, functions inner
    private readonly List<int[]> _shareRuns = [];  // per epoch and layer: runs with a selection there
    private double _switchSum;
    private int _switchCount;

    /// <summary>The functions of the cell's pool, in the order of the shares.</summary>
    public IReadOnlyList<string> Functions { get; } = functions;

    public int Layers { get; private set; }

    public int Epochs => _runs.Count;

    /// <summary>The mean switch epoch over the runs that switched (the last epoch of phase 1); null if none did.</summary>
    public double? MeanSwitchEpoch => _switchCount == 0 ? null : _switchSum / _switchCount;

    /// <summary>Runs that reached epoch <paramref name="epoch"/> (1-based).</summary>
    public int RunsAt(int epoch) => _runs[epoch - 1];

    public double MeanValidationAccuracy(int epoch) => _accuracy[epoch - 1] / _runs[epoch - 1];

    /// <summary>Sample standard deviation over the runs at the epoch; null with one run.</summary>
    public double? SdValidationAccuracy(int epoch)
    {
        int n = _runs[epoch - 1];
        if (n < 2) return null;
        var mean = _accuracy[epoch - 1] / n;
        return Math.Sqrt(Math.Max(0, (_accuracySquares[epoch - 1] - n * mean * mean) / (n - 1)));
    }

    public double MeanTrainLoss(int epoch) => _trainLoss[epoch - 1] / _runs[epoch - 1];

    /// <summary>Mean share of a function in a layer (1-based) at an epoch (1-based); null when no run selected there.</summary>
    public double? MeanShare(int epoch, int layer, int function)
    {
        if (layer > Layers) return null;
        int runs = _shareRuns[epoch - 1][layer - 1];
        return runs == 0 ? null : _shares[epoch - 1][(layer - 1) * Functions.Count + function] / runs;
    }

    /// <summary>Adds one run's curve; <paramref name="runFunctions"/> orders its selection counts.</summary>
    public void Add(GrainInterfaces.RunCurve curve, IReadOnlyList<string> runFunctions, int? switchEpoch)
    {
        if (curve.Layers > Layers)
        {
            // Layers are the outer index, so a deeper run only appends to each epoch's arrays.
            for (int e = 0; e < _shares.Count; e++)
            {
                var shares = _shares[e];
                Array.Resize(ref shares, curve.Layers * Functions.Count);
                _shares[e] = shares;
                var runs = _shareRuns[e];
                Array.Resize(ref runs, curve.Layers);
                _shareRuns[e] = runs;
            }
            Layers = curve.Layers;
        }
        if (switchEpoch is { } s) { _switchSum += s; _switchCount++; }
        var map = runFunctions.Select(f => IndexOf(Functions, f)).ToArray();
        for (int i = 0; i < curve.Epochs; i++)
        {
            if (i == _runs.Count)
            {
                _accuracy.Add(0); _accuracySquares.Add(0); _trainLoss.Add(0); _runs.Add(0);
                _shares.Add(new double[Layers * Functions.Count]);
                _shareRuns.Add(new int[Layers]);
            }
            var accuracy = curve.ValidationAccuracy[i];
            _accuracy[i] += accuracy;
            _accuracySquares[i] += accuracy * accuracy;
            _trainLoss[i] += curve.TrainLoss[i];
            _runs[i]++;
            for (int layer = 1; layer <= curve.Layers; layer++)
            {
                var counts = curve.Counts(i + 1, layer, runFunctions.Count);
                long total = 0;
                foreach (var c in counts) total += c;
                if (total == 0) continue;
                for (int k = 0; k < counts.Length; k++)
                    if (map[k] >= 0) _shares[i][(layer - 1) * Functions.Count + map[k]] += counts[k] / (double)total;
                _shareRuns[i][layer - 1]++;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
        return -1;
    }
}
