using System.Reflection;
using SmartMixed.Client.Commands;
using Spectre.Console.Cli;

namespace SmartMixed.Client.CommandLine;

/// <summary>
/// Every command of <c>smartmixed</c>, by its words on the command line, with the flags its settings declare.
/// <see cref="SmartMixedApp"/> registers exactly these; error messages use them to suggest the flag meant.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandEntry> All { get; } =
    [
        new("train", typeof(TrainCommand)),
        new("sweep run", typeof(SweepRunCommand)),
        new("sweep submit", typeof(SweepSubmitCommand)),
        new("sweep status", typeof(SweepStatusCommand)),
        new("sweep watch", typeof(SweepWatchCommand)),
        new("sweep cancel", typeof(SweepCancelCommand)),
        new("sweep promote", typeof(SweepPromoteCommand)),
        new("sweep export", typeof(SweepExportCommand)),
        new("sweep report", typeof(SweepReportCommand)),
        new("sweep list", typeof(SweepListCommand)),
        new("data list", typeof(DataListCommand)),
        new("data fetch", typeof(DataFetchCommand)),
    ];

    /// <summary>The command the leading words of <paramref name="args"/> name, if any.</summary>
    public static CommandEntry? Find(IReadOnlyList<string> args) =>
        All.Where(c => c.Words.Count <= args.Count && c.Words.Select((w, i) => args[i] == w).All(x => x))
           .MaxBy(c => c.Words.Count);

    /// <summary>The words that may follow <paramref name="prefix"/> (top-level commands for an empty prefix).</summary>
    public static IReadOnlyList<string> Next(IReadOnlyList<string> prefix) =>
        All.Where(c => c.Words.Count > prefix.Count && c.Words.Take(prefix.Count).SequenceEqual(prefix))
           .Select(c => c.Words[prefix.Count]).Distinct().ToArray();
}

/// <summary>One command: its words (<c>sweep status</c>), its class and its settings' flags and arguments.</summary>
public sealed class CommandEntry(string path, Type commandType)
{
    public string Path { get; } = path;
    public IReadOnlyList<string> Words { get; } = path.Split(' ');
    public Type CommandType { get; } = commandType;

    /// <summary>The <see cref="CommandSettings"/> type the command takes (none for a command without settings).</summary>
    public Type SettingsType { get; } = SettingsOf(commandType);

    public IReadOnlyList<CommandFlag> Flags { get; } = FlagsOf(SettingsOf(commandType));

    /// <summary>Value names of the positional arguments, in order (e.g. <c>SWEEP-ID</c>).</summary>
    public IReadOnlyList<string> Arguments { get; } = SettingsOf(commandType).GetProperties()
        .Select(p => p.GetCustomAttribute<CommandArgumentAttribute>())
        .OfType<CommandArgumentAttribute>().OrderBy(a => a.Position).Select(a => a.ValueName).ToArray();

    /// <summary>The flag a name given on the command line (<c>epochs</c>, <c>--epochs</c>, <c>-h</c>) stands for.</summary>
    public CommandFlag? Flag(string name)
    {
        var bare = name.TrimStart('-');
        return Flags.FirstOrDefault(f => f.LongNames.Contains(bare, StringComparer.Ordinal) || f.ShortNames.Contains(bare, StringComparer.Ordinal));
    }

    private static Type SettingsOf(Type commandType)
    {
        for (var t = commandType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
                return settings;
        return typeof(EmptyCommandSettings);
    }

    private static CommandFlag[] FlagsOf(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(x => x.Option is not null)
            .Select(x => new CommandFlag(x.Option!.LongNames.ToArray(), x.Option.ShortNames.ToArray(), x.Option.ValueName, x.Property))
            .ToArray();
}

/// <summary>One flag of a command: <c>--epochs &lt;N&gt;</c>, or a switch such as <c>--resume</c> (no value name).</summary>
public sealed record CommandFlag(IReadOnlyList<string> LongNames, IReadOnlyList<string> ShortNames, string? ValueName, PropertyInfo Property)
{
    public string Name => LongNames.Count > 0 ? "--" + LongNames[0] : "-" + ShortNames[0];
    public bool TakesValue => ValueName is not null;
    public IEnumerable<string> Spellings => LongNames.Select(n => "--" + n).Concat(ShortNames.Select(n => "-" + n));
}
