using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SmartMixed.Grains.Report;

/// <summary>Small helpers to write HTML text: escaping, numbers in the invariant culture, inlined SVG.</summary>
internal static partial class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Percent(double? value, int decimals = 2) =>
        value is { } v ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + " %" : "–";

    public static string Points(double? value) =>
        value is { } v ? (v * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " pts" : "–";

    public static string P(double? p) =>
        p is not { } v ? "–" : v < 0.0001 ? "&lt; 0.0001" : v.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Number(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Asset(string name)
    {
        using var stream = typeof(Html).Assembly.GetManifestResourceStream("SmartMixed.Report." + name)
            ?? throw new InvalidOperationException($"the report asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// An SVG document made fit to inline: the XML declaration dropped and every id (with its url(#…) and href="#…"
    /// references) prefixed, so that several figures on one page cannot take each other's clip paths.
    /// </summary>
    public static string InlineSvg(string svg, string prefix)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start > 0) svg = svg[start..];
        svg = IdAttribute().Replace(svg, m => $"id=\"{prefix}-{m.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{prefix}-{m.Groups[1].Value})");
        return HrefReference().Replace(svg, m => $"href=\"#{prefix}-{m.Groups[1].Value}\"");
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
