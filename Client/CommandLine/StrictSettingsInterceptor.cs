using Spectre.Console.Cli;

namespace SmartMixed.Client.CommandLine;

/// <summary>
/// Checks what Spectre's strict parsing lets through before any command runs: a flag given without its value (Spectre
/// then stores a placeholder in a text flag), a flag given twice (Spectre keeps the last value without a word: a
/// command line edited in a hurry, <c>--epochs 400 … --epochs 4</c>, would run what nobody meant) and arguments after
/// <c>--</c>, which no command takes.
/// </summary>
public sealed class StrictSettingsInterceptor : ICommandInterceptor
{
    /// <summary>What Spectre.Console.Cli 0.57 stores in a text flag given without a value.</summary>
    internal const string MissingValuePlaceholder = "__default_command";

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        var command = CommandCatalog.All.FirstOrDefault(c => c.SettingsType == settings.GetType());
        var missing = command?.Flags.FirstOrDefault(f => f.Property.GetValue(settings) is MissingValuePlaceholder);
        if (missing is not null)
            throw new CommandLineException($"{missing.Name} needs a value: {missing.Name} <{missing.ValueName}>");
        if (command is not null && Repeated(command, context.Arguments) is { } repeated)
            throw new CommandLineException($"{repeated.Name} is given more than once ({string.Join(", ", repeated.Given)}); give it once");
        if (context.Remaining.Raw.Count > 0)
            throw new CommandLineException(
                $"unexpected argument{(context.Remaining.Raw.Count > 1 ? "s" : "")} {string.Join(" ", context.Remaining.Raw.Select(a => $"'{a}'"))}" +
                $"{(command is null ? "" : $" for '{command.Path}'")}; see ./smartmixed {command?.Path ?? ""} --help".TrimEnd());
    }

    /// <summary>The first flag named more than once (in any of its spellings), and how it was given each time.</summary>
    private static (string Name, List<string> Given)? Repeated(CommandEntry command, IReadOnlyList<string> args)
    {
        var seen = new Dictionary<CommandFlag, List<string>>();
        for (int i = 0; i < args.Count && args[i] != "--"; i++)
        {
            if (!args[i].StartsWith('-')) continue;
            var name = args[i].Split('=', ':')[0];
            if (command.Flag(name) is not { } flag) continue; // a value such as -1, or what Spectre already refused
            bool inline = name.Length < args[i].Length;
            var given = flag.TakesValue && !inline && i + 1 < args.Count ? $"{name} {args[i + 1]}" : args[i];
            if (!seen.TryGetValue(flag, out var list)) seen[flag] = list = [];
            list.Add(given);
            if (list.Count > 1) return (flag.Name, list);
        }
        return null;
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result) { }
}
