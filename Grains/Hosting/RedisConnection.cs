using System.Net;
using StackExchange.Redis;

namespace SmartMixed.Grains.Hosting;

/// <summary>Redis connection settings shared by membership, storage and checkpoints.</summary>
public static class RedisConnection
{
    /// <summary>
    /// Parses a connection string and keeps reconnecting in the background instead of failing at the first
    /// refused connection, so a silo rides out a Redis restart. A password file (<c>Cluster:RedisPasswordFile</c>, a
    /// mounted secret) supplies the password, so it never has to be in the connection string.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString, string? passwordFile = null)
    {
        var options = Parse(connectionString, passwordFile);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 5;
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 10_000);
        return options;
    }

    /// <summary>The connection string's settings with the password from the file, if one is named.</summary>
    public static ConfigurationOptions Parse(string connectionString, string? passwordFile)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            // The parser's message names the bad part; the connection string itself may hold a password.
            throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:Redis is not a Redis connection string: {e.Message}", e);
        }
        if (options.EndPoints.Count == 0)
            throw new ClusterConfigurationException($"{SweepClusterOptions.Section}:Redis names no Redis server (host:port)");
        if (passwordFile is { Length: > 0 })
            options.Password = Secrets.Read(passwordFile, $"{SweepClusterOptions.Section}:RedisPasswordFile");
        return options;
    }

    /// <summary>Where a connection goes, for messages: its endpoints, never its password.</summary>
    public static string Describe(ConfigurationOptions options) =>
        string.Join(",", options.EndPoints.Select(e => e switch
        {
            DnsEndPoint d => $"{d.Host}:{d.Port}",
            _ => e.ToString(),
        }));

    /// <summary>
    /// True when Redis refused us for the password: none given to a Redis that requires one, or a wrong one. Waiting
    /// does not help with that, unlike a Redis that is not up yet.
    /// </summary>
    public static bool IsAuthenticationFailure(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }) return true;
            if (x.Message.Contains("NOAUTH", StringComparison.Ordinal) || x.Message.Contains("WRONGPASS", StringComparison.Ordinal)
                || x.Message.Contains("invalid password", StringComparison.OrdinalIgnoreCase)
                || x.Message.Contains("authentication failure", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>One line for a refused password: what to set (<paramref name="setting"/>: how this program takes the password file).</summary>
    public static string AuthenticationProblem(ConfigurationOptions options, string setting = $"{SweepClusterOptions.Section}:RedisPasswordFile") =>
        options.Password is { Length: > 0 }
            ? $"Redis at {Describe(options)} refused the password; check {setting} (or the password in the Redis connection string)"
            : $"Redis at {Describe(options)} requires a password; set {setting} to a file that holds it (e.g. a mounted secret)";
}
