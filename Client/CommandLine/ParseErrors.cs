using System.Text.RegularExpressions;
using SmartMixed.Training.Config;
using Spectre.Console.Cli;

namespace SmartMixed.Client.CommandLine;

/// <summary>
/// Spectre.Console.Cli's parse and conversion errors in plain words, each naming the flag or word at fault and
/// suggesting the one meant: <c>unknown flag --epoch for 'train' (did you mean --epochs?)</c>.
/// </summary>
public static partial class ParseErrors
{
    public static CommandLineException Describe(CommandAppException e, IReadOnlyList<string> args)
    {
        var command = CommandCatalog.Find(args);
        var help = $"see ./smartmixed {command?.Path ?? ""} --help".Replace("  ", " ");
        var message = e.Message;

        if (UnknownOption().Match(message) is { Success: true } unknownOption)
        {
            var given = Given(args, unknownOption.Groups[1].Value);
            var spellings = command?.Flags.SelectMany(f => f.Spellings).Append("--help") ?? [];
            var hint = Spelling.Closest(given, spellings) is { } meant ? $" (did you mean {meant}?)" : "";
            return new($"unknown flag {given}{(command is null ? "" : $" for '{command.Path}'")}{hint}; {help}");
        }

        if (UnknownCommand().Match(message) is { Success: true } unknownCommand)
        {
            var word = unknownCommand.Groups[1].Value;
            if (command is not null)
            {
                int at = IndexOf(args, word);
                var switchBefore = at > 0 ? command.Flag(args[at - 1]) : null;
                if (switchBefore is { TakesValue: false })
                    return new($"{switchBefore.Name} takes no value, but '{word}' follows it; {help}");
                var takes = command.Arguments.Count == 0 ? "takes no arguments" : $"takes {string.Join(" ", command.Arguments)}";
                return new($"unexpected argument '{word}': '{command.Path}' {takes}; {help}");
            }
            var prefix = args.TakeWhile(a => a != word).ToArray();
            var options = CommandCatalog.Next(prefix);
            var hint = Spelling.Closest(word, options) is { } meant ? $" (did you mean '{meant}'?)" : "";
            return new($"unknown command '{string.Join(" ", prefix.Append(word))}'{hint}; commands: {string.Join(", ", options)}");
        }

        if (FailedToConvert().Match(message) is { Success: true } conversion && command is not null)
        {
            var value = conversion.Groups[1].Value;
            var flag = FlagWithValue(args, value, command);
            if (value == StrictSettingsInterceptor.MissingValuePlaceholder && flag is null)
                flag = command.Flags.FirstOrDefault(f => f.TakesValue && args.Any(a => f.Spellings.Contains(a)) && f.Property.PropertyType != typeof(string));
            if (flag is not null)
                return value == StrictSettingsInterceptor.MissingValuePlaceholder
                    ? new($"{flag.Name} needs a value: {flag.Name} <{flag.ValueName}>")
                    : new($"{flag.Name}: '{value}' is not {ConfigReader.Expected(flag.Property.PropertyType)}");
            return new($"'{value}' is not a valid value here; {help}");
        }

        if (MissingArgument().Match(message) is { Success: true } missing)
            return new($"'{command?.Path ?? missing.Groups[1].Value}' needs its {missing.Groups[2].Value} argument; {help}");

        if (message.StartsWith("Flags cannot be assigned a value", StringComparison.Ordinal))
        {
            var flag = args.Where(a => a.StartsWith('-') && a.IndexOfAny(['=', ':']) > 0)
                .Select(a => command?.Flag(a.Split('=', ':')[0])).FirstOrDefault(f => f is { TakesValue: false });
            return new($"{flag?.Name ?? "a switch"} takes no value (give it alone to turn it on); {help}");
        }

        return new(message.TrimEnd('.'));
    }

    /// <summary>How the user wrote an option Spectre names without dashes.</summary>
    private static string Given(IReadOnlyList<string> args, string name) =>
        args.Select(a => a.Split('=', ':')[0]).FirstOrDefault(a => a.TrimStart('-') == name && a.StartsWith('-'))
        ?? (name.Length == 1 ? "-" + name : "--" + name);

    /// <summary>The flag <paramref name="value"/> was given to: <c>--flag value</c>, <c>--flag=value</c> or <c>--flag:value</c>.</summary>
    private static CommandFlag? FlagWithValue(IReadOnlyList<string> args, string value, CommandEntry command)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (i + 1 < args.Count && args[i + 1] == value && command.Flag(args[i]) is { TakesValue: true } flag) return flag;
            foreach (var separator in new[] { '=', ':' })
                if (args[i].IndexOf(separator) is > 0 and var cut && args[i][(cut + 1)..] == value && command.Flag(args[i][..cut]) is { } inline)
                    return inline;
        }
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> args, string word)
    {
        for (int i = args.Count - 1; i >= 0; i--)
            if (args[i] == word) return i;
        return -1;
    }

    [GeneratedRegex("^Unknown option '(.*)'\\.?$")]
    private static partial Regex UnknownOption();

    [GeneratedRegex("^Unknown command '(.*)'\\.?$")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex("^Command '(.*)' is missing required argument '(.*)'")]
    private static partial Regex MissingArgument();

    [GeneratedRegex("^Failed to convert '(.*)' to ")]
    private static partial Regex FailedToConvert();
}
