using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.ComparisonsTableTests;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>
/// effects.csv on a 2 × 2 grid with three seeds. Reference values: tests/Sweep.Tests/Tables/References/effects_ranks.R
/// (R's aov(y ~ seed + pool * tau) and t.test over the per-seed means).
/// </summary>
public class EffectsTableTests
{
    // seed → (p1, 0.3), (p1, 1), (p2, 0.3), (p2, 1)
    private static readonly double[][] Y = [[0.90, 0.88, 0.93, 0.92], [0.91, 0.90, 0.95, 0.93], [0.89, 0.88, 0.94, 0.90]];
    private static readonly (string Pool, string Tau)[] Grid = [("p1", "0.3"), ("p1", "1"), ("p2", "0.3"), ("p2", "1")];

    internal static CellBook GridBook(bool failSeedThreeOfLastCell = false, bool withBaseline = true)
    {
        var book = new CellBook();
        for (int s = 1; s <= 3; s++)
        {
            for (int c = 0; c < 4; c++)
            {
                var (pool, tau) = Grid[c];
                var cell = $"pool={pool}|tau={tau}";
                FactorValue[] factors = [new("pool", pool), new("tau", tau), new("seed", S(s))];
                var hash = $"{pool}{tau}-{s}";
                var outcome = failSeedThreeOfLastCell && c == 3 && s == 3
                    ? RunOutcome.Empty(hash, s, RunStatus.Failed, "diverged", 1, null, 1)
                    : Done(hash, s, Y[s - 1][c]);
                book.Add(Spec(hash, cell, null, s, factors: factors), outcome);
            }
            if (withBaseline)
                book.Add(Spec("relu-" + s, "fixed=relu", "relu", s, factors: [new("pool", "-"), new("tau", "-"), new("seed", S(s)), new("fixed", "relu")]),
                    Done("relu-" + s, s, 0.9));
        }
        return book;
    }

    private static string S(int seed) => seed.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Anova_matches_r_with_seeds_as_blocks()
    {
        var table = EffectsTable.Build(MainEffects.Of(GridBook()));
        Assert.Equal(EffectsTable.Header, table.Header);
        int pool = RowOf(table, ("kind", "anova"), ("source", "pool"));
        Assert.Equal(82.6874999999988, Number(table, pool, "f"), 8);
        Assert.Equal(9.93241049279228e-05, Number(table, pool, "p"), 14);
        Assert.Equal(0.003675, Number(table, pool, "sum_sq"), 12);
        Assert.Equal(1, Number(table, pool, "df"));
        Assert.Equal(22.6874999999999, Number(table, RowOf(table, ("kind", "anova"), ("source", "tau")), "f"), 8);
        Assert.Equal(0.00311631278051821, Number(table, RowOf(table, ("kind", "anova"), ("source", "tau")), "p"), 12);
        Assert.Equal(0.241614266331546, Number(table, RowOf(table, ("kind", "anova"), ("source", "pool:tau")), "p"), 12);
        Assert.Equal(9.74999999999988, Number(table, RowOf(table, ("kind", "anova"), ("source", "block")), "f"), 8);
        Assert.Equal(6, Number(table, RowOf(table, ("kind", "anova"), ("source", "residual")), "df"));
    }

    [Fact]
    public void Marginal_means_and_two_way_cells_have_seed_blocked_intervals()
    {
        var table = EffectsTable.Build(MainEffects.Of(GridBook()));
        int p2 = RowOf(table, ("kind", "main"), ("factor", "pool"), ("level", "p2"));
        Assert.Equal("3", table.Text(p2, "n")); // three seeds
        Assert.Equal(0.928333333333333, Number(table, p2, "mean"), 12);
        Assert.Equal(0.902477608270622, Number(table, p2, "ci95_low"), 12);
        Assert.Equal(0.954189058396045, Number(table, p2, "ci95_high"), 12);
        Assert.Equal("true", table.Text(p2, "blocked").ToLowerInvariant());
        int cell = RowOf(table, ("kind", "interaction"), ("factor", "pool"), ("level", "p1"), ("factor_b", "tau"), ("level_b", "1"));
        Assert.Equal(0.857982315135004, Number(table, cell, "ci95_low"), 12);
        Assert.Equal(0.915351018198330, Number(table, cell, "ci95_high"), 12);
        Assert.Equal(4, Enumerable.Range(0, table.Rows.Count).Count(r => table.Text(r, "kind") == "main"));
        Assert.Equal(4, Enumerable.Range(0, table.Rows.Count).Count(r => table.Text(r, "kind") == "interaction"));
    }

    [Fact]
    public void A_failed_run_leaves_its_seed_out_and_says_so()
    {
        var effects = MainEffects.Of(GridBook(failSeedThreeOfLastCell: true));
        Assert.True(effects.Blocked);
        var table = EffectsTable.Build(effects);
        Assert.Equal("2", table.Text(RowOf(table, ("kind", "main"), ("factor", "pool"), ("level", "p2")), "n")); // seeds 1 and 2
        Assert.Contains("3", table.Text(RowOf(table, ("kind", "note")), "note"));
    }

    [Fact]
    public void Without_a_complete_seed_there_is_no_anova_and_the_note_says_the_design_is_unbalanced()
    {
        var book = new CellBook();
        // a random search: each cell has its own seeds, no seed meets every cell
        book.Add(Spec("a", "pool=p1|tau=0.3", null, 1, factors: [new("pool", "p1"), new("tau", "0.3"), new("seed", "1")]), Done("a", 1, 0.9));
        book.Add(Spec("b", "pool=p2|tau=1", null, 2, factors: [new("pool", "p2"), new("tau", "1"), new("seed", "2")]), Done("b", 2, 0.92));
        book.Add(Spec("c", "pool=p2|tau=1", null, 3, factors: [new("pool", "p2"), new("tau", "1"), new("seed", "3")]), Done("c", 3, 0.94));
        var table = EffectsTable.Build(MainEffects.Of(book));
        Assert.DoesNotContain(Enumerable.Range(0, table.Rows.Count), r => table.Text(r, "kind") == "anova");
        Assert.Contains("unbalanced", table.Text(RowOf(table, ("kind", "note")), "note"));
        int p2 = RowOf(table, ("kind", "main"), ("factor", "pool"), ("level", "p2"));
        Assert.Equal(0.93, Number(table, p2, "mean"), 14); // a plain mean over the runs
        Assert.Equal("false", table.Text(p2, "blocked").ToLowerInvariant());
    }

    [Fact]
    public void The_sample_sweep_has_one_varying_factor_and_its_baselines_stay_out()
    {
        var table = Export().Effects;
        var factors = Enumerable.Range(0, table.Rows.Count).Where(r => table.Text(r, "kind") == "main").Select(r => table.Text(r, "factor")).Distinct();
        Assert.Equal(["tau"], factors); // pool has one level; fixed and hidden belong to baselines
    }
}
