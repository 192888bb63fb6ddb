using Microsoft.Data.Sqlite;
using Serilog;
using SmartMixed.Grains.Hosting;
using StackExchange.Redis;

namespace SmartMixed.Silo;

/// <summary>
/// Before the silo starts: waits, with exponential backoff and a log line saying why, until every store it is
/// configured to use (Redis for membership, state or checkpoints; the SQLite file) answers. A silo started before
/// its Redis comes up then simply joins once it does. A Redis that refuses the password is not waited for: that is a
/// setting to fix, reported as a <see cref="ClusterConfigurationException"/> naming it.
/// </summary>
public static class StoreProbe
{
    public static async Task WaitUntilReachableAsync(SweepClusterOptions cluster, SweepSiloOptions sweeps, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            var problem = Check(cluster, sweeps);
            if (problem is null) return;
            Log.Warning("Waiting for a store: {Problem}. Trying again in {Delay}", problem, delay);
            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2));
        }
    }

    /// <summary>Null when every configured store answers, else what does not.</summary>
    public static string? Check(SweepClusterOptions cluster, SweepSiloOptions sweeps)
    {
        var redis = new HashSet<(string, string?)>();
        if (Is(cluster.Membership, "redis") && cluster.Redis is { } m) redis.Add((m, cluster.RedisPasswordFile));
        if ((Is(sweeps.Storage, "redis") || Is(sweeps.Checkpoints, "redis")) && sweeps.Redis is { } s) redis.Add((s, sweeps.RedisPasswordFile));
        foreach (var (connection, passwordFile) in redis)
        {
            var options = RedisConnection.Parse(connection, passwordFile);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 3000;
            try
            {
                using var multiplexer = ConnectionMultiplexer.Connect(options);
                multiplexer.GetDatabase().Ping();
            }
            catch (Exception e) when (RedisConnection.IsAuthenticationFailure(e))
            {
                throw new ClusterConfigurationException(RedisConnection.AuthenticationProblem(options), e);
            }
            catch (Exception e)
            {
                return $"Redis at {RedisConnection.Describe(options)} does not answer ({e.GetType().Name}: {FirstLine(e.Message)})";
            }
        }
        if (Is(sweeps.Storage, "sqlite"))
        {
            var path = Path.Combine(sweeps.EffectiveDataDirectory, "sweeps.db");
            try
            {
                Directory.CreateDirectory(sweeps.EffectiveDataDirectory);
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 5 }.ToString());
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check;";
                command.ExecuteScalar();
            }
            catch (Exception e)
            {
                return $"the SQLite store {path} cannot be opened ({e.GetType().Name}: {FirstLine(e.Message)})";
            }
        }
        return null;
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
