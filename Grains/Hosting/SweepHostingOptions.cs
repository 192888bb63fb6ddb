using Microsoft.Extensions.Configuration;

namespace SmartMixed.Grains.Hosting;

public static class SweepHostingOptions
{
    /// <summary>The <c>SmartMixed</c> section, read once at start-up (storage and checkpoint choices shape the services).</summary>
    public static SweepSiloOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SweepSiloOptions.Section).Get<SweepSiloOptions>() ?? new SweepSiloOptions();
}
