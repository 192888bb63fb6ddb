using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class DiversityTableTests
{
    private static readonly SweepTable Table = Export().Diversity;

    [Fact]
    public void Header_is_exact()
    {
        string[] expected =
        [
            "cell", "factor.pool", "factor.tau", "layer", "n",
            "share.relu", "share.tanh", "share.elu", "share_std.relu", "share_std.tanh", "share_std.elu",
            "entropy_bits", "entropy_bits_std", "normalized_entropy", "normalized_entropy_std",
            "effective_functions", "effective_functions_std", "gini_simpson", "gini_simpson_std",
            "dominance", "dominance_std", "functions_used", "functions_used_std",
            "js_divergence_to_previous_layer",
            "entropy_bits_ci95_low", "entropy_bits_ci95_high", "effective_functions_ci95_low", "effective_functions_ci95_high",
            "js_divergence_ci95_low", "js_divergence_ci95_high",
        ];
        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void One_row_per_smart_mixed_cell_and_layer_without_baselines()
    {
        Assert.Equal([(CellA, "1"), (CellA, "2"), (CellB, "1"), (CellB, "2")],
            Enumerable.Range(0, Table.Rows.Count).Select(r => (Table.Text(r, "cell"), Table.Text(r, "layer"))));
    }

    [Fact]
    public void First_layer_of_cell_A()
    {
        // per seed: [2,1,1], [2,2,0], [4,0,0] of relu, tanh, elu
        int r = RowOf(Table, ("cell", CellA), ("layer", "1"));
        Assert.Equal("3", Table.Text(r, "n"));
        Assert.Equal("0.3", Table.Text(r, "factor.tau"));
        Assert.Equal(2.0 / 3, Number(Table, r, "share.relu"), 14);
        Assert.Equal(0.25, Number(Table, r, "share.tanh"), 14);
        Assert.Equal(1.0 / 12, Number(Table, r, "share.elu"), 14);
        Assert.Equal(Math.Sqrt(1.0 / 12), Number(Table, r, "share_std.relu"), 14);
        // entropies 1.5, 1, 0 bits
        Assert.Equal(2.5 / 3, Number(Table, r, "entropy_bits"), 14);
        Assert.Equal(0.763762615825973, Number(Table, r, "entropy_bits_std"), 13);
        Assert.Equal(2.5 / 3 / Math.Log2(3), Number(Table, r, "normalized_entropy"), 14);
        Assert.Equal((Math.Pow(2, 1.5) + 2 + 1) / 3, Number(Table, r, "effective_functions"), 14);
        Assert.Equal((0.625 + 0.5 + 0) / 3, Number(Table, r, "gini_simpson"), 14);
        Assert.Equal(2.0 / 3, Number(Table, r, "dominance"), 14);
        Assert.Equal(2, Number(Table, r, "functions_used"), 14);
        Assert.Equal(1, Number(Table, r, "functions_used_std"), 14);
        Assert.Equal("", Table.Text(r, "js_divergence_to_previous_layer"));
    }

    [Fact]
    public void Second_layer_of_cell_A_has_the_js_divergence_to_the_first()
    {
        // layer 2 per seed: [0,0,2], [0,1,1], [0,0,2] → mean (0, 1/6, 5/6); layer 1 mean (2/3, 1/4, 1/12)
        int r = RowOf(Table, ("cell", CellA), ("layer", "2"));
        Assert.Equal("0", Table.Text(r, "share.relu"));
        Assert.Equal(1.0 / 6, Number(Table, r, "share.tanh"), 14);
        Assert.Equal(5.0 / 6, Number(Table, r, "share.elu"), 14);
        Assert.Equal(0.596282507149584, Number(Table, r, "js_divergence_to_previous_layer"), 13);
    }

    [Fact]
    public void Cell_B_counts_only_done_runs_and_disjoint_layers_diverge_fully()
    {
        int l1 = RowOf(Table, ("cell", CellB), ("layer", "1"));
        Assert.Equal("2", Table.Text(l1, "n"));
        Assert.Equal("1", Table.Text(l1, "share.relu"));
        Assert.Equal("0", Table.Text(l1, "share_std.relu"));
        Assert.Equal("0", Table.Text(l1, "entropy_bits"));
        Assert.Equal("1", Table.Text(l1, "functions_used"));
        int l2 = RowOf(Table, ("cell", CellB), ("layer", "2"));
        Assert.Equal(1, Number(Table, l2, "js_divergence_to_previous_layer"), 14);
    }

    [Fact]
    public void Bootstrap_intervals_reach_the_extremes_that_carry_more_than_two_and_a_half_percent()
    {
        // Cell A, layer 1: per-run entropies 1.5, 1 and 0 bits. Resampling three runs with replacement gives 27 equally
        // likely ordered resamples; all-zero and all-1.5 each have probability 1/27 = 3.7 % > 2.5 %, so the exact
        // bootstrap's 2.5 % and 97.5 % quantiles of the mean are 0 and 1.5 (and 2^0 = 1, 2^1.5 for the effective number).
        int r = RowOf(Table, ("cell", CellA), ("layer", "1"));
        Assert.Equal(0, Number(Table, r, "entropy_bits_ci95_low"), 14);
        Assert.Equal(1.5, Number(Table, r, "entropy_bits_ci95_high"), 14);
        Assert.Equal(1, Number(Table, r, "effective_functions_ci95_low"), 14);
        Assert.Equal(Math.Pow(2, 1.5), Number(Table, r, "effective_functions_ci95_high"), 14);
        Assert.Equal("", Table.Text(r, "js_divergence_ci95_low")); // no previous layer

        int l2 = RowOf(Table, ("cell", CellA), ("layer", "2"));
        double low = Number(Table, l2, "js_divergence_ci95_low"), high = Number(Table, l2, "js_divergence_ci95_high");
        Assert.InRange(low, 0, high);
        Assert.InRange(high, low, 1);
    }

    [Fact]
    public void Bootstrap_intervals_are_seeded_and_collapse_when_every_run_agrees()
    {
        var again = Export().Diversity;
        foreach (var c in DiversityTable.IntervalColumns)
            for (int r = 0; r < Table.Rows.Count; r++) Assert.Equal(Table.Text(r, c), again.Text(r, c));
        int b2 = RowOf(Table, ("cell", CellB), ("layer", "2")); // both runs: layer 1 all relu, layer 2 all elu
        Assert.Equal(1, Number(Table, b2, "js_divergence_ci95_low"), 14);
        Assert.Equal(1, Number(Table, b2, "js_divergence_ci95_high"), 14);
        Assert.Equal(0, Number(Table, b2, "entropy_bits_ci95_high"), 14);
        Assert.NotEqual(DiversityTable.BootstrapSeed(CellA, 1, "entropy_bits"), DiversityTable.BootstrapSeed(CellA, 2, "entropy_bits"));
    }
}
