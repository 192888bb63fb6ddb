using Microsoft.Extensions.Configuration;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Grains.Web;

/// <summary>
/// The silo's web pages (section <c>Web</c>): the live page of each sweep at <c>/sweeps/ID</c> and, with
/// <c>Dashboard:Enabled</c>, the Orleans dashboard under <c>/orleans</c>, on one host.
/// <para>
/// <see cref="Urls"/>: where to listen, loopback by default. <see cref="Token"/>: the secret a request must carry
/// (<c>Authorization: Bearer TOKEN</c>, or HTTP Basic with TOKEN as the password, which a browser asks for itself);
/// give it in the environment (<c>Web__Token</c>) or in a file named by <see cref="TokenFile"/>, never in a file of
/// the repository. Listening on anything but loopback without a token is refused at start.
/// </para>
/// </summary>
public sealed class SweepWebOptions
{
    public const string Section = "Web";
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public bool Enabled { get; set; }

    /// <summary>Semicolon-separated URLs, as Kestrel takes them.</summary>
    public string Urls { get; set; } = DefaultUrls;

    public string? Token { get; set; }

    /// <summary>A file whose first line is the token (e.g. a mounted secret).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Seconds between two updates of a live page.</summary>
    public double UpdateSeconds { get; set; } = 2;

    /// <summary>Also serve the Orleans dashboard under /orleans (<c>Dashboard:Enabled</c>).</summary>
    public bool Dashboard { get; set; }

    /// <summary>
    /// Reads <c>Web:*</c>; <c>Dashboard:Enabled</c> turns the web host on with the dashboard, and the older
    /// <c>Dashboard:Urls</c> still names where to listen when <c>Web:Urls</c> does not.
    /// </summary>
    public static SweepWebOptions Read(IConfiguration configuration)
    {
        var options = new SweepWebOptions();
        configuration.GetSection(Section).Bind(options);
        options.Dashboard = configuration.GetValue("Dashboard:Enabled", false);
        if (options.Dashboard) options.Enabled = true;
        if (configuration[$"{Section}:Urls"] is null && configuration["Dashboard:Urls"] is { } urls) options.Urls = urls;
        return options;
    }

    /// <summary>The token from <see cref="Token"/> or <see cref="TokenFile"/>; null when neither is set.</summary>
    public string? EffectiveToken()
    {
        if (!string.IsNullOrWhiteSpace(Token)) return Token.Trim();
        if (string.IsNullOrWhiteSpace(TokenFile)) return null;
        var token = Secrets.Read(TokenFile, "Web:TokenFile").Split('\n')[0].Trim();
        return token.Length > 0 ? token : throw new ClusterConfigurationException($"Web:TokenFile: the first line of {TokenFile} is blank");
    }
}
