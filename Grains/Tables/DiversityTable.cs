using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Statistics;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// diversity.csv: one row per (SmartMixed cell, hidden layer) over the cell's Done runs (cells in plan order, layers
/// ascending; baselines left out). Columns: cell, factor.&lt;name&gt;… (without seed; first-seen over the SmartMixed
/// runs), layer, n, share.&lt;function&gt;…, share_std.&lt;function&gt;… (functions: union over the Done SmartMixed runs'
/// final selections, pool order), then entropy_bits, normalized_entropy, effective_functions, gini_simpson,
/// dominance, functions_used each followed by its _std, then js_divergence_to_previous_layer.
/// <para>
/// n counts the Done runs whose selection has the layer with at least one neuron. Shares are count / layer total
/// per run, averaged over the runs whose layer lists the function (empty if none does); the diversity measures are
/// <see cref="Diversity.FromCounts"/> per run, then averaged. Stds are sample stds (n − 1), empty when n &lt; 2.
/// The JS divergence (bits, 0..1) is between this layer's and the previous layer's mean share vectors (functions
/// missing on a side count as 0; vectors renormalised); empty for the cell's first layer.
/// </para>
/// <para>
/// The effective number of functions is 2^H with H the entropy in bits (Hill's number of order 1): the number of
/// equally used functions with the same entropy.
/// </para>
/// <para>
/// Then bootstrap percentile intervals over the cell's runs (95 %; <see cref="Bootstrap.ExactOrSampled"/>: the exact
/// bootstrap distribution when the runs are few — up to 7, as a cell's seeds usually are — else <see cref="Resamples"/>
/// seeded resamples): entropy_bits_ci95_low/high and effective_functions_ci95_low/high for the mean over runs,
/// js_divergence_ci95_low/high for the divergence between the layer's and the previous layer's mean shares (a resample
/// draws whole runs, both layers together). The seed of each interval is derived from the cell key, the layer and the
/// measure (<see cref="BootstrapSeed"/>), so the same runs give the same interval in every export. Empty when n &lt; 2
/// (one run says nothing about the spread over seeds).
/// </para>
/// </summary>
public static class DiversityTable
{
    public const string FileName = "diversity.csv";

    /// <summary>Resamples per interval: enough for stable 2.5 %/97.5 % quantiles (Efron &amp; Tibshirani: 1,000–2,000), cheap
    /// enough for thousands of cells × layers.</summary>
    public const int Resamples = 2000;

    public static readonly IReadOnlyList<string> IntervalColumns =
    [
        "entropy_bits_ci95_low", "entropy_bits_ci95_high", "effective_functions_ci95_low", "effective_functions_ci95_high",
        "js_divergence_ci95_low", "js_divergence_ci95_high",
    ];

    public static readonly IReadOnlyList<string> Measures =
        ["entropy_bits", "normalized_entropy", "effective_functions", "gini_simpson", "dominance", "functions_used"];

    /// <param name="functionOrder">The sweep's function order (see <see cref="TableLayout.Functions"/>); functions the
    /// runs use beyond it follow in ordinal order.</param>
    public static SweepTable Build(CellBook book, IReadOnlyList<string> functionOrder)
    {
        var cells = book.Cells.Where(c => !c.IsBaseline).ToList();
        var factors = AccuracyTable.FactorNames(cells);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in cells.SelectMany(c => c.Done)) used.UnionWith(run.Functions);
        var functions = functionOrder.Where(used.Contains).Concat(used.Where(f => !functionOrder.Contains(f)).Order(StringComparer.Ordinal)).ToList();

