using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Statistics;
using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>
/// comparisons.csv on the sample sweep. Reference values: tests/Sweep.Tests/Tables/References/comparisons.R
/// (R's t.test paired and Welch, p.adjust(p, "holm"), wilcox.test exact).
/// </summary>
public class ComparisonsTableTests
{
    private static readonly SweepTable Table = Export().Comparisons;

    [Fact]
    public void Header_is_exact()
    {
        string[] expected =
        [
            "cell", "factor.pool", "factor.tau", "baseline", "baseline_cell", "chosen", "chosen_by", "n_smartmixed", "n_baseline",
            "n_failed_smartmixed", "n_failed_baseline", "n_pairs", "method",
            "smartmixed_test_mean", "baseline_test_mean", "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "t", "df", "p", "p_holm",
            "cohens_dz", "cohens_d", "wilcoxon_p", "wilcoxon_method", "verdict", "note",
        ];
        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void Every_smart_mixed_cell_meets_every_baseline_of_its_setting_and_no_other()
    {
        var pairs = Enumerable.Range(0, Table.Rows.Count).Select(r => (Table.Text(r, "cell"), Table.Text(r, "baseline"))).ToList();
        Assert.Equal([(CellA, "relu"), (CellA, "tanh"), (CellB, "relu"), (CellB, "tanh")], pairs); // elu runs on another architecture
    }

    [Fact]
    public void Paired_rows_match_r_t_test_and_cohens_dz()
    {
        int r = RowOf(Table, ("cell", CellA), ("baseline", "relu"));
        Assert.Equal("paired", Table.Text(r, "method"));
        Assert.Equal("3", Table.Text(r, "n_pairs"));
        Assert.Equal("true", Table.Text(r, "chosen").ToLowerInvariant());
        Assert.Equal("best_validation", Table.Text(r, "chosen_by"));
        Assert.Equal(5.00000000000002, Number(Table, r, "t"), 9);
        Assert.Equal(2, Number(Table, r, "df"));
        Assert.Equal(0.03774955135062349, Number(Table, r, "p"), 12);
        Assert.Equal(0.00232449090083517, Number(Table, r, "diff_ci95_low"), 12);
        Assert.Equal(0.0310088424324981, Number(Table, r, "diff_ci95_high"), 12);
        Assert.Equal(2.88675134594814, Number(Table, r, "cohens_dz"), 10);
        Assert.Equal("", Table.Text(r, "cohens_d"));
        Assert.Equal("", Table.Text(r, "wilcoxon_p")); // three pairs: the exact test could never reach 0.05

        int t = RowOf(Table, ("cell", CellA), ("baseline", "tanh"));
        Assert.Equal(0.00274348939442593, Number(Table, t, "p"), 12);
        Assert.Equal(11, Number(Table, t, "cohens_dz"), 9);
        Assert.Equal("false", Table.Text(t, "chosen").ToLowerInvariant());
        Assert.Equal("", Table.Text(t, "chosen_by"));
    }

    [Fact]
    public void Welch_rows_match_r_t_test_when_the_seeds_differ()
    {
        int r = RowOf(Table, ("cell", CellB), ("baseline", "relu"));
        Assert.Equal("welch", Table.Text(r, "method"));
        Assert.Equal("0", Table.Text(r, "n_pairs"));
        Assert.Equal("2", Table.Text(r, "n_smartmixed"));
        Assert.Equal("1", Table.Text(r, "n_failed_smartmixed")); // seed 3 failed: the seeds no longer match
        Assert.Equal("0", Table.Text(r, "n_failed_baseline"));
        Assert.Equal(-3.25, Number(Table, r, "t"), 10);
        Assert.Equal(2.42654028436019, Number(Table, r, "df"), 10);
        Assert.Equal(0.06394581088315342, Number(Table, r, "p"), 12);
        Assert.Equal(-2.90688837074972, Number(Table, r, "cohens_d"), 10);
        Assert.Equal("", Table.Text(r, "cohens_dz"));
        Assert.Equal(0.06649603374135478, Number(Table, RowOf(Table, ("cell", CellB), ("baseline", "tanh")), "p"), 12);
    }

    [Fact]
    public void Holm_runs_over_the_whole_family_and_decides_the_verdict()
    {
        // R: p.adjust(c(0.0377…, 0.00274…, 0.0639…, 0.0665…), "holm")
        double[] expected = [0.1132486540518705, 0.0109739575777037, 0.1278916217663068, 0.1278916217663068];
        for (int r = 0; r < 4; r++) Assert.Equal(expected[r], Number(Table, r, "p_holm"), 12);
        // A beats relu at p = 0.038 alone, but not after Holm over four comparisons; A beats tanh even after it.
        Assert.Equal("no evidence", Table.Text(RowOf(Table, ("cell", CellA), ("baseline", "relu")), "verdict"));
        Assert.Equal("better", Table.Text(RowOf(Table, ("cell", CellA), ("baseline", "tanh")), "verdict"));
    }

    [Fact]
    public void Holm_column_equals_an_independent_step_down_from_the_raw_p_values()
    {
        var p = Enumerable.Range(0, Table.Rows.Count).Select(r => Number(Table, r, "p")).ToArray();
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        double running = 0;
        var holm = new double[p.Length];
        for (int k = 0; k < order.Length; k++)
        {
            running = Math.Max(running, Math.Min(1, (p.Length - k) * p[order[k]]));
            holm[order[k]] = running;
        }
        for (int r = 0; r < p.Length; r++) Assert.Equal(holm[r], Number(Table, r, "p_holm"), 14);
    }

    [Fact]
    public void Six_paired_seeds_get_an_exact_wilcoxon_p()
    {
        double[] x = [0.912, 0.925, 0.931, 0.918, 0.940, 0.927], y = [0.905, 0.921, 0.918, 0.920, 0.926, 0.915];
        var book = new CellBook();
        for (int s = 0; s < 6; s++)
        {
            book.Add(Spec("x" + s, "cell-x", null, s), Done("x" + s, s, x[s]));
            book.Add(Spec("y" + s, "cell-y", "relu", s), Done("y" + s, s, y[s]));
        }
        var table = ComparisonsTable.Build(SweepAnalysis.Of(book));
        Assert.Single(table.Rows);
        Assert.Equal("6", table.Text(0, "n_pairs"));
        Assert.Equal(0.0254953398996017, Number(table, 0, "p"), 12); // R: t.test(x6, y6, paired = TRUE)
        Assert.Equal(0.0625, Number(table, 0, "wilcoxon_p"), 14);    // R: wilcox.test(x6, y6, paired = TRUE, exact = TRUE)
        Assert.Equal(WilcoxonSignedRank.Exact, table.Text(0, "wilcoxon_method"));
        Assert.Equal("better", table.Text(0, "verdict")); // a family of one: Holm leaves p as it is
    }

    [Fact]
    public void A_worse_cell_is_called_worse_and_a_cell_without_runs_is_not_tested()
    {
        var book = new CellBook();
        double[] x = [0.80, 0.81, 0.79, 0.80], y = [0.90, 0.92, 0.91, 0.90];
        for (int s = 0; s < 4; s++)
        {
            book.Add(Spec("x" + s, "cell-x", null, s), Done("x" + s, s, x[s]));
            book.Add(Spec("y" + s, "cell-y", "relu", s), Done("y" + s, s, y[s]));
            book.Add(Spec("z" + s, "cell-z", null, s), null); // planned, never ended
        }
        var table = ComparisonsTable.Build(SweepAnalysis.Of(book));
        Assert.Equal("worse", table.Text(RowOf(table, ("cell", "cell-x")), "verdict"));
        int z = RowOf(table, ("cell", "cell-z"));
        Assert.Equal("not tested", table.Text(z, "verdict"));
        Assert.Equal("none", table.Text(z, "method"));
        Assert.Equal("", table.Text(z, "p_holm"));
    }

    internal static RunSpec Spec(string hash, string cell, string? baseline, int seed, string setting = "s", FactorValue[]? factors = null) =>
        new(hash, "{}", cell, setting, baseline, factors ?? [new("seed", seed.ToString(CultureInfo.InvariantCulture))], seed, 5);

    internal static RunOutcome Done(string hash, int seed, double test, double? validation = null) =>
        new(hash, seed, RunStatus.Done, null, 5, 2, 4, validation ?? test, test, 0.3, 0.3, 0.2, 10, null, 1, null, ["relu"], [[4]]);
}
