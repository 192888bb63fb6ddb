using SmartMixed.GrainInterfaces;
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
/// </summary>
public static class DiversityTable
{
    public const string FileName = "diversity.csv";

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

        var rows = new List<IReadOnlyList<object?>>();
        foreach (var cell in cells)
        {
            var done = cell.Done.ToList();
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
                previousMeans = meanVector;
                rows.Add(row);
            }
        }
        return new SweepTable(header, rows);
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
