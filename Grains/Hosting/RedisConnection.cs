using StackExchange.Redis;

namespace SmartMixed.Grains.Hosting;

/// <summary>Redis connection settings shared by membership, storage and checkpoints.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Parses a connection string and keeps reconnecting in the background instead of failing at the first
    /// refused connection, so a silo rides out a Redis restart.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 5;
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 10_000);
        return options;
    }
}
