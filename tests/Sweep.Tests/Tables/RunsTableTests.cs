using SmartMixed.Grains.Tables;
using SmartMixed.GrainInterfaces;
using SmartMixed.Training.Config;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class RunsTableTests
{
    private static readonly SweepTable Table = Export().Runs;

    [Fact]
    public void Header_is_exact()
    {
        string[] expected =
        [
            "sweep_id", "run_hash", "cell", "baseline",
            "factor.pool", "factor.tau", "factor.seed", "factor.fixed", "factor.hidden",
            "config.preset", "config.data.name", "config.data.max_train_samples", "config.hidden", "config.pool", "config.fixed",
            "config.temperature.schedule", "config.temperature.start", "config.optimizer.learning_rate", "config.epochs",
            "seed", "status", "failure_reason", "epochs_run", "switch_epoch", "best_epoch", "validation_accuracy", "test_accuracy",
            "validation_loss", "test_loss", "final_train_loss", "wall_seconds", "silo", "attempts", "resumed_from_epoch",
            "phase1_steps", "phase2_steps", "steps", "phase1_epochs", "phase2_epochs",
            "share.L1.relu", "share.L1.tanh", "share.L1.elu", "share.L2.relu", "share.L2.tanh", "share.L2.elu",
        ];
        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void One_row_per_run_in_plan_order()
    {
        Assert.Equal(["a1", "a2", "a3", "b1", "b2", "b3", "r1", "t1", "r2", "t2", "r3", "t3", "e1"],
            Enumerable.Range(0, Table.Rows.Count).Select(r => Table.Text(r, "run_hash")));
    }

    [Fact]
    public void Smart_mixed_run_values()
    {
        int r = RowOf(Table, ("run_hash", "a1"));
        Assert.Equal("sw1", Table.Text(r, "sweep_id"));
        Assert.Equal(CellA, Table.Text(r, "cell"));
        Assert.Equal("", Table.Text(r, "baseline"));
        Assert.Equal("-", Table.Text(r, "factor.fixed"));
        Assert.Equal("p3", Table.Text(r, "factor.pool"));
        Assert.Equal("1", Table.Text(r, "factor.seed"));
        Assert.Equal("4-2", Table.Text(r, "config.hidden"));
        Assert.Equal("relu,tanh,elu", Table.Text(r, "config.pool"));
        Assert.Equal("", Table.Text(r, "config.fixed"));
        Assert.Equal("", Table.Text(r, "config.data.max_train_samples"));
        Assert.Equal("0.3", Table.Text(r, "config.temperature.start"));
        Assert.Equal("0.001", Table.Text(r, "config.optimizer.learning_rate"));
        Assert.Equal("1", Table.Text(r, "seed"));
        Assert.Equal("done", Table.Text(r, "status"));
        Assert.Equal("0.9", Table.Text(r, "test_accuracy"));
        Assert.Equal("0.91", Table.Text(r, "validation_accuracy"));
        Assert.Equal("2", Table.Text(r, "switch_epoch"));
        Assert.Equal("12.5", Table.Text(r, "wall_seconds"));
        Assert.Equal("", Table.Text(r, "resumed_from_epoch"));
        Assert.Equal("0.5", Table.Text(r, "share.L1.relu"));
        Assert.Equal("0.25", Table.Text(r, "share.L1.tanh"));
        Assert.Equal("0", Table.Text(r, "share.L2.relu"));
        Assert.Equal("1", Table.Text(r, "share.L2.elu"));
    }

    [Fact]
    public void Baseline_and_failed_runs_leave_inapplicable_cells_empty()
    {
        int relu = RowOf(Table, ("run_hash", "r2"));
        Assert.Equal("relu", Table.Text(relu, "baseline"));
        Assert.Equal("relu", Table.Text(relu, "factor.fixed"));
        Assert.Equal("-", Table.Text(relu, "factor.pool"));
        Assert.Equal("relu", Table.Text(relu, "config.fixed"));
        Assert.Equal("1", Table.Text(relu, "share.L1.relu"));
        Assert.Equal("", Table.Text(relu, "share.L1.tanh"));

        int elu = RowOf(Table, ("run_hash", "e1"));
        Assert.Equal("8", Table.Text(elu, "config.hidden"));
        Assert.Equal("1", Table.Text(elu, "share.L1.elu"));
        Assert.Equal("", Table.Text(elu, "share.L2.elu"));

        int failed = RowOf(Table, ("run_hash", "b3"));
        Assert.Equal("failed", Table.Text(failed, "status"));
        Assert.Equal(FailureReason, Table.Text(failed, "failure_reason"));
        Assert.Equal("", Table.Text(failed, "test_accuracy"));
        Assert.Equal("", Table.Text(failed, "best_epoch"));
        Assert.All(Table.Header.Where(h => h.StartsWith("share.", StringComparison.Ordinal)), h => Assert.Equal("", Table.Text(failed, h)));
    }

    [Fact]
    public void A_run_that_has_not_ended_shows_its_state_and_no_results()
    {
        var row = Rows()[0];
        var queued = row with { Record = null, View = row.View with { Status = RunStatus.Running, Epoch = 2, Silo = "silo-9" } };
        var table = Export([queued]).Runs;
        Assert.Equal("running", table.Text(0, "status"));
        Assert.Equal("2", table.Text(0, "epochs_run"));
        Assert.Equal("silo-9", table.Text(0, "silo"));
        Assert.Equal("", table.Text(0, "test_accuracy"));
        Assert.Equal("", table.Text(0, "share.L1.relu"));
    }

    [Fact]
    public void A_real_run_config_flattens_in_field_order()
    {
        var config = new RunConfig { Hidden = [512, 256], Pool = ["relu", "tanh"], Seed = 7 };
        var spec = new RunSpec(RunConfigHash.Of(config), RunConfigJson.Serialize(config), "c", "s", null, [], 7, config.Epochs);
        var row = new RunRow(spec, new RunView(spec.Hash, RunStatus.Queued, 0, config.Epochs, null, null, 0, [], null, 0, 0), null);
        var table = Export([row]).Runs;
        Assert.Equal("512-256", table.Text(0, "config.hidden"));
        Assert.Equal("relu,tanh", table.Text(0, "config.pool"));
        Assert.Equal("0.3", table.Text(0, "config.temperature.start"));
        Assert.Equal("constant", table.Text(0, "config.temperature.schedule"));
        Assert.Equal("0.1", table.Text(0, "config.data.validation_fraction"));
        Assert.Equal("7", table.Text(0, "seed"));
        Assert.Equal("queued", table.Text(0, "status"));
        Assert.DoesNotContain("config.seed", table.Header);
        var configColumns = table.Header.Where(h => h.StartsWith("config.", StringComparison.Ordinal)).ToList();
        Assert.Equal("config.preset", configColumns[0]);
        Assert.True(configColumns.IndexOf("config.hidden") < configColumns.IndexOf("config.pool"));
        Assert.True(configColumns.IndexOf("config.temperature.start") < configColumns.IndexOf("config.optimizer.learning_rate"));
        // Columns for every layer the config has, for every function of its pool.
        Assert.Equal(["share.L1.relu", "share.L1.tanh", "share.L2.relu", "share.L2.tanh"], table.Header.Where(h => h.StartsWith("share.", StringComparison.Ordinal)));
    }
}
