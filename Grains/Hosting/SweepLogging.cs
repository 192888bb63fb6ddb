using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SmartMixed.Grains.Hosting;

/// <summary>
/// Structured logs (run and sweep ids as properties) to a rolling file and, for a silo, the console; levels
/// and sinks can be overridden from the <c>Serilog</c> configuration section.
/// </summary>
public static class SweepLogging
{
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string logDirectory, bool console)
    {
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning) // Orleans logs every placement decision through Polly
            .Enrich.FromLogContext()
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logDirectory, "smartmixed-.clef"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        if (console)
            logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
        return logger.ReadFrom.Configuration(configuration);
    }
}
