using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartMixed.Client.Specs;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Tables;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using Spectre.Console;

namespace SmartMixed.Benchmarks;

/// <summary>
/// What early stopping saves and what it costs in answers: the same sweep (a spec with an <c>early_stopping</c>
/// section, default <c>examples/ablation-halving.yaml</c>) run to the end twice through an in-process silo, with and
/// without early stopping. Prints the epochs trained and the wall time of each, the compute saved, and whether the best
/// cell (by mean validation loss over seeds, the criterion the rungs use; and by mean test accuracy) is the same.
/// </summary>
public static class EarlyStoppingBenchmark
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--spec", "--slots"], []);
        var path = options.Get("--spec", "examples/ablation-halving.yaml");
        int slots = options.GetInt("--slots", 2);
        SweepPlan plan;
        try { plan = SweepSpec.LoadPlan(path); }
        catch (ConfigException e) { throw new BenchmarkException($"{path}: {string.Join("; ", e.Problems.Select(p => $"{p.Path} {p.Message}"))}"); }
        if (plan.Settings.EarlyStopping is null) throw new BenchmarkException($"{path} has no early_stopping section");
        foreach (var data in plan.Runs.Select(r => r.Config.Data.Name).Distinct())
            if (!DatasetCatalog.Get(data).Probe(DataDirectories.FromEnvironment()).IsPresent)
                throw new BenchmarkException($"data set {data} is missing; fetch it with ./smartmixed data fetch {data}");

        AnsiConsole.MarkupLineInterpolated($"{path}: {plan.Runs.Count} runs, {plan.CellCount} cells, rungs {string.Join(", ", plan.Settings.EarlyStopping.Rungs)}, keep {plan.Settings.EarlyStopping.Keep:0.###}; {slots} slots");
        var halving = Measure(plan, plan.Settings, slots, "with early stopping");
        var full = Measure(plan, plan.Settings with { EarlyStopping = null }, slots, "without");

        var table = new Table().AddColumns("", "epochs trained", "wall s", "runs stopped", "best cell (validation loss)", "its test accuracy", "best cell (test accuracy)");
        foreach (var (label, m) in new[] { ("with early stopping", halving), ("without", full) })
            table.AddRow(label, $"{m.EpochsTrained:N0}", $"{m.Seconds:0.0}", $"{m.Stopped}", Markup.Escape(m.BestByLoss.Label), $"{m.BestByLoss.Test:P2}", Markup.Escape(m.BestByTest.Label));
        AnsiConsole.Write(table);
        double saved = 1 - halving.EpochsTrained / (double)full.EpochsTrained;
        AnsiConsole.MarkupLine($"compute saved: {saved:P1} of the epochs, {1 - halving.Seconds / full.Seconds:P1} of the wall time");
        AnsiConsole.MarkupLine($"best cell by validation loss the same: {Same(halving.BestByLoss.Cell == full.BestByLoss.Cell)}; by test accuracy: {Same(halving.BestByTest.Cell == full.BestByTest.Cell)}");
        if (halving.BestByLoss.Cell != full.BestByLoss.Cell) ExplainDifferentWinner(halving, full);
        return 0;
    }

    /// <summary>Whether early stopping dropped the full sweep's winner, and how far apart the two winners ended when both ran to the end.</summary>
    private static void ExplainDifferentWinner(Measurement halving, Measurement full)
    {
        var fullWinner = halving.Cells.Single(c => c.Key == full.BestByLoss.Cell);
        double Loss(string cell) => full.Cells.Single(c => c.Key == cell).Done.Average(r => r.ValidationLoss ?? double.NaN);
        var fate = fullWinner.StoppedAt is { } epoch ? $"was stopped at epoch {epoch}" : "was not stopped, but ended behind";
        AnsiConsole.MarkupLineInterpolated(
            $"  the full sweep's best cell ({full.BestByLoss.Label}) {fate}; run to the end, its mean validation loss was {Loss(full.BestByLoss.Cell):0.0000} against {Loss(halving.BestByLoss.Cell):0.0000} for the early-stopping sweep's best ({halving.BestByLoss.Label})");
    }

    private sealed record Best(string Cell, string Label, double Test);

    private sealed record Measurement(long EpochsTrained, double Seconds, int Stopped, Best BestByLoss, Best BestByTest, IReadOnlyList<CellData> Cells);

    private static Measurement Measure(SweepPlan plan, SweepSettings settings, int slots, string label)
    {
        var directory = Directory.CreateTempSubdirectory("smartmixed-halving-");
        using var host = SweepBenchmark.StartSiloAsync(new SweepSiloOptions
        {
            Storage = "sqlite",
            Slots = slots,
            DataDirectory = directory.FullName,
            PollInterval = TimeSpan.FromMilliseconds(100),
            OnlySweeps = [plan.SweepId],
        }).GetAwaiter().GetResult();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var clock = Stopwatch.StartNew();
            var status = SweepSubmitter.SubmitAsync(grains, plan.SweepId, new SweepSubmission(plan.Description, "", settings), plan.ToRunSpecs()).GetAwaiter().GetResult();
            while (!status.IsFinished)
            {
                Thread.Sleep(250);
                status = grains.GetGrain<ISweepGrain>(plan.SweepId).GetStatus().GetAwaiter().GetResult();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            long epochs = 0;
            var book = new CellBook();
            foreach (var row in Rows(grains, status))
            {
                epochs += row.View.Epoch;
                book.Add(row.Spec, SweepTableExport.OutcomeOf(row)); // as the tables count them: a stopped run is paused
            }
            var done = book.Cells.Where(c => !c.IsBaseline && c.Done.Any()).ToList();
            Best BestBy(Func<CellData, double> key, bool lowest)
            {
                var cell = lowest ? done.MinBy(key)! : done.MaxBy(key)!;
                return new Best(cell.Key, string.Join(" ", cell.Factors.Select(f => $"{f.Name}={f.Value}")), cell.Done.Average(r => r.TestAccuracy ?? double.NaN));
            }
            var result = new Measurement(epochs, seconds, status.Count(RunStatus.Paused),
                BestBy(c => c.Done.Average(r => r.ValidationLoss ?? double.NaN), lowest: true),
                BestBy(c => c.Done.Average(r => r.TestAccuracy ?? double.NaN), lowest: false), book.Cells);
            AnsiConsole.MarkupLineInterpolated($"[grey]  {label}: {epochs:N0} epochs in {seconds:0.0} s, {result.Stopped} runs stopped[/]");
            return result;
        }
        finally
        {
            host.StopAsync().GetAwaiter().GetResult();
            directory.Delete(recursive: true);
        }
    }

    private static IEnumerable<RunRow> Rows(IGrainFactory grains, SweepStatus status)
    {
        var enumerator = SweepReader.RowsAsync(grains, status).GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult()) yield return enumerator.Current;
    }

    private static string Same(bool same) => same ? "[green]yes[/]" : "[yellow]no[/]";
}