        var header = new List<string> { "cell" };
        header.AddRange(factors.Select(f => "factor." + f));
        header.Add("layer");
        header.Add("n");
        header.AddRange(functions.Select(f => "share." + f));
        header.AddRange(functions.Select(f => "share_std." + f));
        foreach (var m in Measures) { header.Add(m); header.Add(m + "_std"); }
        header.Add("js_divergence_to_previous_layer");
        header.AddRange(IntervalColumns);

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var cell in cells)
        {
            var done = cell.Done.ToList();
            List<double[]>? previousShares = null;
            List<RunOutcome>? previousRuns = null;
            int layers = done.Count == 0 ? 0 : done.Max(r => r.Selection.Length);
            double[]? previousMeans = null;
            for (int layer = 1; layer <= layers; layer++)
            {
                var present = done.Where(r => r.Selection.Length >= layer && r.Selection[layer - 1].Sum() > 0).ToList();
                // Per run, this layer's counts in the order of the table's functions (null where its pool lacks one).
                var counts = present
                    .Select(r => functions.Select(f => Array.IndexOf(r.Functions, f) is var k and >= 0 ? r.Selection[layer - 1][k] : (int?)null).ToArray())
                    .ToList();
                var row = new List<object?>(header.Count) { cell.Key };
                row.AddRange(factors.Select(f => cell.Factor(f) ?? "-"));
                row.Add(layer);
                row.Add(counts.Count);

                var means = new double?[functions.Count];
                var stds = new double?[functions.Count];
                for (int i = 0; i < functions.Count; i++)
                {
                    var shares = counts.Where(c => c[i].HasValue).Select(c => c[i]!.Value / (double)c.Sum(x => x ?? 0)).ToList();
                    var summary = SweepStatistics.Summarize(shares);
                    means[i] = summary.Mean;
                    stds[i] = summary.Std;
                }
                row.AddRange(means.Cast<object?>());
                row.AddRange(stds.Cast<object?>());

                var diversities = present.Select(r => Diversity.FromCounts(r.Selection[layer - 1])).ToList(); // over each run's own pool
                foreach (var measure in Measures)
                {
                    var summary = SweepStatistics.Summarize(diversities.Select(d => Measure(d, measure)).ToList());
                    row.Add(summary.Mean);
                    row.Add(summary.Std);
                }

                var meanVector = means.Select(m => m ?? 0).ToArray();
                double? js = null;
                if (previousMeans is not null && meanVector.Sum() > 0 && previousMeans.Sum() > 0)
                    js = SweepStatistics.JensenShannonBits(meanVector, previousMeans);
                row.Add(js);

                var entropyCi = Interval(diversities, d => d.EntropyBits, cell.Key, layer, "entropy_bits");
                var effectiveCi = Interval(diversities, d => d.EffectiveFunctions, cell.Key, layer, "effective_functions");
                row.AddRange([entropyCi?.Low, entropyCi?.High, effectiveCi?.Low, effectiveCi?.High]);
                var runShares = counts.Select(SharesOf).ToList();
                var jsCi = js is null || previousRuns is null ? null : JsInterval(present, runShares, previousRuns, previousShares!, cell.Key, layer);
                row.AddRange([jsCi?.Low, jsCi?.High]);

                previousMeans = meanVector;
                previousShares = runShares;
                previousRuns = present;
                rows.Add(row);
            }
        }
        return new SweepTable(header, rows);
    }

    /// <summary>A stable seed for one interval: FNV-1a (64 bit) of "cell|layer|measure".</summary>
    public static long BootstrapSeed(string cell, int layer, string measure)
    {
        ulong hash = 14695981039346656037;
        foreach (var ch in $"{cell}|{layer}|{measure}")
        {
            hash ^= ch;
            hash *= 1099511628211;
        }
        return unchecked((long)hash);
    }

    private static BootstrapInterval? Interval(IReadOnlyList<Diversity> runs, Func<Diversity, double> measure, string cell, int layer, string name) =>
        runs.Count < 2 ? null : Bootstrap.ExactOrSampled(runs, sample => Mean(sample, measure), BootstrapSeed(cell, layer, name), Resamples);

    /// <summary>The JS divergence between the mean shares of two layers, runs resampled together (runs with both layers).</summary>
    private static BootstrapInterval? JsInterval(IReadOnlyList<RunOutcome> runs, IReadOnlyList<double[]> shares,
        IReadOnlyList<RunOutcome> previousRuns, IReadOnlyList<double[]> previousShares, string cell, int layer)
    {
        var pairs = new List<(double[] This, double[] Previous)>();
        for (int i = 0; i < runs.Count; i++)
        {
            int j = IndexOf(previousRuns, runs[i]);
            if (j >= 0) pairs.Add((shares[i], previousShares[j]));
        }
        if (pairs.Count < 2) return null;
        return Bootstrap.ExactOrSampled(pairs, sample =>
        {
            var a = MeanVector(sample.Select(p => p.This));
            var b = MeanVector(sample.Select(p => p.Previous));
            return a.Sum() > 0 && b.Sum() > 0 ? SweepStatistics.JensenShannonBits(a, b) : 0;
        }, BootstrapSeed(cell, layer, "js_divergence"), Resamples);
    }

    private static int IndexOf(IReadOnlyList<RunOutcome> runs, RunOutcome run)
    {
        for (int i = 0; i < runs.Count; i++)
            if (ReferenceEquals(runs[i], run)) return i;
        return -1;
    }

    private static double Mean<T>(IReadOnlyList<T> sample, Func<T, double> value)
    {
        double sum = 0;
        foreach (var x in sample) sum += value(x);
        return sum / sample.Count;
    }

    /// <summary>One run's shares in the table's function order (0 where its pool lacks a function).</summary>
    private static double[] SharesOf(int?[] counts)
    {
        double total = counts.Sum(x => x ?? 0);
        return counts.Select(c => total > 0 ? (c ?? 0) / total : 0).ToArray();
    }

    private static double[] MeanVector(IEnumerable<double[]> vectors)
    {
        double[]? sum = null;
        int n = 0;
        foreach (var v in vectors)
        {
            sum ??= new double[v.Length];
            for (int i = 0; i < v.Length; i++) sum[i] += v[i];
            n++;
        }
        return sum is null ? [] : sum.Select(x => x / n).ToArray();
    }

    private static double Measure(Diversity d, string name) => name switch
    {
        "entropy_bits" => d.EntropyBits,
        "normalized_entropy" => d.NormalizedEntropy,
        "effective_functions" => d.EffectiveFunctions,
        "gini_simpson" => d.GiniSimpson,
        "dominance" => d.Dominance,
        "functions_used" => d.FunctionsUsed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown diversity measure"),
    };
}
