using System.Globalization;

namespace SmartMixed.Chaos;

/// <summary>What a chaos run does; everything random in it is drawn from <see cref="Seed"/>.</summary>
public sealed record ChaosOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>How long faults are injected.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The gap between two faults is drawn uniformly from [min, max].</summary>
    public TimeSpan MinGap { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(40);

    public int Silos { get; init; } = 3;

    /// <summary>Runs of each sweep ("wave"): temperatures and a baseline × seeds (rounded up to whole seeds).</summary>
    public int Runs { get; init; } = 100;

    /// <summary>
    /// Sweeps submitted one after the other: at least this many, and another whenever one ends with more than a
    /// tenth of the fault period left, so the cluster has work for (nearly) every fault however fast the machine is.
    /// </summary>
    public int Waves { get; init; } = 2;

    public int Epochs { get; init; } = 12;

    /// <summary>Runs trained again directly and compared number for number.</summary>
    public int Sample { get; init; } = 5;

    /// <summary>How long a run may stay "running" on a silo that is gone, after a fault, before it counts as stuck.</summary>
    public TimeSpan StuckBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the sweep may take to finish once the faults have stopped.</summary>
    public TimeSpan FinishBound { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the processes keep their files; a new temporary directory when null (deleted unless <see cref="Keep"/>).</summary>
    public string? WorkDirectory { get; init; }

    public bool Keep { get; init; }

    public const string Usage = """
        usage: smartmixed-chaos [--ci] [--seed N] [--minutes M] [--runs R] [--waves W] [--epochs E] [--gap MIN-MAX] [--sample K]
                                [--silos S] [--work DIR] [--keep]
          --ci          the short version for CI: 60 s of faults every 8-15 s, one sweep of 96 runs of 6 epochs
                        (within 4 minutes)
          --seed N      seed of the fault schedule and the sample of runs checked against direct training (default 1)
          --minutes M   how long faults are injected (default 10)
          --runs R      runs per sweep (default 100)
          --waves W     sweeps at least, one after the other (default 2); another starts while a tenth of the
                        fault period is left
          --epochs E    epochs per run (default 12)
          --gap MIN-MAX seconds between faults (default 20-40)
          --sample K    runs trained again directly and compared exactly (default 5)
          --silos S     silo processes (default 3)
          --work DIR    keep the processes' files (logs, Redis, results) in DIR
          --keep        keep the temporary directory
        """;

    public static ChaosOptions Parse(string[] args)
    {
        var o = new ChaosOptions();
        if (args.Contains("--ci"))
            o = o with { Duration = TimeSpan.FromSeconds(60), MinGap = TimeSpan.FromSeconds(8), MaxGap = TimeSpan.FromSeconds(15), Runs = 96, Waves = 1, Epochs = 6, FinishBound = TimeSpan.FromMinutes(2) };
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}, not '{args[i]}'");
            switch (args[i])
            {
                case "--ci": break;
                case "--seed": o = o with { Seed = Number(0) }; break;
                case "--minutes":
                    var minutes = Value();
                    o = o with
                    {
                        Duration = double.TryParse(minutes, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0
                            ? TimeSpan.FromMinutes(m)
                            : throw new ArgumentException($"--minutes needs a positive number, not '{minutes}'"),
                    };
                    break;
                case "--runs": o = o with { Runs = Number(4) }; break;
                case "--waves": o = o with { Waves = Number(1) }; break;
                case "--epochs": o = o with { Epochs = Number(2) }; break;
                case "--sample": o = o with { Sample = Number(1) }; break;
                case "--silos": o = o with { Silos = Number(2) }; break;
                case "--work": o = o with { WorkDirectory = Value(), Keep = true }; break;
                case "--keep": o = o with { Keep = true }; break;
                case "--gap":
                    var gap = Value().Split('-');
                    if (gap.Length != 2 || !int.TryParse(gap[0], out var low) || !int.TryParse(gap[1], out var high) || low < 1 || high < low)
                        throw new ArgumentException($"--gap needs MIN-MAX seconds, e.g. 20-40, not '{args[i]}'");
                    o = o with { MinGap = TimeSpan.FromSeconds(low), MaxGap = TimeSpan.FromSeconds(high) };
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return o;
    }
}
