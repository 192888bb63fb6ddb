using System.Diagnostics;
using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using SmartMixed.Training.Metrics;
using SmartMixed.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// One SmartMixed run, an epoch at a time: the selection phase, the phase switch, the fixed grouped phase, model
/// selection by validation loss, checkpoints. Synchronous by design: TorchSharp's dispose scopes are per thread.
/// A run's randomness comes only from its own generators, seeded from (seed, purpose, epoch), so runs side by
/// side in one process, or a run resumed from a checkpoint, give the same numbers as a run alone.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    /// <summary>Evaluation batch when no noise is drawn (the batch size then does not change the numbers).</summary>
    private const int NoiselessEvaluationBatch = 2048;

    private readonly TrainingData _data;
    private readonly CandidatePool _pool;
    private readonly TemperatureSchedule? _schedule;
    private readonly NoiseStream _noise = new(0);
    private readonly NoiseStream _evaluationNoise = new(0);
    private readonly TrainingState _state;
    private SmartMixedNetwork _network;
    private TorchSharp.Modules.Adam _optimizer;

    /// <summary>For a config already validated, with its state (fresh or from a checkpoint).</summary>
    private TrainingSession(RunConfig config, TrainingData data, TrainingState state)
    {
        TorchThreads.Ensure(config.Threads);
        Config = config;
        Hash = RunConfigHash.Of(config);
        _data = data;
        _state = state;
        _pool = CandidatePool.Parse(config.Fixed is { } f ? [f] : config.Pool);
        if (!config.IsBaseline) _schedule = new TemperatureSchedule(config.Temperature, DefaultHorizon(config, data));

        using var init = new Generator((ulong)SeedSequence.Derive(config.Seed, "init"));
        if (_state.Phase == 1)
            _network = SmartMixedNetwork.Selecting(data.FeatureCount, config.Hidden, data.ClassCount, _pool, config.Selection, init, config.Temperature.Role);
        else if (config.Baseline == BaselineKind.Soft)
            _network = SmartMixedNetwork.SoftMixture(data.FeatureCount, config.Hidden, data.ClassCount, _pool, config.Selection.LogitInit, init);
        else
        {
            _state.Assignment ??= config.Baseline switch
            {
                null => config.Hidden.Select(h => new int[h]).ToArray(), // a fixed baseline: its one function everywhere
                BaselineKind.Random => BaselineAssignments.Random(config.Hidden, _pool.Count, config.Seed),
                _ => throw new InvalidDataException($"run {Hash} is a {config.BaselineLabel} baseline without its assignment"),
            };
            _network = SmartMixedNetwork.Grouped(data.FeatureCount, Assignment(), data.ClassCount, _pool, init);
        }
        _optimizer = NewOptimizer();
    }

    public RunConfig Config { get; }
    public string Hash { get; }
    public SmartMixedNetwork Network => _network;
    public IReadOnlyList<EpochReport> History => _state.History;
    public int EpochsCompleted => _state.EpochsCompleted;
    public int Phase => _state.Phase;
    public bool IsFinished => _state.EpochsCompleted >= TotalEpochs;

    /// <summary>The noise of the last evaluation (its number of draws is what a sampled evaluation averages over).</summary>
    internal NoiseStream EvaluationNoise => _evaluationNoise;

    /// <summary>
    /// How many epochs this run trains in all: <see cref="RunConfig.Epochs"/>, or with <c>epochs_of: final_network</c>
    /// the selection phase's epochs on top (before a settling switch has happened: its latest possible epoch).
    /// </summary>
    public int TotalEpochs => Config.EpochsOf == EpochsOf.WholeRun || Config.IsBaseline
        ? Config.Epochs
        : (_state.SwitchEpoch ?? PlannedSwitchEpoch(Config)) + Config.Epochs;

    /// <summary>The epochs a run will train, as known before it starts (a settling switch counts at its latest epoch).</summary>
    public static int PlannedEpochs(RunConfig config) => config.EpochsOf == EpochsOf.WholeRun || config.IsBaseline
        ? config.Epochs
        : PlannedSwitchEpoch(config) + config.Epochs;

    /// <summary>
    /// Starts a run from its first epoch. A shuffled baseline needs <paramref name="source"/>, its source run's layer
    /// shares (<see cref="RunConfig.ShuffledFrom"/>); no other run takes one. A bad config or source is a
    /// <see cref="ConfigException"/> naming every problem.
    /// </summary>
    public static TrainingSession Start(RunConfig config, TrainingData data, SourceAssignment? source = null)
    {
        RunConfigValidator.ThrowIfInvalid(config);
        var state = new TrainingState { Phase = config.IsBaseline ? 2 : 1 };
        if (config.Baseline == BaselineKind.Shuffled)
        {
            if (source is null)
                throw new ConfigException("shuffled_from", $"a shuffled baseline starts from the layer shares of its source run {config.ShuffledFrom}; none were given");
            CheckSource(config, source);
            state.Assignment = BaselineAssignments.Shuffled(source.LayerCounts, config.Seed);
        }
        else if (source is not null)
            throw new ConfigException("shuffled_from", $"only a shuffled baseline starts from a source run's layer shares; this run is {Describe(config)}");
        return new TrainingSession(config, data, state);
    }

    /// <summary>Continues a run from a checkpoint written by <see cref="SaveCheckpoint"/> (a shuffled baseline's assignment is in it).</summary>
    public static TrainingSession Resume(RunConfig config, TrainingData data, Stream checkpoint)
    {
        RunConfigValidator.ThrowIfInvalid(config);
        using var reader = CheckpointFormat.Reader(checkpoint); // verified whole before anything is read
        var state = CheckpointFormat.ReadHeader(reader, RunConfigHash.Of(config));
        var session = new TrainingSession(config, data, state);
        try
        {
            session._network.load(reader, strict: true);
            session._optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            session.Dispose();
            throw new InvalidDataException($"the checkpoint's tensors do not fit run {session.Hash}: {e.Message}", e);
        }
        return session;
    }

    /// <summary>Writes the complete training state after the last finished epoch.</summary>
    public void SaveCheckpoint(Stream destination)
    {
        using var writer = CheckpointFormat.Writer(destination);
        CheckpointFormat.WriteHeader(writer, Hash, _state);
        _network.save(writer);
        _optimizer.save_state_dict(writer);
        CheckpointFormat.Seal(writer); // length and SHA-256: a partial or damaged checkpoint never verifies
    }

    /// <summary>
    /// Trains one epoch, evaluates, and switches phase when the rule says so. After a cancellation or an
    /// exception the session is mid-epoch: discard it and resume from the last checkpoint.
    /// </summary>
    public EpochReport RunEpoch(CancellationToken cancellation = default)
    {
        if (IsFinished) throw new InvalidOperationException($"run {Hash} has finished all {TotalEpochs} epochs");
        var clock = Stopwatch.StartNew();
        int epochIndex = _state.EpochsCompleted, epoch = epochIndex + 1;
        bool selecting = _state.Phase == 1;
        var before = selecting ? CurrentArgmax() : null;

        double trainLoss = TrainOneEpoch(epochIndex, selecting, cancellation, out double? temperature);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var (validationLoss, validationAccuracy) = Evaluate(_data.ValidationX, _data.ValidationY, epochIndex);

        double? flipRate = null;
        IReadOnlyList<double>? layerFlipRates = null;
        IReadOnlyList<LayerSelection> selection;
        if (selecting)
        {
            var after = CurrentArgmax();
            flipRate = FlipRate(before!, after);
            layerFlipRates = LayerFlipRates(before!, after);
            selection = Selections(after);
            if (_state.BestPhase1ValidationLoss is not { } best || validationLoss < best)
            {
                _state.BestPhase1ValidationLoss = validationLoss;
                _state.BestPhase1Assignment = after;
            }
        }
        else
        {
            selection = FinalSelection();
            if (_state.Best is not { } best || validationLoss < best.ValidationLoss)
            {
                var (testLoss, testAccuracy) = Evaluate(_data.TestX, _data.TestY, epochIndex);
                _state.Best = new BestSnapshot(epoch, validationLoss, validationAccuracy, testLoss, testAccuracy);
            }
        }

        _state.EpochsCompleted = epoch;
        if (selecting && ShouldSwitch(epoch, flipRate!.Value)) SwitchToFixedPhase(epoch);

        var report = new EpochReport(epoch, selecting ? 1 : 2, temperature, trainLoss, validationLoss,
            validationAccuracy, flipRate, selection, trainSeconds, clock.Elapsed.TotalSeconds, layerFlipRates);
        _state.History.Add(report);
        _state.WallSeconds += report.WallSeconds;
        return report;
    }

    /// <summary>The outcome, once every epoch has run.</summary>
    public RunResult Result()
    {
        if (!IsFinished) throw new InvalidOperationException($"run {Hash} has finished {EpochsCompleted} of {TotalEpochs} epochs");
        var best = _state.Best ?? throw new InvalidOperationException("no epoch of the final phase was evaluated");
        return new RunResult(Config, Hash, Config.Seed, _state.EpochsCompleted, _state.SwitchEpoch, best.Epoch,
            best.ValidationLoss, best.ValidationAccuracy, best.TestLoss, best.TestAccuracy,
            _state.History[^1].TrainLoss, _state.WallSeconds, FinalSelection(), _state.Phase1Steps, _state.Phase2Steps);
    }

    private double TrainOneEpoch(int epochIndex, bool selecting, CancellationToken cancellation, out double? temperature)
    {
        int n = _data.TrainCount, batch = Config.Optimizer.BatchSize;
        using var order = tensor(Shuffle(n, SeedSequence.DeriveInt(Config.Seed, "shuffle", epochIndex)));
        _noise.Reset(SeedSequence.Derive(Config.Seed, "noise", epochIndex));
        SetNoise(_noise);
        _network.train();
        temperature = null;
        double lossSum = 0;
        for (int start = 0; start < n; start += batch)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int count = Math.Min(batch, n - start);
            var rows = order.narrow(0, start, count);
            var x = _data.TrainX.index_select(0, rows);
            var y = _data.TrainY.index_select(0, rows);
            if (selecting)
            {
                temperature = _schedule!.For(epochIndex, _state.Phase1Steps);
                foreach (var layer in _network.SelectionLayers) layer.Temperature = temperature.Value;
            }
            var loss = Loss(_network.call(x), y);
            _optimizer.zero_grad();
            loss.backward();
            if (Config.Optimizer.ClipNorm is { } clip) nn.utils.clip_grad_norm_(_network.parameters(), clip);
            _optimizer.step();
            double value = loss.item<float>();
            if (!double.IsFinite(value)) throw new TrainingDivergedException(epochIndex + 1, start / batch, value);
            lossSum += value * count;
            if (selecting) _state.Phase1Steps++;
            else _state.Phase2Steps++;
        }
        return lossSum / n;
    }

    private (double Loss, double Accuracy) Evaluate(Tensor x, Tensor y, int epochIndex)
    {
        using var _ = no_grad();
        _network.eval();
        _evaluationNoise.Reset(SeedSequence.Derive(Config.Seed, "evaluation-noise", epochIndex));
        SetNoise(_evaluationNoise);
        // A sampled evaluation draws noise per forward pass: in batches of the training batch size, as the reference
        // does, the validation loss averages over many draws (one 2,048 batch would rest on one).
        bool noisy = _network.IsSelecting && Config.Selection.Evaluation == SelectionEvaluation.Sampled;
        long batch = noisy ? Config.Optimizer.BatchSize : NoiselessEvaluationBatch;
        long n = y.shape[0], correct = 0;
        double lossSum = 0;
        for (long start = 0; start < n; start += batch)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(batch, n - start);
            var logits = _network.call(x.narrow(0, start, count));
            var labels = y.narrow(0, start, count);
            lossSum += Loss(logits, labels, sum: true).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (lossSum / n, (double)correct / n);
    }

    private Tensor Loss(Tensor logits, Tensor labels, bool sum = false)
    {
        var input = Config.Loss == LossKind.SoftmaxOutput ? logits.softmax(1) : logits;
        return nn.functional.cross_entropy(input, labels, reduction: sum ? nn.Reduction.Sum : nn.Reduction.Mean);
    }

    private bool ShouldSwitch(int epoch, double flipRate)
    {
        int calm = _state.CalmEpochs;
        bool now = PhaseSwitchRule.ShouldSwitch(Config, epoch, flipRate, ref calm);
        _state.CalmEpochs = calm;
        return now;
    }

    /// <summary>Freezes the assignment, groups neurons by function, and starts phase 2 with a new optimiser.</summary>
    private void SwitchToFixedPhase(int epoch)
    {
        var frozen = Config.PhaseTwo.Assignment == AssignmentSource.BestValidation && _state.BestPhase1Assignment is not null
            ? _state.BestPhase1Assignment
            : CurrentArgmax();
        _state.Assignment = frozen;
        _state.SwitchEpoch = epoch;
        _state.Phase = 2;

        using var init = new Generator((ulong)SeedSequence.Derive(Config.Seed, "phase2-init"));
        var fixedNetwork = Config.PhaseTwo.Weights == PhaseTwoWeights.Carry
            ? SmartMixedNetwork.GroupedFrom(_network, Assignment(), _pool, init)
            : SmartMixedNetwork.Grouped(_data.FeatureCount, Assignment(), _data.ClassCount, _pool, init);
        _optimizer.Dispose();
        _network.Dispose();
        _network = fixedNetwork;
        _optimizer = NewOptimizer();
    }

    private TorchSharp.Modules.Adam NewOptimizer()
    {
        var o = Config.Optimizer;
        return optim.Adam(_network.parameters(), lr: o.LearningRate, beta1: o.Beta1, beta2: o.Beta2,
            eps: 1e-8, weight_decay: o.WeightDecay);
    }

    private IReadOnlyList<LayerAssignment> Assignment() => _state.Assignment!.Select(a => new LayerAssignment(a)).ToArray();

    private int[][] CurrentArgmax() =>
        _network.SelectionLayers.Select(l => l.Assignment().Select(a => (int)a).ToArray()).ToArray();

    private IReadOnlyList<LayerSelection> Selections(int[][] assignment) =>
        assignment.Select((a, l) => new LayerSelection(l + 1, _pool.Names, new LayerAssignment(a).Counts(_pool.Count))).ToArray();

    /// <summary>The final network's functions: the frozen assignment, or the soft mixture's dominant candidates.</summary>
    private IReadOnlyList<LayerSelection> FinalSelection() => Config.Baseline == BaselineKind.Soft
        ? Selections(_network.SoftMixtureLayers.Select(l => l.Dominant().Select(a => (int)a).ToArray()).ToArray())
        : Selections(_state.Assignment!);

    private void SetNoise(NoiseStream noise)
    {
        foreach (var layer in _network.SelectionLayers) layer.Noise = noise;
    }

    /// <summary>Per hidden layer, one count per pool function, summing to the layer's width.</summary>
    private static void CheckSource(RunConfig config, SourceAssignment source)
    {
        var problems = new List<ConfigProblem>();
        var counts = source.LayerCounts;
        int poolSize = config.Pool.Count;
        if (counts.Count != config.Hidden.Count)
            problems.Add(new ConfigProblem("shuffled_from", $"the source run's assignment has {counts.Count} hidden layers; this run has {config.Hidden.Count}"));
        else
            for (int l = 0; l < counts.Count; l++)
            {
                if (counts[l].Count != poolSize)
                    problems.Add(new ConfigProblem("shuffled_from", $"layer {l + 1} of the source assignment has {counts[l].Count} counts; the pool has {poolSize} functions ({string.Join(", ", config.Pool)})"));
                else if (counts[l].Any(c => c < 0))
                    problems.Add(new ConfigProblem("shuffled_from", $"layer {l + 1} of the source assignment has a negative count ({string.Join(", ", counts[l])})"));
                else if (counts[l].Sum() != config.Hidden[l])
                    problems.Add(new ConfigProblem("shuffled_from", $"layer {l + 1} of the source assignment counts {counts[l].Sum()} neurons; this run's layer has {config.Hidden[l]}"));
            }
        if (problems.Count > 0) throw new ConfigException(problems);
    }

    private static string Describe(RunConfig config) =>
        config.BaselineLabel is { } label ? $"a {label} baseline" : "a SmartMixed run";

    /// <summary>The epoch the selection freezes after, or at the latest (settling rule).</summary>
    private static int PlannedSwitchEpoch(RunConfig config) =>
        config.Switch.Rule == SwitchRule.Epoch ? config.Switch.Epoch : RunConfigValidator.SwitchLatest(config);

    private static double FlipRate(int[][] before, int[][] after)
    {
        int changed = 0, total = 0;
        for (int l = 0; l < before.Length; l++)
            for (int i = 0; i < before[l].Length; i++, total++)
                if (before[l][i] != after[l][i]) changed++;
        return total == 0 ? 0 : (double)changed / total;
    }

    private static double[] LayerFlipRates(int[][] before, int[][] after)
    {
        var rates = new double[before.Length];
        for (int l = 0; l < before.Length; l++)
        {
            int changed = 0;
            for (int i = 0; i < before[l].Length; i++)
                if (before[l][i] != after[l][i]) changed++;
            rates[l] = before[l].Length == 0 ? 0 : (double)changed / before[l].Length;
        }
        return rates;
    }

    private static long[] Shuffle(int n, int seed)
    {
        var order = new long[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static int DefaultHorizon(RunConfig config, TrainingData data)
    {
        int phase1Epochs = PlannedSwitchEpoch(config);
        if (config.Temperature.Per == ScheduleUnit.Epoch) return phase1Epochs;
        int batches = (data.TrainCount + config.Optimizer.BatchSize - 1) / config.Optimizer.BatchSize;
        return phase1Epochs * batches;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Dispose();
    }
}
