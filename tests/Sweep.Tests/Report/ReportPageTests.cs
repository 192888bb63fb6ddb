using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;
using SmartMixed.Grains.Tables;
using SmartMixed.Sweep.Tests.Tables;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>report.html and figures/ from the sample sweep, without a browser: what the page and the folder hold.</summary>
public sealed class ReportPageTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-report-");

    public void Dispose() => _directory.Delete(recursive: true);

    internal static (ReportModel Model, IReadOnlyList<string> Figures, string Html) Write(string directory, IEnumerable<RunRow>? rows = null)
    {
        var list = (rows ?? SampleSweep.Rows()).ToList();
        var layout = new TableLayout(SampleSweep.SweepId);
        foreach (var row in list) layout.Add(row.Spec, ConfigColumns.Read(row.Spec.ConfigJson));
        using var export = new SweepTableExport(directory, layout);
        foreach (var row in list) export.Add(row);
        export.Complete();
        var model = new ReportModel(SampleSweep.SweepId, "the sample sweep", null, export.Analysis!, export.Curves, DateTimeOffset.UnixEpoch);
        var figures = SweepReport.Write(directory, model);
        return (model, figures, File.ReadAllText(Path.Combine(directory, SweepReport.FileName)));
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var (_, _, html) = Write(_directory.FullName);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link rel=\"stylesheet\"", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<style>", html);
        Assert.Contains("<script>", html);
        // several inlined SVG figures with their own clip paths: every id on the page is unique
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(ids.Count > 10);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Every_figure_is_written_as_png_and_svg()
    {
        var (_, figures, _) = Write(_directory.FullName);
        // two SmartMixed cells: a heat-map each, selection against epoch for each of their two layers; learning curves;
        // a main effect for tau; the ranks have too few complete groups for a critical-difference diagram.
        Assert.Equal(
            ["main-effect-tau", "selection-cell-01", "selection-epochs-cell-01-L1", "selection-epochs-cell-01-L2",
             "selection-cell-02", "selection-epochs-cell-02-L1", "selection-epochs-cell-02-L2", "learning-curves"],
            figures);
        foreach (var name in figures)
        {
            var png = File.ReadAllBytes(Path.Combine(_directory.FullName, "figures", name + ".png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 2000, $"{name}.png is {png.Length} bytes: an empty picture?");
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(_directory.FullName, "figures", name + ".svg")));
        }
    }

    [Fact]
    public void A_second_report_replaces_the_figures_of_the_first()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_directory.FullName, "figures")).FullName, "selection-cell-09.png"), "old");
        Write(_directory.FullName);
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "figures", "selection-cell-09.png")));
    }

    [Fact]
    public void Heat_map_grids_have_one_cell_per_layer_and_function_with_the_mean_share()
    {
        var (_, _, html) = Write(_directory.FullName);
        // cell A, layer 1: mean shares relu 2/3, tanh 1/4, elu 1/12 (diversity.csv's numbers)
        Assert.Contains("data-layer=\"1\" data-function=\"relu\" data-share=\"0.6666666666666666\"", html);
        Assert.Contains("data-layer=\"1\" data-function=\"elu\" data-share=\"0.08333333333333333\"", html);
        Assert.Equal(2 * 2 * 3, html.Split("class=\"hm-cell").Length - 1); // two cells × two layers × three functions
    }

    [Fact]
    public void The_comparisons_show_the_holm_verdicts()
    {
        var (model, _, html) = Write(_directory.FullName);
        Assert.Equal(4, model.Analysis.Comparisons.Count);
        Assert.Contains("<span class=\"verdict better\">better</span>", html); // A vs tanh survives Holm
        Assert.Contains("<span class=\"verdict none\">no evidence</span>", html);
        Assert.Contains("0.0110", html); // its Holm-adjusted p (References/comparisons.R)
    }
}
