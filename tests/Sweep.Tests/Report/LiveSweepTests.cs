using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Web;

namespace SmartMixed.Sweep.Tests.Report;

public class LiveSweepTests
{
    private static SweepStatus Status(long done, long planned, SweepState state = SweepState.Active) =>
        new("s", state, null, new RunCounts(1, 1, 0, 0, 0), done, planned, 1, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), null);

    [Fact]
    public void The_eta_assumes_the_pace_since_submission_holds()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:10:00Z");
        Assert.Equal(TimeSpan.FromMinutes(30), LiveSweep.Eta(Status(25, 100), now)); // 10 min for a quarter: 30 min left
        Assert.Null(LiveSweep.Eta(Status(0, 100), now));                             // no pace yet
        Assert.Equal(TimeSpan.Zero, LiveSweep.Eta(Status(100, 100, SweepState.Completed) with { Counts = new RunCounts(0, 0, 2, 0, 0) }, now));
    }
}
