using ScottPlot;

namespace SmartMixed.Grains.Report;

/// <summary>
/// The figures of one page: each drawn once, inlined into the page as SVG and, when a folder is given (the report, not
/// the live page), also saved there as PNG and SVG for papers.
/// </summary>
public sealed class FigureSet(string? directory)
{
    private int _count;

    public List<string> Saved { get; } = [];

    /// <summary>Saves <paramref name="plot"/> for papers only (when there is a folder); the page shows it another way.</summary>
    public void Save(string name, Plot plot, int width, int height)
    {
        if (directory is null) return;
        FigureFile.Save(plot, directory, name, width, height);
        Saved.Add(name);
    }

    /// <summary>Draws <paramref name="plot"/> and returns its SVG ready to inline.</summary>
    public string Add(string name, Plot plot, int width, int height)
    {
        if (directory is not null)
        {
            FigureFile.Save(plot, directory, name, width, height);
            Saved.Add(name);
        }
        return Html.InlineSvg(FigureFile.Svg(plot, width, height), $"fig{++_count}");
    }
}
