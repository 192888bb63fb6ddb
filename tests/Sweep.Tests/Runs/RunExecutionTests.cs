using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Sweep.Tests.Runs;

/// <summary>When a run saves its training state: on a wall-clock cadence, at its phase switch, at a rung, and when its silo stops.</summary>
public sealed class RunExecutionTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-execution-");
    private readonly TrainingSlots _slots;
    private readonly RecordingStore _store;
    private readonly RunExecution _execution;
    private readonly DatasetCache _datasets = new(DataDirectories.FromEnvironment(), capacity: 1);

    public RunExecutionTests()
    {
        var options = Options.Create(new SweepSiloOptions { Slots = 1, StopGracePeriod = TimeSpan.FromSeconds(30) });
        _slots = new TrainingSlots(options, TimeProvider.System);
        _store = new RecordingStore(new DirectoryCheckpointStore(_directory.FullName));
        _execution = new RunExecution(_slots, _datasets, _store, options, NullLogger<RunExecution>.Instance);
    }

    private static RunConfig Config(int epochs) => TestSweeps.Tiny(1, epochs: epochs) with { Switch = new PhaseSwitchSpec(SwitchRule.Epoch, Epoch: 2) };

    private static RunLease Lease(RunConfig config, int checkpointSeconds, int? pauseAt = null) =>
        new("execution", 0, TestSweeps.Spec(config), 1, 1,
            new SweepSettings(checkpointSeconds) { EarlyStopping = pauseAt is { } rung ? new GrainInterfaces.EarlyStopping([rung], 0.5) : null }, null, pauseAt);

    [Fact]
    public void With_a_long_cadence_a_run_saves_only_at_its_phase_switch()
    {
        var result = _execution.Execute(Lease(Config(5), checkpointSeconds: 3600), Guid.Empty, "silo", _ => { }, CancellationToken.None);
        Assert.Equal(RunStatus.Done, result.Record.Outcome.Status);
        Assert.Equal([2], _store.SavedAfterEpochs);
    }

    [Fact]
    public void With_a_zero_cadence_a_run_saves_after_every_epoch_but_its_last()
    {
        _execution.Execute(Lease(Config(5), checkpointSeconds: 0), Guid.Empty, "silo", _ => { }, CancellationToken.None);
        Assert.Equal([1, 2, 3, 4], _store.SavedAfterEpochs);
    }

    [Fact]
    public void A_run_stops_at_its_rung_with_a_durable_checkpoint_of_exactly_that_epoch()
    {
        var config = Config(6);
        var result = _execution.Execute(Lease(config, checkpointSeconds: 3600, pauseAt: 3), Guid.Empty, "silo", _ => { }, CancellationToken.None);
        Assert.Equal(RunStatus.Waiting, result.Record.Outcome.Status);
        Assert.Equal(3, result.Record.Outcome.EpochsRun);
        Assert.Equal(result.Record.Curve.ValidationLoss[^1], result.Record.Outcome.ValidationLoss);
        Assert.Equal(3, _store.SavedAfterEpochs[^1]);
        Assert.Equal(3, EpochOfCheckpoint(config));
    }

    [Fact]
    public void A_stopping_silo_lets_the_epoch_in_flight_finish_and_saves_it_before_the_run_ends()
    {
        var config = Config(400);
        int lastEpoch = 0;
        var progressed = new ManualResetEventSlim();
        RunExecutionResult? result = null;
        var thread = new Thread(() => result = _execution.Execute(Lease(config, checkpointSeconds: 3600), Guid.Empty, "silo",
            p => { lastEpoch = p.Epoch; if (p.Epoch >= 3) progressed.Set(); }, CancellationToken.None));
        thread.Start();
        Assert.True(progressed.Wait(TimeSpan.FromMinutes(1)));
        _slots.Stop();
        Assert.True(thread.Join(TimeSpan.FromMinutes(1)));

        Assert.True(result!.Interrupted);
        Assert.InRange(lastEpoch, 3, 399);
        Assert.Equal(lastEpoch, EpochOfCheckpoint(config)); // nothing trained was lost
    }

    private int EpochOfCheckpoint(RunConfig config)
    {
        using var stream = _store.Open(SweepIds.RunKey("execution", RunConfigKeys.Run(config)))!;
        using var data = new TrainingData(DatasetCatalog.Load(config.Data));
        using var session = TrainingSession.Resume(config, data, stream);
        return session.EpochsCompleted;
    }

    public void Dispose()
    {
        _datasets.Dispose();
        _directory.Delete(recursive: true);
    }

    /// <summary>A checkpoint store that notes after which epoch each save happened (from the run's progress).</summary>
    private sealed class RecordingStore(ICheckpointStore inner) : ICheckpointStore
    {
        public List<int> SavedAfterEpochs { get; } = [];

        public void Save(string runKey, Action<Stream> write)
        {
            inner.Save(runKey, write);
            inner.Flush(runKey);
            SavedAfterEpochs.Add(CheckpointEpoch(runKey));
        }

        private int CheckpointEpoch(string runKey)
        {
            using var stream = inner.Open(runKey)!;
            var path = Path.GetTempFileName();
            try
            {
                using (var file = File.Create(path)) stream.CopyTo(file);
                return CheckpointFile.Inspect(path).EpochsCompleted;
            }
            finally
            {
                File.Delete(path);
            }
        }

        public void Flush(string runKey) => inner.Flush(runKey);
        public Stream? Open(string runKey) => inner.Open(runKey);
        public void Delete(string runKey) => inner.Delete(runKey);
        public string Describe(string runKey) => inner.Describe(runKey);
        public void EnsureRoom(string runKey, long bytes) => inner.EnsureRoom(runKey, bytes);
    }
}
