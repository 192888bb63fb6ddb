using Microsoft.Extensions.Configuration;

namespace SmartMixed.Grains.Hosting;

public static class SweepHostingOptions
{
    /// <summary>The <c>SmartMixed</c> section, read once at start-up (storage and checkpoint choices shape the services).</summary>
    public static SweepSiloOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SweepSiloOptions.Section).Get<SweepSiloOptions>() ?? new SweepSiloOptions();
        options.Redis ??= configuration[$"{SweepClusterOptions.Section}:Redis"]; // one Redis for everything unless told otherwise
        return options;
    }
}
