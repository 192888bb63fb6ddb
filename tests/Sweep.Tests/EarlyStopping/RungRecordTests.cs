using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Tables;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Sweep.Tests.EarlyStopping;

/// <summary>
/// A run at a rung records the value of the metric the rung compares, in that metric's field only, so the tables name
/// the metric the decision used (they once said validation loss for a sweep that compared validation accuracy).
/// </summary>
public sealed class RungRecordTests
{
    private static readonly EpochReport[] History =
    [
        new(1, 1, 0.5, 0.9, 0.8, 0.70, 0.1, [new LayerSelection(1, ["relu", "tanh"], [10, 6])], 0.01, 0.02),
        new(2, 2, null, 0.6, 0.5, 0.82, null, [new LayerSelection(1, ["relu", "tanh"], [10, 6])], 0.01, 0.02),
    ];

    [Theory]
    [InlineData(GrainInterfaces.EarlyStopping.ValidationLoss, 0.5)]
    [InlineData(GrainInterfaces.EarlyStopping.ValidationAccuracy, 0.82)]
    public void The_record_at_a_rung_holds_the_compared_metric_and_the_table_names_it(string metric, double value)
    {
        var spec = TestSweeps.Spec(TestSweeps.Tiny(1, epochs: 4));
        var record = RunRecords.AtRung("s", spec, History, "silo", 1, null, new GrainInterfaces.EarlyStopping([2], 0.5, metric));

        Assert.Equal(RunStatus.Waiting, record.Outcome.Status);
        Assert.Equal(metric == GrainInterfaces.EarlyStopping.ValidationLoss ? value : null, record.Outcome.ValidationLoss);
        Assert.Equal(metric == GrainInterfaces.EarlyStopping.ValidationAccuracy ? value : null, record.Outcome.ValidationAccuracy);

        // As the export counts it: paused at the rung, stopped there.
        var book = new CellBook();
        book.Add(spec, record.Outcome with { Status = RunStatus.Paused });
        var table = AccuracyTable.Build(SweepAnalysis.Of(book));
        Assert.Equal(metric, table.Value(0, "rung_metric"));
        Assert.Equal(value, table.Value(0, "rung_mean"));
    }
}
