namespace SmartMixed.Chaos;

public enum FaultKind
{
    /// <summary>kill -9 a silo, start it again after <see cref="Fault.Down"/>.</summary>
    KillSilo,

    /// <summary>SIGTERM a silo (it leaves gracefully), start it again at once.</summary>
    RestartSilo,

    /// <summary>kill -9 Redis (append-only file, fsync on every write), start it again after <see cref="Fault.Down"/>.</summary>
    RestartRedis,

    /// <summary>kill -9 the submitting client, start it again after <see cref="Fault.Down"/>.</summary>
    KillClient,
}

/// <summary>One planned fault: when (from the start of the fault period), what, which silo, and how long it stays down.</summary>
public sealed record Fault(int Number, TimeSpan At, FaultKind Kind, int Silo, TimeSpan Down)
{
    public string Describe() => Kind switch
    {
        FaultKind.KillSilo => $"kill -9 silo {Silo}, start it again after {Down.TotalSeconds:0.0} s",
        FaultKind.RestartSilo => $"restart silo {Silo} (SIGTERM, graceful leave, start again)",
        FaultKind.RestartRedis => $"kill -9 Redis, start it again after {Down.TotalSeconds:0.0} s (append-only file, fsync always)",
        FaultKind.KillClient => $"kill -9 the submitting client, start it again after {Down.TotalSeconds:0.0} s",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// The faults of a run, drawn from its seed alone: the first kills the client while it submits (a fraction of a second
/// after it has connected, <see cref="Fault.At"/> counting from then); then one every [min, max] seconds for the duration, a random silo killed or restarted or the client
/// killed, and Redis restarted exactly once, somewhere in the middle.
/// </summary>
public static class FaultSchedule
{
    public static IReadOnlyList<Fault> Draw(ChaosOptions o)
    {
        var random = new Random(o.Seed);
        double Uniform(double low, double high) => low + random.NextDouble() * (high - low);

        var times = new List<TimeSpan>();
        var t = TimeSpan.Zero;
        while (true)
        {
            t += TimeSpan.FromSeconds(Uniform(o.MinGap.TotalSeconds, o.MaxGap.TotalSeconds));
            if (t > o.Duration) break;
            times.Add(t);
        }
        int redisAt = times.Count <= 2 ? times.Count - 1 : random.Next(1, times.Count - 1);
        var faults = new List<Fault> { new(1, TimeSpan.FromSeconds(Uniform(0.02, 0.3)), FaultKind.KillClient, -1, TimeSpan.FromSeconds(Uniform(1, 3))) };
        for (int i = 0; i < times.Count; i++)
        {
            double roll = random.NextDouble();
            var kind = i == redisAt ? FaultKind.RestartRedis
                : roll < 0.45 ? FaultKind.KillSilo
                : roll < 0.75 ? FaultKind.RestartSilo
                : FaultKind.KillClient;
            int silo = random.Next(o.Silos);
            var down = kind switch
            {
                FaultKind.KillSilo => TimeSpan.FromSeconds(Uniform(2, 10)),
                FaultKind.RestartRedis => TimeSpan.FromSeconds(Uniform(1, 4)),
                FaultKind.KillClient => TimeSpan.FromSeconds(Uniform(1, 5)),
                _ => TimeSpan.Zero,
            };
            faults.Add(new Fault(faults.Count + 1, times[i], kind, kind is FaultKind.KillSilo or FaultKind.RestartSilo ? silo : -1, down));
        }
        return faults;
    }
}
