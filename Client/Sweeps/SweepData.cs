using SmartMixed.Client.Specs;
using SmartMixed.Training.Data;
using Spectre.Console;

namespace SmartMixed.Client.Sweeps;

/// <summary>Fetches the data sets a sweep needs before it starts, so the one-command run needs no other step.</summary>
public static class SweepData
{
    public static async Task EnsureAsync(SweepPlan plan, CancellationToken cancellation)
    {
        var directories = DataDirectories.FromEnvironment();
        foreach (var name in plan.Runs.Select(r => r.Config.Data.Name).Distinct())
        {
            if (DatasetCatalog.Get(name).Probe(directories).IsPresent) continue;
            AnsiConsole.MarkupLineInterpolated($"fetching data set [bold]{name}[/]…");
            var progress = new Progress<string>(line => AnsiConsole.MarkupLineInterpolated($"[grey]  {line}[/]"));
            var status = await DatasetCatalog.FetchAsync(name, directories, progress, cancellation);
            if (!status.IsPresent) throw new DatasetUnavailableException(name, status.Note ?? "the fetch did not produce it");
        }
    }
}
