using SmartMixed.Client;
using Spectre.Console;

namespace SmartMixed.Sweep.Tests.CommandLine;

/// <summary>Runs the command line with its console output captured (Spectre's console is process-wide).</summary>
public static class ConsoleCapture
{
    public static (int Code, string Text) Run(string[] args) => Capture(() => SmartMixedApp.Run(args));

    /// <summary>Runs <paramref name="body"/> with the console captured.</summary>
    public static (int Code, string Text) Capture(Func<int> body)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 200;
        try
        {
            var code = body();
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
