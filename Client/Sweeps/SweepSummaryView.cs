using SmartMixed.Grains.Tables;
using Spectre.Console;

namespace SmartMixed.Client.Sweeps;

/// <summary>
/// The accuracy table of a finished sweep on the console, best cells first, each SmartMixed cell with its difference to
/// the baseline chosen without test data, the Holm-adjusted p-value and the verdict.
/// </summary>
public static class SweepSummaryView
{
    public static void Show(SweepAnalysis analysis, int maxRows = 20)
    {
        var accuracy = AccuracyTable.Build(analysis);
        if (accuracy.Rows.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]no run finished; nothing to summarise[/]");
            return;
        }
        var factorColumns = accuracy.Header.Where(h => h.StartsWith("factor.", StringComparison.Ordinal)).ToList();
        var table = new Table().Title("test accuracy by cell (mean, 95 % CI over seeds)");
        foreach (var c in factorColumns) table.AddColumn(Markup.Escape(c["factor.".Length..]));
        table.AddColumns("n", "test mean", "95 % CI", "vs baseline (chosen without test data)", "verdict (Holm p)");
        var rows = Enumerable.Range(0, accuracy.Rows.Count)
            .OrderByDescending(i => accuracy.Value(i, "test_accuracy_mean") as double? ?? double.MinValue)
            .Take(maxRows);
        foreach (var i in rows)
        {
            var cells = factorColumns.Select(c => Markup.Escape(accuracy.Text(i, c))).ToList();
            cells.Add(accuracy.Text(i, "n"));
            cells.Add(Percent(accuracy.Value(i, "test_accuracy_mean")));
            cells.Add(Markup.Escape(Interval(accuracy.Value(i, "test_accuracy_ci95_low"), accuracy.Value(i, "test_accuracy_ci95_high"))));
            var diff = accuracy.Value(i, "diff_test_mean") is double d
                ? $"{d * 100:+0.00;-0.00} pts vs {accuracy.Text(i, "compared_baseline")} {Interval(accuracy.Value(i, "diff_ci95_low"), accuracy.Value(i, "diff_ci95_high"), points: true)}"
                : "";
            cells.Add(Markup.Escape(diff));
            cells.Add(Markup.Escape(accuracy.Value(i, "diff_p_holm") is double p ? $"{accuracy.Text(i, "verdict")} ({p:0.000})" : accuracy.Text(i, "verdict")));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static string Percent(object? value) => value is double d ? $"{d:P2}" : "";

    private static string Interval(object? low, object? high, bool points = false) =>
        low is double l && high is double h
            ? points ? $"[{l * 100:+0.00;-0.00}, {h * 100:+0.00;-0.00}]" : $"[{l:P2}, {h:P2}]"
            : "";
}
