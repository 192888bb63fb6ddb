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
            "cell", "baseline", "factor.pool", "factor.tau", "factor.fixed", "factor.hidden", "n", "n_failed", "stopped_at_epoch", "rung_metric", "rung_mean",
            "test_accuracy_mean", "test_accuracy_std", "test_accuracy_ci95_low", "test_accuracy_ci95_high", "test_accuracy_min", "test_accuracy_max",
            "validation_accuracy_mean", "validation_accuracy_std", "validation_accuracy_ci95_low", "validation_accuracy_ci95_high",
            "validation_accuracy_min", "validation_accuracy_max",
            "epochs_mean", "phase1_epochs_mean", "phase2_epochs_mean", "phase1_steps_mean", "phase2_steps_mean", "steps_mean",
            "phase2_weights", "wall_seconds_mean", "wall_seconds_total",
            "compared_baseline", "baseline_chosen_by", "baseline_epochs_mean", "baseline_steps_mean", "baseline_wall_seconds_mean",
            "diff_test_mean", "diff_ci95_low", "diff_ci95_high", "diff_method", "diff_p", "diff_p_holm", "verdict",
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
        // relu (validation 0.9133) beats tanh (0.82); elu (0.99) is another architecture and not comparable.
        Assert.Equal("relu", Table.Text(r, "compared_baseline"));
        Assert.Equal("best_validation", Table.Text(r, "baseline_chosen_by"));
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
        Assert.Equal("relu", Table.Text(r, "compared_baseline"));
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

    [Fact]
    public void The_compared_baseline_is_chosen_on_validation_never_on_test()
    {
        // tanh: the best validation accuracy (0.99) but the worst test accuracy. Picking by test would take relu.
        var rows = Rows().Select(r => r.Spec.Baseline == "tanh"
            ? r with { Record = r.Record! with { Outcome = r.Record.Outcome with { ValidationAccuracy = 0.99 } } }
            : r).ToList();
        var table = Export(rows).Accuracy;
        int r = RowOf(table, ("cell", CellA));
        Assert.Equal("tanh", table.Text(r, "compared_baseline"));
        Assert.Equal("best_validation", table.Text(r, "baseline_chosen_by"));
        Assert.Equal(0.11, Number(table, r, "diff_test_mean"), 12);
    }

    [Fact]
    public void A_declared_baseline_is_compared_whatever_the_results()
    {
        var table = Export(compareTo: ["tanh"]).Accuracy;
        int r = RowOf(table, ("cell", CellA));
        Assert.Equal("tanh", table.Text(r, "compared_baseline"));
        Assert.Equal("declared", table.Text(r, "baseline_chosen_by"));
        // the p-values are those of comparisons.csv, Holm over all four comparisons (References/comparisons.R)
        Assert.Equal(0.00274348939442593, Number(table, r, "diff_p"), 12);
        Assert.Equal(0.0109739575777037, Number(table, r, "diff_p_holm"), 12);
        Assert.Equal("better", table.Text(r, "verdict"));
        var both = Export(compareTo: ["tanh", "relu"]).Accuracy;
        Assert.Equal("relu", both.Text(RowOf(both, ("cell", CellA)), "compared_baseline")); // of the declared, the best on validation
        Assert.Equal("declared_best_validation", both.Text(RowOf(both, ("cell", CellA)), "baseline_chosen_by"));
    }

    [Fact]
    public void Budgets_give_phases_steps_and_wall_time_beside_the_baselines()
    {
        var rows = Rows().Select(r => r.Record is { } rec && rec.Outcome.Status == GrainInterfaces.RunStatus.Done
            ? r with { Record = rec with { Outcome = rec.Outcome with { Phase1Steps = r.Spec.IsBaseline ? 0 : 100, Phase2Steps = r.Spec.IsBaseline ? 250 : 150 } } }
            : r).ToList();
        var table = Export(rows).Accuracy;
        int a = RowOf(table, ("cell", CellA));
        Assert.Equal(5, Number(table, a, "epochs_mean"));
        Assert.Equal(2, Number(table, a, "phase1_epochs_mean")); // the switch epoch is the last of phase 1
        Assert.Equal(3, Number(table, a, "phase2_epochs_mean"));
        Assert.Equal(100, Number(table, a, "phase1_steps_mean"));
        Assert.Equal(150, Number(table, a, "phase2_steps_mean"));
        Assert.Equal(250, Number(table, a, "steps_mean"));
        Assert.Equal(12.5, Number(table, a, "wall_seconds_mean"));
        Assert.Equal(37.5, Number(table, a, "wall_seconds_total"));
        Assert.Equal(5, Number(table, a, "baseline_epochs_mean"));
        Assert.Equal(250, Number(table, a, "baseline_steps_mean"));
        Assert.Equal(12.5, Number(table, a, "baseline_wall_seconds_mean"));
        int relu = RowOf(table, ("cell", CellRelu));
        Assert.Equal("", table.Text(relu, "phase1_epochs_mean")); // a baseline has no phases
        Assert.Equal(250, Number(table, relu, "steps_mean"));
    }

    [Fact]
    public void Phase_two_weights_come_from_the_config_and_baselines_have_none()
    {
        Assert.Equal("fresh", RunBudget.PhaseTwoWeights("{\"fixed\":null,\"phase_two\":{\"weights\":\"fresh\",\"assignment\":\"switch\"}}"));
        Assert.Equal("carry", RunBudget.PhaseTwoWeights("{\"phase_two\":{\"weights\":\"carry\"}}"));
        Assert.Null(RunBudget.PhaseTwoWeights("{\"fixed\":\"relu\",\"phase_two\":{\"weights\":\"carry\"}}"));
        Assert.Null(RunBudget.PhaseTwoWeights(null));
    }
}
