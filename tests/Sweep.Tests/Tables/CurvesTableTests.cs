using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class CurvesTableTests
{
    private static readonly SweepTable Table = Export().Curves;

    [Fact]
    public void Header_is_exact()
    {
        string[] expected =
        [
            "sweep_id", "run_hash", "cell", "seed", "epoch", "phase", "temperature", "train_loss", "validation_loss",
            "validation_accuracy", "flip_rate", "wall_seconds", "flip_rate.L1", "flip_rate.L2",
            "share.L1.relu", "share.L1.tanh", "share.L1.elu", "share.L2.relu", "share.L2.tanh", "share.L2.elu",
        ];
        Assert.Equal(expected, Table.Header);
    }

    [Fact]
    public void One_row_per_run_and_epoch_in_order()
    {
        // A 3×2 + B 2×2 + failed b3 1 + relu 3 + tanh 3 + e1 1
        Assert.Equal(18, Table.Rows.Count);
        int first = RowOf(Table, ("run_hash", "a1"));
        Assert.Equal(0, first);
        Assert.Equal("1", Table.Text(first, "epoch"));
        Assert.Equal("2", Table.Text(first + 1, "epoch"));
        Assert.Equal("a1", Table.Text(first + 1, "run_hash"));
    }

    [Fact]
    public void Epoch_values()
    {
        int r = RowOf(Table, ("run_hash", "a1"), ("epoch", "1"));
        Assert.Equal("sw1", Table.Text(r, "sweep_id"));
        Assert.Equal(CellA, Table.Text(r, "cell"));
        Assert.Equal("1", Table.Text(r, "seed"));
        Assert.Equal("1", Table.Text(r, "phase"));
        Assert.Equal("0.3", Table.Text(r, "temperature"));
        Assert.Equal("0.25", Table.Text(r, "flip_rate"));
        Assert.Equal("1", Table.Text(r, "train_loss"));
        Assert.Equal("0.9", Table.Text(r, "validation_loss"));
        Assert.Equal("1.5", Table.Text(r, "wall_seconds"));
        Assert.Equal("0.5", Table.Text(r, "share.L1.relu"));

        int p2 = RowOf(Table, ("run_hash", "a1"), ("epoch", "2"));
        Assert.Equal("", Table.Text(p2, "temperature"));
        Assert.Equal("", Table.Text(p2, "flip_rate"));
        Assert.Equal("0.5", Table.Text(p2, "train_loss"));

        int failed = RowOf(Table, ("run_hash", "b3"));
        Assert.Equal("0.5", Table.Text(failed, "share.L2.tanh"));
        Assert.Equal("3", Table.Text(failed, "seed"));

        int baseline = RowOf(Table, ("run_hash", "r1"));
        Assert.Equal("1", Table.Text(baseline, "share.L1.relu"));
        Assert.Equal("", Table.Text(baseline, "share.L1.elu"));
    }
}
