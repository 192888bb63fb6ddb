using System.Globalization;
using System.Text;
using SmartMixed.Grains.Statistics;
using SmartMixed.Grains.Tables;
using static SmartMixed.Grains.Report.Html;

namespace SmartMixed.Grains.Report;

/// <summary>
/// The report as one self-contained HTML page: its style sheet and script inlined, every figure inline SVG, the
/// heat-maps HTML grids (one element per layer × function, with a tooltip), nothing fetched from anywhere. The same
/// page, with a progress bar and a script that takes updates by server-sent events, is the live page of a running
/// sweep; <see cref="Content"/> is the part those updates replace.
/// </summary>
public static class ReportPage
{
    public static string Render(ReportModel model, FigureSet figures)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // No request may leave the page: no default favicon fetch either.
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        html.Append($"<title>{E(model.SweepId)} — SmartMixed sweep {(model.Live ? "(live)" : "report")}</title>\n");
        html.Append("<style>\n").Append(Asset("report.css")).Append("</style>\n</head>\n<body>\n");
        html.Append($"<h1>Sweep {E(model.SweepId)}</h1>\n");
        if (model.Description is { } d) html.Append($"<p class=\"lead\">{E(d)}</p>\n");
        html.Append(Header(model));
        html.Append("<main id=\"content\">\n").Append(Content(model, figures)).Append("</main>\n");
        html.Append("<div id=\"tooltip\" role=\"tooltip\"></div>\n");
        html.Append("<script>\n").Append(Asset("report.js")).Append("</script>\n");
        if (model.Live) html.Append("<script>\n").Append(Asset("live.js")).Append("</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Progress and state: a bar with an ETA on the live page, a line of counts in the report.</summary>
    public static string Header(ReportModel model)
    {
        var s = new StringBuilder();
        var (percent, progress) = Progress(model);
        s.Append("<section id=\"status\">\n");
        if (model.Live)
        {
            s.Append($"<div class=\"progress\"><div id=\"progress-bar\" style=\"width:{percent.ToString("0.0", CultureInfo.InvariantCulture)}%\"></div></div>\n");
            s.Append($"<p><span id=\"progress-text\">{E(progress)}</span> · state <span id=\"state\">{E(State(model))}</span> · ETA <span id=\"eta\">{E(Eta(model))}</span></p>\n");
        }
        else
        {
            s.Append($"<p id=\"progress-text\">{E(progress)} · generated {E(model.Generated.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}</p>\n");
        }
        s.Append("</section>\n");
        return s.ToString();
    }

    public static (double Percent, string Text) Progress(ReportModel model)
    {
        if (model.Status is not { } status)
        {
            var runs = model.Analysis.Book.Cells.SelectMany(c => c.Runs).ToList();
            return (100, $"{runs.Count(r => r.Status == GrainInterfaces.RunStatus.Done)} runs done, {runs.Count(r => r.Status == GrainInterfaces.RunStatus.Failed)} failed");
        }
        double percent = status.EpochsPlanned > 0 ? 100.0 * status.EpochsDone / status.EpochsPlanned : status.IsFinished ? 100 : 0;
        var text = $"{status.Counts.Ended}/{status.Total} runs ended ({status.Counts.Done} done, {status.Counts.Failed} failed, " +
                   $"{status.Counts.Running} running) · {status.EpochsDone}/{status.EpochsPlanned} epochs ({percent.ToString("0.0", CultureInfo.InvariantCulture)} %)";
        return (percent, text);
    }

    public static string State(ReportModel model) => model.Status?.State.ToString().ToLowerInvariant() ?? "completed";

    public static string Eta(ReportModel model) =>
        model.Status is { IsFinished: true } ? "done"
        : model.Eta is { } eta ? (eta.TotalHours >= 1 ? $"{(int)eta.TotalHours} h {eta.Minutes} min" : eta.TotalMinutes >= 1 ? $"{eta.Minutes} min {eta.Seconds} s" : $"{eta.Seconds} s")
        : "unknown yet";

    /// <summary>The page's sections: comparisons, effects, ranks, selection, learning curves, accuracy by cell.</summary>
    public static string Content(ReportModel model, FigureSet figures)
    {
        var s = new StringBuilder();
        Comparisons(s, model);
        Effects(s, model, figures);
        Ranks(s, model, figures);
        Selection(s, model, figures);
        LearningCurves(s, model, figures);
        Accuracy(s, model);
        return s.ToString();
    }

    private static void Comparisons(StringBuilder s, ReportModel model)
    {
        var analysis = model.Analysis;
        var tested = analysis.Comparisons.Count(c => c.P.HasValue);
        s.Append("<section id=\"comparisons\">\n<h2>Is SmartMixed better than a fixed activation?</h2>\n");
        s.Append($"<p class=\"note\">Every SmartMixed cell against every baseline of its setting, on test accuracy (SmartMixed − baseline). " +
                 $"Paired t-test by seed when the seeds match, Welch otherwise; p-values Holm-adjusted over all {tested} tests of the sweep; " +
                 $"verdict at α = 0.05 after Holm. The baseline marked ★ is the one accuracy.csv compares with, chosen " +
                 $"{(analysis.CompareTo is { Count: > 0 } declared ? $"as declared in the spec (compare_to: {E(string.Join(", ", declared))})" : "by validation accuracy (never test)")}.</p>\n");
        if (analysis.Comparisons.Count == 0)
        {
            s.Append("<p>No SmartMixed cell has a baseline of the same setting.</p>\n</section>\n");
            return;
        }
        var shown = analysis.Comparisons.ToList();
        if (shown.Count > ReportModel.MaxTableRows)
        {
            // The chosen baselines' comparisons, smallest Holm p first: the rows a reader of accuracy.csv looks for.
            shown = shown.Where(c => c.Chosen).OrderBy(c => c.PHolm ?? 2).Take(ReportModel.MaxTableRows).ToList();
            s.Append($"<p class=\"note\">{shown.Count} of {analysis.Comparisons.Count} comparisons: those with the chosen baseline, smallest Holm p first; comparisons.csv has them all.</p>\n");
        }
        s.Append("<table class=\"data\" id=\"comparisons-table\">\n<tr><th class=\"text\">cell</th><th class=\"text\">baseline</th><th>n</th><th>method</th>" +
                 "<th>difference</th><th>95 % CI</th><th>p</th><th>Holm p</th><th>d</th><th>Wilcoxon p</th><th class=\"text\">verdict</th></tr>\n");
        foreach (var c in shown)
        {
            var verdictClass = c.Verdict switch { CellComparison.Better => "better", CellComparison.Worse => "worse", CellComparison.NoEvidence => "none", _ => "untested" };
            var n = c.Method == SweepStatistics.Paired ? $"{c.NPairs} pairs" : $"{c.NCell} / {c.NBaseline}";
            s.Append($"<tr><td class=\"text\">{E(CellNames.Of(c.Cell))}</td><td class=\"text\">{E(c.Baseline.Baseline)}{(c.Chosen ? " ★" : "")}</td>" +
                     $"<td>{n}</td><td>{E(c.Method)}</td><td>{Points(c.Difference)}</td><td>{Interval(c.CiLow, c.CiHigh, points: true)}</td>" +
                     $"<td>{P(c.P)}</td><td>{P(c.PHolm)}</td><td>{Number(c.CohensDz ?? c.CohensD, "0.00")}</td><td>{P(c.WilcoxonP)}</td>" +
                     $"<td class=\"text\"><span class=\"verdict {verdictClass}\">{E(c.Verdict)}</span></td></tr>\n");
        }
        s.Append("</table>\n</section>\n");
    }

    private static void Effects(StringBuilder s, ReportModel model, FigureSet figures)
    {
        var effects = model.Analysis.Effects;
        s.Append("<section id=\"effects\">\n<h2>Which choices matter?</h2>\n");
        s.Append("<p class=\"note\">Marginal mean test accuracy of each factor level over the other factors (SmartMixed cells), 95 % intervals " +
                 (effects.Blocked ? "with seeds as blocks" : "over runs") + ".</p>\n");
        if (effects.Note is { } note) s.Append($"<p class=\"note\">{E(note)}</p>\n");
        if (effects.Factors.Count > 0)
        {
            s.Append("<div class=\"figures\">\n");
            foreach (var factor in effects.Factors)
            {
                var levels = effects.MarginalMeans.Where(m => m.Factor == factor.Name).ToList();
                if (levels.All(l => l.Interval.Mean is null)) continue;
                s.Append("<figure>").Append(figures.Add($"main-effect-{Slug(factor.Name)}", ReportFigures.MainEffect(factor.Name, levels, effects.Blocked), 480, 360)).Append("</figure>\n");
            }
            s.Append("</div>\n");
        }
        if (effects.Anova is { } anova)
        {
            s.Append("<table class=\"data\" id=\"anova-table\">\n<tr><th class=\"text\">source</th><th>SS</th><th>df</th><th>MS</th><th>F</th><th>p</th></tr>\n");
            foreach (var r in anova.Rows)
                s.Append($"<tr><td class=\"text\">{E(r.Source)}</td><td>{Number(r.SumOfSquares, "0.000000")}</td><td>{r.DegreesOfFreedom}</td>" +
                         $"<td>{Number(r.MeanSquare, "0.000000")}</td><td>{Number(r.F, "0.00")}</td><td>{P(r.P)}</td></tr>\n");
            s.Append("</table>\n");
        }
        s.Append("</section>\n");
    }

    private static void Ranks(StringBuilder s, ReportModel model, FigureSet figures)
    {
        var ranks = model.Analysis.Ranks;
        s.Append("<section id=\"ranks\">\n<h2>Ranks</h2>\n");
        s.Append($"<p class=\"note\">Within each {(ranks.GroupBy == ModelRanks.Seed ? "seed" : E(ranks.GroupBy) + " level")}, every model ranked by mean test accuracy (1 = best); " +
                 "Friedman's test of equal ranks and the Nemenyi critical difference at α = 0.05.</p>\n");
        if (ranks.Note is { } note) s.Append($"<p class=\"note\">{E(note)}</p>\n");
        if (ranks.Ranking is not { Ranks.Count: > 0 } ranking)
        {
            s.Append("</section>\n");
            return;
        }
        var rows = ranking.Ranks.OrderBy(r => r.MeanRank).ToList();
        if (rows.Count > ReportModel.MaxTableRows)
        {
            rows = rows.Take(ReportModel.MaxTableRows).ToList();
            s.Append($"<p class=\"note\">The {ReportModel.MaxTableRows} best of {ranking.Ranks.Count} models; ranks.csv has them all.</p>\n");
        }
        s.Append("<table class=\"data\" id=\"ranks-table\">\n<tr><th class=\"text\">model</th><th>first ranks</th><th>mean rank</th><th>MRR</th><th>test accuracy</th></tr>\n");
        foreach (var r in rows)
            s.Append($"<tr><td class=\"text\">{E(r.Model)}</td><td>{r.FirstRankCount}/{ranking.GroupsUsed.Count}</td><td>{Number(r.MeanRank, "0.00")}</td>" +
                     $"<td>{Number(r.MeanReciprocalRank, "0.000")}</td><td>{Percent(r.MeanScore)} ± {(r.SdScore is { } sd ? Number(sd * 100, "0.00") : "–")}</td></tr>\n");
        s.Append("</table>\n");
        if (ranking.Friedman is { } f)
            s.Append($"<p>Friedman χ² = {Number(f.ChiSquare, "0.00")} (df {f.DegreesOfFreedom}), p = {P(f.P)}; Iman–Davenport F = {Number(f.ImanDavenportF, "0.00")}, " +
                     $"p = {P(f.ImanDavenportP)}{(ranking.Nemenyi is { } cd ? $"; Nemenyi CD = {Number(cd.CriticalDifference, "0.00")}" : "")}.</p>\n");
        if (ranking.Nemenyi is not null && ranking.Ranks.Count <= 30)
            s.Append("<div class=\"figures\"><figure>").Append(figures.Add("critical-difference", ReportFigures.CriticalDifference(ranking), 1100, 160 + 18 * ranking.Ranks.Count)).Append("</figure></div>\n");
        s.Append("</section>\n");
    }

    private static void Selection(StringBuilder s, ReportModel model, FigureSet figures)
    {
        var cells = model.SmartMixedCells;
        s.Append("<section id=\"selection\">\n<h2>What the neurons chose</h2>\n");
        s.Append("<p class=\"note\">Per SmartMixed cell, the mean final share of each function in each hidden layer over the cell's finished runs " +
                 "(hover a cell for the numbers)" + (model.Curves is null ? "" : $", and for the best {ReportModel.MaxCellFiguresOnPage} the share against epoch per layer with the switch marked (figures/ has {ReportModel.MaxCellFigures})") + ".</p>\n");
        if (cells.Count == 0) s.Append("<p>No SmartMixed run has finished yet.</p>\n");
        if (cells.Count > ReportModel.MaxHeatmaps) s.Append($"<p class=\"note\">The {ReportModel.MaxHeatmaps} best cells on validation accuracy of {cells.Count}; diversity.csv has every cell.</p>\n");
        s.Append("<div class=\"cells\">\n");
        for (int i = 0; i < Math.Min(cells.Count, ReportModel.MaxHeatmaps); i++)
        {
            var cell = cells[i];
            if (SelectionHeatmap.Of(cell) is not { } map) continue;
            var name = CellNames.Of(cell);
            s.Append($"<div class=\"cell-card\" data-cell=\"{E(cell.Key)}\">\n<h3>{E(name)} <span class=\"note\">({map.Runs} runs)</span></h3>\n");
            HeatmapGrid(s, map);
            if (i < ReportModel.MaxCellFigures)
            {
                var slug = $"cell-{i + 1:00}";
                var curves = model.Curves?.For(cell.Key);
                s.Append("<div class=\"figures\">\n");
                figures.Save($"selection-{slug}", ReportFigures.Heatmap(map, name), 640, 120 + 60 * map.Layers); // the page has the grid above
                if (curves is not null)
                    for (int layer = 1; layer <= curves.Layers; layer++)
                    {
                        var plot = ReportFigures.SelectionOverEpochs(curves, layer, $"{name} · layer {layer}");
                        if (i < ReportModel.MaxCellFiguresOnPage) s.Append("<figure>").Append(figures.Add($"selection-epochs-{slug}-L{layer}", plot, 440, 320)).Append("</figure>\n");
                        else figures.Save($"selection-epochs-{slug}-L{layer}", plot, 440, 320);
                    }
                s.Append("</div>\n");
            }
            s.Append("</div>\n");
        }
        s.Append("</div>\n</section>\n");
    }

    /// <summary>One element per layer × function, coloured by share (viridis), the numbers in its tooltip.</summary>
    private static void HeatmapGrid(StringBuilder s, SelectionHeatmap map)
    {
        s.Append($"<div class=\"heatmap\" data-layers=\"{map.Layers}\" data-functions=\"{map.Functions.Count}\" style=\"grid-template-columns: auto repeat({map.Functions.Count}, 1fr)\">\n<div></div>");
        foreach (var f in map.Functions) s.Append($"<div class=\"hm-head\">{E(f)}</div>");
        s.Append('\n');
        for (int l = 0; l < map.Layers; l++)
        {
            s.Append($"<div class=\"hm-row-head\">layer {l + 1}</div>");
            for (int k = 0; k < map.Functions.Count; k++)
            {
                var share = map.Shares[l, k];
                var tip = $"layer {l + 1} · {map.Functions[k]}: {(share is { } v ? Percent(v, 1) : "no selection")} of neurons, mean over {map.Runs} runs";
                if (share is { } value)
                    s.Append($"<div class=\"hm-cell\" data-layer=\"{l + 1}\" data-function=\"{E(map.Functions[k])}\" data-share=\"{value.ToString("R", CultureInfo.InvariantCulture)}\" " +
                             $"data-tip=\"{E(tip)}\" style=\"background:{Viridis(value)};color:{(value > 0.6 ? "#000" : "#fff")}\">{(value * 100).ToString("0", CultureInfo.InvariantCulture)}</div>");
                else
                    s.Append($"<div class=\"hm-cell empty\" data-layer=\"{l + 1}\" data-function=\"{E(map.Functions[k])}\" data-tip=\"{E(tip)}\"></div>");
            }
            s.Append('\n');
        }
        s.Append("</div>\n");
    }

    private static void LearningCurves(StringBuilder s, ReportModel model, FigureSet figures)
    {
        if (model.Curves is not { } book) return;
        var smart = model.SmartMixedCells.Take(ReportModel.MaxCurves / 2);
        var baselines = model.Analysis.Book.Cells.Where(c => c.IsBaseline && c.Done.Any());
        var cells = smart.Concat(baselines).Take(ReportModel.MaxCurves)
            .Select(c => (Name: CellNames.Of(c), Baseline: c.IsBaseline, Curves: book.For(c.Key)))
            .Where(c => c.Curves is not null)
            .Select(c => (c.Name, c.Baseline, c.Curves!))
            .ToList();
        if (cells.Count == 0) return;
        s.Append("<section id=\"curves\">\n<h2>Learning curves</h2>\n<p class=\"note\">Validation accuracy per epoch, mean over each cell's finished runs" +
                 $" (the {Math.Min(ReportModel.MaxCurves / 2, model.SmartMixedCells.Count)} best SmartMixed cells on validation accuracy, and the baselines: thick lines, square markers).</p>\n");
        s.Append("<div class=\"figures\"><figure>").Append(figures.Add("learning-curves", ReportFigures.LearningCurves(cells), 900, 480)).Append("</figure></div>\n</section>\n");
    }

    private static void Accuracy(StringBuilder s, ReportModel model)
    {
        var analysis = model.Analysis;
        s.Append("<section id=\"accuracy\">\n<h2>Accuracy and budget by cell</h2>\n");
        var cells = analysis.Book.Cells.ToList();
        if (cells.Count > ReportModel.MaxTableRows)
        {
            cells = model.SmartMixedCells.Take(ReportModel.MaxTableRows).Concat(cells.Where(c => c.IsBaseline).Take(ReportModel.MaxTableRows)).ToList();
            s.Append($"<p class=\"note\">The {Math.Min(ReportModel.MaxTableRows, model.SmartMixedCells.Count)} best SmartMixed cells on validation accuracy and the baselines; accuracy.csv has every cell.</p>\n");
        }
        s.Append("<table class=\"data\" id=\"accuracy-table\">\n<tr><th class=\"text\">cell</th><th>done</th><th>failed</th><th>test accuracy</th><th>95 % CI</th>" +
                 "<th>validation accuracy</th><th>epochs (phase 1 + 2)</th><th>wall s / run</th></tr>\n");
        foreach (var cell in cells)
        {
            var test = SweepStatistics.Summarize(cell.Done.Where(r => r.TestAccuracy.HasValue).Select(r => r.TestAccuracy!.Value).ToList());
            var validation = SweepStatistics.Summarize(cell.Done.Where(r => r.ValidationAccuracy.HasValue).Select(r => r.ValidationAccuracy!.Value).ToList());
            var budgets = cell.Done.Select(RunBudget.Of).ToList();
            var epochs = budgets.Count == 0 ? "–"
                : cell.IsBaseline || budgets.All(b => b.Phase1Epochs is null) ? Number(budgets.Average(b => b.Epochs), "0.#")
                : $"{Number(budgets.Where(b => b.Phase1Epochs.HasValue).Average(b => b.Phase1Epochs!.Value), "0.#")} + {Number(budgets.Where(b => b.Phase2Epochs.HasValue).Average(b => b.Phase2Epochs!.Value), "0.#")}";
            // A cell that early stopping stopped ran only to its rung: say so, and show no statistics for it.
            var stopped = cell.StoppedAt is { } rung ? $" <span class=\"stopped\">stopped at epoch {rung} (rung mean {Number(cell.RungMean ?? double.NaN, "0.####")})</span>" : "";
            s.Append($"<tr><td class=\"text\">{E(CellNames.Of(cell))}{stopped}</td><td>{test.N}</td><td>{cell.Failed}</td><td>{Percent(test.Mean)}</td>" +
                     $"<td>{Interval(test.Ci95Low, test.Ci95High)}</td><td>{Percent(validation.Mean)}</td><td>{epochs}</td>" +
                     $"<td>{(budgets.Count == 0 ? "–" : Number(budgets.Average(b => b.WallSeconds), "0.0"))}</td></tr>\n");
        }
        s.Append("</table>\n</section>\n");
    }

    private static string Interval(double? low, double? high, bool points = false) =>
        low is null || high is null ? "–" : points ? $"[{Points(low)}, {Points(high)}]" : $"[{Percent(low)}, {Percent(high)}]";

    private static string Slug(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>The viridis colour map at t in [0, 1], interpolated between nine of its stops.</summary>
    public static string Viridis(double t)
    {
        (double R, double G, double B)[] stops =
        [
            (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
            (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
        ];
        t = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)t, stops.Length - 2);
        double f = t - i;
        var (r, g, b) = (stops[i].R + f * (stops[i + 1].R - stops[i].R), stops[i].G + f * (stops[i + 1].G - stops[i].G), stops[i].B + f * (stops[i + 1].B - stops[i].B));
        return $"rgb({(int)Math.Round(r)},{(int)Math.Round(g)},{(int)Math.Round(b)})";
    }
}
