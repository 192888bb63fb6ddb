using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Report;

/// <summary>
/// Writes a sweep's report into its table directory: <c>report.html</c> (one self-contained page) and
/// <c>figures/</c> (every figure as PNG and SVG). Figures of an earlier report are removed first so the folder never
/// mixes two reports; the page replaces the old one only once complete.
/// </summary>
public static class SweepReport
{
    public const string FileName = "report.html";
    public const string FiguresFolder = "figures";

    public static IReadOnlyList<string> Write(string directory, ReportModel model)
    {
        var figuresDirectory = Path.Combine(directory, FiguresFolder);
        if (Directory.Exists(figuresDirectory))
            foreach (var old in Directory.EnumerateFiles(figuresDirectory).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)))
                File.Delete(old);
        var figures = new FigureSet(figuresDirectory);
        var html = ReportPage.Render(model, figures);
        AtomicFile.WriteText(Path.Combine(directory, FileName), html);
        return figures.Saved;
    }
}
