using ScottPlot;
using SmartMixed.Grains.Statistics;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Grains.Report;

/// <summary>
/// The static figures of the report, drawn with ScottPlot from aggregates only (means over seeds per cell, layer and
/// epoch), so a figure costs the same for 10 runs as for 10,000.
/// </summary>
public static class ReportFigures
{
    /// <summary>A plot in the page's sans-serif font (Skia's default would be a serif).</summary>
    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    /// <summary>Whole-number ticks on an axis of epochs or ranks.</summary>
    private static void IntegerTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Layer × function heat-map of the mean final selection share, each cell labelled with its percentage.</summary>
    public static Plot Heatmap(SelectionHeatmap map, string title)
    {
        var plot = NewPlot();
        int layers = map.Layers, functions = map.Functions.Count;
        var data = new double[layers, functions];
        for (int l = 0; l < layers; l++)
            for (int k = 0; k < functions; k++) data[l, k] = map.Shares[l, k] ?? double.NaN;
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap).Label = "share of neurons";
        for (int l = 0; l < layers; l++)
            for (int k = 0; k < functions; k++)
            {
                if (map.Shares[l, k] is not { } share) continue;
                // Row 0 of the data is drawn at the top, at y = layers − 1.
                var text = plot.Add.Text($"{share * 100:0}%", k, layers - 1 - l);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
                text.LabelFontColor = share > 0.6 ? Colors.Black : Colors.White;
            }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, functions).Select(k => (double)k).ToArray(), map.Functions.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, layers).Select(l => (double)(layers - 1 - l)).ToArray(),
            Enumerable.Range(1, layers).Select(l => $"layer {l}").ToArray());
        plot.Title(title);
        return plot;
    }

    /// <summary>Mean share of each function against epoch in one layer, the mean switch epoch marked.</summary>
    public static Plot SelectionOverEpochs(CellCurves curves, int layer, string title)
    {
        var plot = NewPlot();
        var epochs = Enumerable.Range(1, curves.Epochs).ToArray();
        for (int k = 0; k < curves.Functions.Count; k++)
        {
            var points = epochs.Where(e => curves.MeanShare(e, layer, k).HasValue).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.Scatter(points.Select(e => (double)e).ToArray(), points.Select(e => curves.MeanShare(e, layer, k)!.Value * 100).ToArray());
            line.LegendText = curves.Functions[k];
            line.MarkerSize = 4;
        }
        MarkSwitch(plot, curves.MeanSwitchEpoch);
        plot.Axes.SetLimitsY(0, 100);
        IntegerTicks(plot.Axes.Bottom);
        plot.XLabel("epoch");
        plot.YLabel("share of neurons (%)");
        plot.Title(title, size: 12);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Mean validation accuracy against epoch per cell (baselines thicker, with square markers).</summary>
    public static Plot LearningCurves(IReadOnlyList<(string Name, bool Baseline, CellCurves Curves)> cells)
    {
        var plot = NewPlot();
        foreach (var (name, baseline, curves) in cells)
        {
            var xs = Enumerable.Range(1, curves.Epochs).Select(e => (double)e).ToArray();
            var line = plot.Add.Scatter(xs, xs.Select(e => curves.MeanValidationAccuracy((int)e) * 100).ToArray());
            line.LegendText = name;
            line.MarkerSize = 3;
            // Baselines: thicker lines with square markers. (No dash patterns: Skia's SVG canvas cannot draw them and says
            // so on the console.)
            if (baseline)
            {
                line.LineWidth = 3;
                line.MarkerShape = MarkerShape.FilledSquare;
                line.MarkerSize = 6;
            }
        }
        IntegerTicks(plot.Axes.Bottom);
        plot.XLabel("epoch");
        plot.YLabel("validation accuracy (%), mean over seeds");
        plot.Title("Learning curves");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Marginal mean test accuracy per level of one factor with its 95 % interval (main effect).</summary>
    public static Plot MainEffect(string factor, IReadOnlyList<LevelMean> levels, bool blocked)
    {
        var plot = NewPlot();
        var present = levels.Where(l => l.Interval.Mean.HasValue).ToList();
        var xs = Enumerable.Range(0, present.Count).Select(i => (double)i).ToArray();
        var ys = present.Select(l => l.Interval.Mean!.Value * 100).ToArray();
        var errors = present.Select(l => l.Interval.CiHigh is { } h ? (h - l.Interval.Mean!.Value) * 100 : 0).ToArray();
        plot.Add.ErrorBar(xs, ys, errors);
        var points = plot.Add.Scatter(xs, ys);
        points.LineWidth = 0;
        points.MarkerSize = 9;
        plot.Axes.Bottom.SetTicks(xs, present.Select(l => l.Level).ToArray());
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, present.Count - 0.5));
        plot.XLabel(factor);
        plot.YLabel(blocked ? "test accuracy (%), 95 % CI, seeds as blocks" : "test accuracy (%), 95 % CI over runs");
        plot.Title($"Main effect of {factor}", size: 14);
        return plot;
    }

    /// <summary>
    /// Demšar's critical-difference diagram: the models on a mean-rank axis (1 = best, on the left) and a bar of the
    /// Nemenyi critical difference; models closer than it are not told apart at α = 0.05.
    /// </summary>
    public static Plot CriticalDifference(RankComparison ranking)
    {
        var plot = NewPlot();
        int k = ranking.Models.Count;
        var axis = plot.Add.Line(1, 0, k, 0);
        axis.LineWidth = 2;
        axis.LineColor = Colors.Black;
        for (int r = 1; r <= k; r++)
        {
            plot.Add.Line(r, 0, r, 0.15).LineColor = Colors.Black;
            var tick = plot.Add.Text(r.ToString(System.Globalization.CultureInfo.InvariantCulture), r, 0.2);
            tick.LabelAlignment = Alignment.LowerCenter;
        }
        var ordered = ranking.Ranks.OrderBy(m => m.MeanRank).ToList();
        double span = Math.Max(2, (k - 1) * 1.3); // room for the labels on either side of the rank axis
        double bottom = 0;
        for (int i = 0; i < ordered.Count; i++)
        {
            var m = ordered[i];
            bool left = i < (ordered.Count + 1) / 2;
            double y = -0.5 - 0.45 * (left ? i : ordered.Count - 1 - i);
            bottom = Math.Min(bottom, y);
            double x = left ? 1 - 0.15 * span : k + 0.15 * span;
            plot.Add.Line(m.MeanRank, 0, m.MeanRank, y).LineColor = Colors.DimGray;
            plot.Add.Line(m.MeanRank, y, x, y).LineColor = Colors.DimGray;
            var label = plot.Add.Text($"{m.Model} ({m.MeanRank:0.00})", x, y);
            label.LabelAlignment = left ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.LabelFontSize = 12;
        }
        if (ranking.Nemenyi is { } cd)
        {
            var bar = plot.Add.Line(1, 0.8, 1 + cd.CriticalDifference, 0.8);
            bar.LineWidth = 3;
            bar.LineColor = Colors.Red;
            var text = plot.Add.Text($"CD = {cd.CriticalDifference:0.00}", 1 + cd.CriticalDifference / 2, 0.9);
            text.LabelAlignment = Alignment.LowerCenter;
            // Thick bars join the models no test tells apart: each maximal run of ranks closer than CD.
            double y = -0.2;
            int lastEnd = -1;
            for (int i = 0; i < ordered.Count; i++)
            {
                int j = i;
                while (j + 1 < ordered.Count && ordered[j + 1].MeanRank - ordered[i].MeanRank < cd.CriticalDifference) j++;
                if (j <= i || j <= lastEnd) continue;
                var clique = plot.Add.Line(ordered[i].MeanRank - 0.03, y, ordered[j].MeanRank + 0.03, y);
                clique.LineWidth = 5;
                clique.LineColor = Colors.Black;
                y -= 0.12;
                lastEnd = j;
            }
        }
        plot.Axes.SetLimits(1 - span, k + span, bottom - 0.4, 1.4);
        plot.HideGrid();
        plot.Layout.Frameless();
        plot.Title($"Critical difference (Nemenyi, α = 0.05, {ranking.GroupsUsed.Count} groups)", size: 14);
        return plot;
    }

    private static void MarkSwitch(Plot plot, double? switchEpoch)
    {
        if (switchEpoch is not { } s) return;
        // The switch happens after epoch s: the line sits between the last phase-1 and the first phase-2 epoch.
        var line = plot.Add.VerticalLine(s + 0.5);
        line.LineColor = Colors.Gray.WithAlpha(0.7);
        line.Text = "switch";
    }
}
