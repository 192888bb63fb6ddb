namespace SmartMixed.Benchmarks;

/// <summary>What every benchmark prints beside its figures: the verdict on a target and the machine's load.</summary>
internal static class BenchmarkConsole
{
    /// <summary>"met" or "NOT met", as Spectre markup.</summary>
    public static string Verdict(bool met) => met ? "[green]met[/]" : "[red]NOT met[/]";

    /// <summary>The one-minute load average: on a shared machine, what the neighbours were doing meanwhile.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
