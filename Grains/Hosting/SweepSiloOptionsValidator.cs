using Microsoft.Extensions.Options;

namespace SmartMixed.Grains.Hosting;

/// <summary>Checks a silo's sweep settings at start, naming every bad setting with its configuration key.</summary>
public sealed class SweepSiloOptionsValidator : IValidateOptions<SweepSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepSiloOptions o)
    {
        var problems = Problems(o);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(SweepSiloOptions o)
    {
        var problems = new List<string>();
        void Add(string key, string message) => problems.Add($"{SweepSiloOptions.Section}:{key} {message}");
        if (o.Slots < 0) Add(nameof(o.Slots), $"must be 0 (one per core) or more, not {o.Slots}");
        if (!IsOneOf(o.Storage, "sqlite", "redis", "memory")) Add(nameof(o.Storage), $"must be sqlite, redis or memory, not '{o.Storage}'");
        if (!IsOneOf(o.Checkpoints, "directory", "redis")) Add(nameof(o.Checkpoints), $"must be directory or redis, not '{o.Checkpoints}'");
        if ((IsOneOf(o.Storage, "redis") || IsOneOf(o.Checkpoints, "redis")) && string.IsNullOrWhiteSpace(o.Redis))
            Add(nameof(o.Redis), "is needed with Redis storage or checkpoints (or set Cluster:Redis)");
        if (!(o.CheckpointBudgetGB > 0)) Add(nameof(o.CheckpointBudgetGB), $"must be positive, not {o.CheckpointBudgetGB}");
        if (o.DatasetCacheSize < 1) Add(nameof(o.DatasetCacheSize), $"must be at least 1, not {o.DatasetCacheSize}");
        if (o.MaxAttempts < 1) Add(nameof(o.MaxAttempts), $"must be at least 1, not {o.MaxAttempts}");
        if (o.PollInterval <= TimeSpan.Zero) Add(nameof(o.PollInterval), $"must be positive, not {o.PollInterval}");
        if (o.WatchdogInterval <= TimeSpan.Zero) Add(nameof(o.WatchdogInterval), $"must be positive, not {o.WatchdogInterval}");
        if (o.SlotReservationTimeout <= TimeSpan.Zero) Add(nameof(o.SlotReservationTimeout), $"must be positive, not {o.SlotReservationTimeout}");
        if (o.StopGracePeriod < TimeSpan.Zero) Add(nameof(o.StopGracePeriod), $"must be zero or positive, not {o.StopGracePeriod}");
        return problems;
    }

    private static bool IsOneOf(string? value, params string[] allowed) =>
        allowed.Any(a => string.Equals(value, a, StringComparison.OrdinalIgnoreCase));
}
