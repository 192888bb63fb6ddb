using SmartMixed.Training.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SmartMixed.Client.Commands;

/// <summary>
/// <c>data list</c>: each data set and whether it is here. "yes" only for files that verify against their published
/// checksums; files that are there but truncated or damaged are listed as corrupt, naming the file and the fix.
/// </summary>
public sealed class DataListCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var directories = DataDirectories.FromEnvironment();
        var table = new Table().AddColumns("data set", "here", "train pool", "test", "location", "note");
        foreach (var s in DatasetCatalog.List(directories))
            table.AddRow(
                Markup.Escape(s.Name),
                s.IsPresent ? "[green]yes[/]" : s.IsCorrupt ? "[red]corrupt[/]" : "[grey]no[/]",
                s.TrainPoolCount?.ToString("N0") ?? "",
                s.TestCount?.ToString("N0") ?? "",
                Markup.Escape(s.Location),
                Markup.Escape(s.Note ?? ""));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]cache: {directories.Cache} (set {DataDirectories.CacheVariable} to move it)[/]");
        return ExitCodes.Ok;
    }
}
