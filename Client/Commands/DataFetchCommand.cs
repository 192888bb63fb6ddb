using System.ComponentModel;
using SmartMixed.Training.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

public sealed class DataFetchCommand : AsyncCommand<DataFetchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("Data set to fetch: mnist, fashion-mnist, mnist-npm10k (synthetic needs no fetch).")]
        public string Name { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        DatasetCatalog.Get(settings.Name); // unknown names fail before anything is written
        var progress = new Progress<string>(line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
        var status = await DatasetCatalog.FetchAsync(settings.Name, DataDirectories.FromEnvironment(), progress, cancellationToken);
        if (!status.IsPresent)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {status.Name} is still not available: {status.Note}");
            return ExitCodes.Failed;
        }
        AnsiConsole.MarkupLineInterpolated($"[green]{status.Name}[/] is ready at {status.Location} ({status.TrainPoolCount:N0} training-pool and {status.TestCount:N0} test samples)");
        return ExitCodes.Ok;
    }
}
