using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Training.Config;
using SmartMixed.Training.Metrics;

namespace SmartMixed.Sweep.Testing;

/// <summary>
/// Stands in for training where only the orchestration is measured (the scale benchmark and the scale tests; never
/// registered by a silo): it takes a slot like a real run, then reports all of a run's epochs at once with records of
/// realistic size — every epoch's losses, accuracy, flip rate and the selection of every hidden layer over the whole
/// pool — derived deterministically from the run's seed, and an optional delay per run.
/// </summary>
public sealed class SimulatedRunExecutor(TrainingSlots slots, TimeSpan delayPerRun = default) : IRunExecutor
{
    public RunExecutionResult Execute(RunLease lease, Guid slotTicket, string silo, Action<RunProgress> progress, CancellationToken cancellation)
    {
        using var slot = slots.AcquireAsync(slotTicket, cancellation).GetAwaiter().GetResult();
        var config = RunConfigJson.Deserialize(lease.Spec.ConfigJson);
        if (delayPerRun > TimeSpan.Zero) Task.Delay(delayPerRun, cancellation).GetAwaiter().GetResult();
        var random = new Random(config.Seed);
        var pool = config.Fixed is { } f ? new[] { f } : config.Pool.ToArray();
        int switchEpoch = config.IsBaseline ? 0 : Math.Min(config.Switch.Epoch, config.Epochs - 1);
        var history = new List<EpochReport>(config.Epochs);
        IReadOnlyList<LayerSelection> selection = [];
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            bool selecting = epoch <= switchEpoch;
            if (selecting || epoch == 1) selection = Select(config.Hidden, pool, random);
            double loss = 2.3 / (1 + 0.3 * epoch) + 0.01 * random.NextDouble();
            history.Add(new EpochReport(epoch, selecting ? 1 : 2, selecting ? config.Temperature.Start : null, loss, loss * 1.1,
                1 - loss / 2.5, selecting ? random.NextDouble() * 0.2 : null, selection, 0.001, 0.002));
        }
        int best = 1 + random.Next(config.Epochs);
        var result = new RunResult(config, lease.Spec.Hash, config.Seed, config.Epochs, config.IsBaseline ? null : switchEpoch, best,
            history[best - 1].ValidationLoss, history[best - 1].ValidationAccuracy, history[best - 1].ValidationLoss * 1.02,
            history[best - 1].ValidationAccuracy - 0.01, history[^1].TrainLoss, history.Sum(h => h.WallSeconds), selection,
            Phase1Steps: switchEpoch * 40L, Phase2Steps: (config.Epochs - switchEpoch) * 40L);
        progress(new RunProgress(lease.Spec.Hash, lease.LeaseId, RunStatus.Running, config.Epochs, config.Epochs, silo, null));
        return new RunExecutionResult(RunRecords.Done(lease.SweepId, lease.Spec, result, history, silo, lease.Attempt, null), false);
    }

    private static IReadOnlyList<LayerSelection> Select(IReadOnlyList<int> hidden, string[] pool, Random random)
    {
        var layers = new LayerSelection[hidden.Count];
        for (int l = 0; l < hidden.Count; l++)
        {
            var counts = new int[pool.Length];
            for (int n = 0; n < hidden[l]; n++) counts[random.Next(pool.Length)]++;
            layers[l] = new LayerSelection(l + 1, pool, counts);
        }
        return layers;
    }
}
