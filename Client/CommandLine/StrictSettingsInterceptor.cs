using Spectre.Console.Cli;

namespace SmartMixed.Client.CommandLine;

/// <summary>
/// Checks what Spectre's strict parsing lets through before any command runs: a flag given without its value (Spectre
/// then stores a placeholder in a text flag) and arguments after <c>--</c>, which no command takes.
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
        if (context.Remaining.Raw.Count > 0)
            throw new CommandLineException(
                $"unexpected argument{(context.Remaining.Raw.Count > 1 ? "s" : "")} {string.Join(" ", context.Remaining.Raw.Select(a => $"'{a}'"))}" +
                $"{(command is null ? "" : $" for '{command.Path}'")}; see ./smartmixed {command?.Path ?? ""} --help".TrimEnd());
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result) { }
}
