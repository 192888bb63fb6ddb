using SmartMixed.Training.Config;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

public class CheckpointTests
{
    [Theory]
    [InlineData(1, PhaseTwoWeights.Carry)]   // interrupted in the selection phase
    [InlineData(2, PhaseTwoWeights.Carry)]   // interrupted right after the switch
    [InlineData(3, PhaseTwoWeights.Fresh)]   // interrupted in the fixed phase
    public void A_resumed_run_ends_exactly_like_an_uninterrupted_one(int stopAfter, PhaseTwoWeights weights)
    {
        using var data = TestRuns.SyntheticData();
        var config = TestRuns.Small(epochs: 5, switchEpoch: 2) with
        {
            // Carried weights keep the function only with the assignment at the switch (the validator refuses the rest).
            PhaseTwo = new PhaseTwoSpec(weights == PhaseTwoWeights.Carry ? AssignmentSource.AtSwitch : AssignmentSource.BestValidation, weights),
            Temperature = new TemperatureSpec(ScheduleKind.Exponential, 1.0, 0.2, 0.99, Per: ScheduleUnit.Step),
        };
        var uninterrupted = TestRuns.RunToEnd(config, data);

        var bytes = new MemoryStream();
        using (var first = TrainingSession.Start(config, data))
        {
            for (int i = 0; i < stopAfter; i++) first.RunEpoch();
            first.SaveCheckpoint(bytes);
            first.RunEpoch(); // work after the checkpoint is lost with the process
        }
        bytes.Position = 0;
        using var resumed = TrainingSession.Resume(config, data, bytes);
        Assert.Equal(stopAfter, resumed.EpochsCompleted);
        while (!resumed.IsFinished) resumed.RunEpoch();

        Assert.Equal(uninterrupted.Numbers, TestRuns.Numbers(resumed.History));
        Assert.Equal(uninterrupted.Result.TestAccuracy, resumed.Result().TestAccuracy);
        Assert.Equal(uninterrupted.Result.BestEpoch, resumed.Result().BestEpoch);
    }

    [Fact]
    public void A_checkpoint_of_another_run_or_a_corrupt_file_is_refused_with_a_reason()
    {
        using var data = TestRuns.SyntheticData();
        var bytes = new MemoryStream();
        using (var session = TrainingSession.Start(TestRuns.Small(seed: 1), data))
        {
            session.RunEpoch();
            session.SaveCheckpoint(bytes);
        }
        bytes.Position = 0;
        var other = Assert.Throws<InvalidDataException>(() => TrainingSession.Resume(TestRuns.Small(seed: 2), data, bytes));
        Assert.Contains("belongs to run", other.Message);

        var truncated = new MemoryStream(bytes.ToArray()[..(int)(bytes.Length / 2)]);
        Assert.Throws<CorruptCheckpointException>(() => TrainingSession.Resume(TestRuns.Small(seed: 1), data, truncated));
        Assert.Throws<CorruptCheckpointException>(() => TrainingSession.Resume(TestRuns.Small(seed: 1), data, new MemoryStream([1, 2, 3])));
    }

    [Fact]
    public void Checkpoint_files_are_replaced_atomically_and_resume()
    {
        using var data = TestRuns.SyntheticData();
        var dir = Directory.CreateTempSubdirectory("smartmixed-ckpt-");
        try
        {
            var path = Path.Combine(dir.FullName, "checkpoint.bin");
            using (var session = TrainingSession.Start(TestRuns.Small(), data))
            {
                session.RunEpoch();
                CheckpointFile.Save(session, path);
                session.RunEpoch();
                CheckpointFile.Save(session, path);
            }
            Assert.False(File.Exists(path + ".tmp"));
            using var resumed = CheckpointFile.Resume(path, TestRuns.Small(), data);
            Assert.Equal(2, resumed.EpochsCompleted);
        }
        finally { dir.Delete(recursive: true); }
    }
}
