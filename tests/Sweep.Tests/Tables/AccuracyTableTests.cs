using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class AccuracyTableTests
{
    private static readonly SweepTable Table = Export().Accuracy;

    [Fact]
    public void Header_is_exact()
    {
        string[] expected =
        [
            "cell", "baseline", "factor.pool", "factor.tau", "factor.fixed", "factor.hidden", "n", "n_failed",
            "test_accuracy_mean", "test_accuracy_std", "test_accuracy_ci95_low", "test_accuracy_ci95_high", "test_accuracy_min", "test_accuracy_max",
            "validation_accuracy_mean", "validation_accuracy_std", "validation_accuracy_ci95_low", "validation_accuracy_ci95_high",
            "validation_accuracy_min", "validation_accuracy_max",
            "best_baseline", "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "diff_method",
        ];
        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void One_row_per_cell_in_plan_order()
    {
        Assert.Equal([CellA, CellB, CellRelu, CellTanh, CellElu8], Enumerable.Range(0, Table.Rows.Count).Select(r => Table.Text(r, "cell")));
    }

    [Fact]
    public void Smart_mixed_cell_is_paired_with_the_best_comparable_baseline()
    {
        int r = RowOf(Table, ("cell", CellA));
        Assert.Equal("", Table.Text(r, "baseline"));
        Assert.Equal("p3", Table.Text(r, "factor.pool"));
        Assert.Equal("0.3", Table.Text(r, "factor.tau"));
        Assert.Equal("-", Table.Text(r, "factor.fixed"));
        Assert.Equal("3", Table.Text(r, "n"));
        Assert.Equal("0", Table.Text(r, "n_failed"));
        Assert.Equal(0.92, Number(Table, r, "test_accuracy_mean"), 14);
        Assert.Equal(0.02, Number(Table, r, "test_accuracy_std"), 14);
        Assert.Equal(0.870317245764993, Number(Table, r, "test_accuracy_ci95_low"), 10);
        Assert.Equal(0.969682754235007, Number(Table, r, "test_accuracy_ci95_high"), 10);
        Assert.Equal("0.9", Table.Text(r, "test_accuracy_min"));
        Assert.Equal("0.94", Table.Text(r, "test_accuracy_max"));
        Assert.Equal(0.93, Number(Table, r, "validation_accuracy_mean"), 14);
        Assert.Equal(0.880317245764993, Number(Table, r, "validation_accuracy_ci95_low"), 10);
        // relu (0.9033) beats tanh (0.81); elu (0.99) is another architecture and not comparable.
        Assert.Equal("relu", Table.Text(r, "best_baseline"));
        Assert.Equal("paired", Table.Text(r, "diff_method"));
        Assert.Equal(0.05 / 3, Number(Table, r, "diff_test_mean"), 14);
        Assert.Equal(0.00232449090083512, Number(Table, r, "diff_ci95_low"), 10);
        Assert.Equal(0.0310088424324982, Number(Table, r, "diff_ci95_high"), 10);
    }

    [Fact]
    public void Cell_with_a_failed_run_uses_welch_and_counts_the_failure()
    {
        int r = RowOf(Table, ("cell", CellB));
        Assert.Equal("2", Table.Text(r, "n"));
        Assert.Equal("1", Table.Text(r, "n_failed"));
        Assert.Equal(0.86, Number(Table, r, "test_accuracy_mean"), 14);
        Assert.Equal("relu", Table.Text(r, "best_baseline"));
        Assert.Equal("welch", Table.Text(r, "diff_method"));
        // 0.86 − 0.90333…; se² = 0.0002/2 + 0.000233…/3, dof 2.4265402843…
        Assert.Equal(-0.13 / 3, Number(Table, r, "diff_test_mean"), 14);
        Assert.Equal(-0.0920437585006049, Number(Table, r, "diff_ci95_low"), 9);
        Assert.Equal(0.00537709183393822, Number(Table, r, "diff_ci95_high"), 9);
    }

    [Fact]
    public void Baselines_leave_the_diff_empty_and_single_runs_the_spread()
    {
        int relu = RowOf(Table, ("cell", CellRelu));
        Assert.Equal("relu", Table.Text(relu, "baseline"));
        Assert.Equal("relu", Table.Text(relu, "factor.fixed"));
        Assert.Equal("-", Table.Text(relu, "factor.hidden"));
        Assert.Equal(0.865387502997366, Number(Table, relu, "test_accuracy_ci95_low"), 10);
        foreach (var c in AccuracyTable.DiffColumns) Assert.Equal("", Table.Text(relu, c));

        int elu = RowOf(Table, ("cell", CellElu8));
        Assert.Equal("1", Table.Text(elu, "n"));
        Assert.Equal("0.99", Table.Text(elu, "test_accuracy_mean"));
        Assert.Equal("", Table.Text(elu, "test_accuracy_std"));
        Assert.Equal("", Table.Text(elu, "test_accuracy_ci95_low"));
        Assert.Equal("", Table.Text(elu, "test_accuracy_ci95_high"));
        Assert.Equal("0.99", Table.Text(elu, "test_accuracy_max"));
    }

    [Fact]
    public void Single_method_when_a_side_has_one_run()
    {
        var rows = Rows().Where(r => r.Spec.CellKey != CellA || r.Spec.Hash == "a2").ToList();
        var table = Export(rows).Accuracy;
        int r = RowOf(table, ("cell", CellA));
        Assert.Equal("single", table.Text(r, "diff_method"));
        Assert.Equal(0.92 - 0.9033333333333333, Number(table, r, "diff_test_mean"), 12);
        Assert.Equal("", table.Text(r, "diff_ci95_low"));
        Assert.Equal("", table.Text(r, "diff_ci95_high"));
    }
}
