using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// A 10,000-run sweep (2,400 SmartMixed cells × 4 seeds, two baselines per setting, 4 layers, 20 epochs):
/// its report aggregates before it draws, so the page stays small and the figures are capped (how fast it is, the
/// scale benchmark measures).
/// </summary>
public sealed class LargeReportTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-large-report-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_report_of_ten_thousand_runs_is_small_and_its_figures_are_capped()
    {
        string[] pool = ["relu", "tanh", "elu", "selu"];
        const int epochs = 20, layers = 4, seeds = 4, cells = 2400;
        var random = new Random(7);
        var rows = new List<RunRow>();
        RunRow Row(string hash, string cell, string setting, string? baseline, FactorValue[] factors, int seed, string[] functions)
        {
            int k = functions.Length;
            var selection = Enumerable.Range(0, epochs * layers * k).Select(_ => random.Next(0, 20)).ToArray();
            var curve = new RunCurve(Enumerable.Repeat((byte)1, epochs).ToArray(), new double?[epochs],
                Enumerable.Range(1, epochs).Select(e => 1.0 / e).ToArray(), Enumerable.Range(1, epochs).Select(e => 1.0 / e).ToArray(),
                Enumerable.Range(1, epochs).Select(e => 0.8 + 0.005 * e + 0.01 * random.NextDouble()).ToArray(), new double?[epochs],
                Enumerable.Range(1, epochs).Select(e => 1.0 * e).ToArray(), layers, selection);
            var final = Enumerable.Range(0, layers).Select(l => selection.AsSpan(((epochs - 1) * layers + l) * k, k).ToArray()).ToArray();
            var accuracy = 0.9 + 0.05 * random.NextDouble();
            var outcome = new RunOutcome(hash, seed, RunStatus.Done, null, epochs, baseline is null ? 10 : null, 15, accuracy, accuracy, 0.3, 0.3, 0.2, 30, null, 1, null, functions, final);
            var spec = new RunSpec(hash, "{}", cell, setting, baseline, factors, seed, epochs);
            return new RunRow(spec, new RunView(hash, RunStatus.Done, epochs, epochs, null, null, 1, factors, baseline, 0, 0), new RunRecord("big", outcome, curve));
        }
        for (int c = 0; c < cells; c++)
        {
            var lr = (c % 50).ToString(CultureInfo.InvariantCulture);
            var tau = (c / 50).ToString(CultureInfo.InvariantCulture);
            for (int s = 1; s <= seeds; s++)
                rows.Add(Row($"c{c}s{s}", $"cell-{c}", $"setting-{lr}", null, [new("lr", lr), new("tau", tau), new("seed", s.ToString(CultureInfo.InvariantCulture))], s, pool));
        }
        for (int lr = 0; lr < 50; lr++)
            foreach (var b in new[] { "relu", "elu" })
                for (int s = 1; s <= seeds; s++)
                    rows.Add(Row($"{b}{lr}s{s}", $"{b}-{lr}", $"setting-{lr}", b,
                        [new("lr", lr.ToString(CultureInfo.InvariantCulture)), new("tau", "-"), new("seed", s.ToString(CultureInfo.InvariantCulture)), new("fixed", b)], s, [b]));
        Assert.Equal(10_000, rows.Count); // 2,400 cells × 4 seeds, and 50 settings × 2 baselines × 4 seeds

        var book = new CellBook();
        var curves = new CurveBook();
        foreach (var row in rows)
        {
            book.Add(row.Spec, row.Record!.Outcome);
            curves.Add(row);
        }
        var model = new ReportModel("big", null, null, SweepAnalysis.Of(book), curves, DateTimeOffset.UnixEpoch);
        var figures = SweepReport.Write(_directory.FullName, model);

        var html = new FileInfo(Path.Combine(_directory.FullName, SweepReport.FileName));
        Assert.True(html.Length < 2_000_000, $"report.html is {html.Length:N0} bytes");
        Assert.Equal(ReportModel.MaxCellFigures, figures.Count(f => f.StartsWith("selection-cell-", StringComparison.Ordinal)));
        Assert.Equal(ReportModel.MaxHeatmaps, File.ReadAllText(html.FullName).Split("class=\"heatmap\"").Length - 1);
    }
}
