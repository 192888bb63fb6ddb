using ScottPlot;

namespace SmartMixed.Grains.Report;

/// <summary>
/// A figure saved for papers as PNG and SVG side by side (<c>figures/NAME.png</c>, <c>figures/NAME.svg</c>). In SVG a
/// heat-map is an embedded bitmap that viewers would blur when scaled: the root <c>svg</c> asks for pixelated rendering.
/// </summary>
public static class FigureFile
{
    public static void Save(Plot plot, string directory, string name, int width, int height)
    {
        Directory.CreateDirectory(directory);
        plot.SavePng(Path.Combine(directory, name + ".png"), width, height);
        File.WriteAllText(Path.Combine(directory, name + ".svg"), Svg(plot, width, height));
    }

    /// <summary>The figure as SVG markup, ready to stand alone or be inlined into a page.</summary>
    public static string Svg(Plot plot, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        int at = svg.IndexOf("<svg", StringComparison.Ordinal);
        return at < 0 ? svg : svg.Insert(at + 4, " style=\"image-rendering: pixelated\"");
    }
}
