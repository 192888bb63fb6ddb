using SmartMixed.Grains.Tables;

namespace SmartMixed.Grains.Report;

/// <summary>
/// The paper's figure for one SmartMixed cell: the mean final share of each function in each hidden layer over the
/// cell's Done runs (rows: layers from the input, columns: the pool's functions), from outcomes alone, so the live page
/// can show it while the sweep runs.
/// </summary>
public sealed record SelectionHeatmap(CellData Cell, IReadOnlyList<string> Functions, double?[,] Shares, int Runs)
{
    public int Layers => Shares.GetLength(0);

    public static SelectionHeatmap? Of(CellData cell)
    {
        var runs = cell.Done.Where(r => r.Selection.Length > 0).ToList();
        if (runs.Count == 0) return null;
        var functions = runs[0].Functions;
        int layers = runs.Max(r => r.Selection.Length);
        var sums = new double[layers, functions.Length];
        var counts = new int[layers];
        foreach (var run in runs)
            for (int l = 0; l < run.Selection.Length; l++)
            {
                double total = run.Selection[l].Sum();
                if (total <= 0) continue;
                counts[l]++;
                for (int k = 0; k < functions.Length; k++)
                {
                    int at = Array.IndexOf(run.Functions, functions[k]);
                    if (at >= 0) sums[l, k] += run.Selection[l][at] / total;
                }
            }
        var shares = new double?[layers, functions.Length];
        for (int l = 0; l < layers; l++)
            for (int k = 0; k < functions.Length; k++)
                shares[l, k] = counts[l] == 0 ? null : sums[l, k] / counts[l];
        return new SelectionHeatmap(cell, functions, shares, runs.Count);
    }
}
