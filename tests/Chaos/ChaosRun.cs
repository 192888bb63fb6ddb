using System.Diagnostics;
using System.Globalization;
using SmartMixed.Client.Specs;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Chaos;

/// <summary>
/// The seeded chaos test. Starts Redis (password, append-only file) and the silo processes on loopback, has the real
/// client submit a sweep of small real runs as a process of its own (<c>smartmixed sweep run</c>), and for the duration
/// injects the seed's faults: kill -9 or restart a silo, restart Redis once, kill the client (which is started again
/// and resumes). After every fault, and at the end, it checks the sweep through the cluster: every planned run ends
/// exactly once, nothing is counted or listed twice, no run stays on a dead silo, the exported tables have one row per
/// run (and per run and epoch), and a seeded sample of runs, trained again directly, has exactly the sweep's numbers.
/// </summary>
public sealed class ChaosRun : IAsyncDisposable
{
    private readonly ChaosOptions _o;
    private readonly ChaosLog _log;
    private readonly ChaosCluster _cluster;
    private readonly string _work;
    private readonly List<Wave> _waves = [];
    private readonly Stopwatch _faultClock = new();
    private readonly List<string> _violations = [];
    private readonly List<string> _unplanned = [];
    private readonly Dictionary<FaultKind, int> _faultCounts = [];
    private readonly List<double> _settleSeconds = [];
    private int _faultsOnIdle;
    private bool _clientDown;
    private int _clientLaunches, _clientErrors;
    private bool _clientFinished;

    /// <summary>One sweep of the run: its spec file, its plan, and the checks that go with the plan.</summary>
    private sealed record Wave(int Number, string SpecPath, SweepPlan Plan, Invariants Invariants)
    {
        public string SweepId => Plan.SweepId;
    }

    private ChaosRun(ChaosOptions o, string work)
    {
        _o = o;
        _work = work;
        _log = new ChaosLog(Path.Combine(work, "chaos.log"));
        _cluster = new ChaosCluster(o, work);
    }

    private Wave Current => _waves[^1];

    private int PlannedRuns => _waves.Sum(w => w.Plan.Runs.Count);

    /// <summary>The next sweep: its own seeds, so no two waves train the same run.</summary>
    private Wave AddWave()
    {
        int number = _waves.Count + 1;
        var spec = SpecText(_o, number);
        var specPath = Path.Combine(_work, $"chaos-s{_o.Seed}-w{number}.yaml");
        File.WriteAllText(specPath, spec);
        var plan = SweepSpec.ParsePlan(spec, Path.GetFileName(specPath), Path.GetFileNameWithoutExtension(specPath));
        var wave = new Wave(number, specPath, plan, new Invariants(plan));
        _waves.Add(wave);
        return wave;
    }

    public static async Task<int> RunAsync(ChaosOptions o)
    {
        var work = o.WorkDirectory is { } w ? Directory.CreateDirectory(w).FullName : Directory.CreateTempSubdirectory("smartmixed-chaos-").FullName;
        int code;
        await using (var run = new ChaosRun(o, work))
        {
            try
            {
                code = await run.ExecuteAsync();
            }
            catch (Exception e)
            {
                run._log.Line($"the chaos run itself failed: {e.GetType().Name}: {e.Message}");
                run._log.Plain(e.ToString());
                code = 1;
            }
            if (o.Keep || code != 0) run._log.Plain($"files (logs, Redis, tables): {work}");
        }
        if (!o.Keep && code == 0) Directory.Delete(work, recursive: true);
        return code;
    }

    /// <summary>Small real runs: the synthetic data set, a small MLP, a checkpoint after every epoch.</summary>
    private static string SpecText(ChaosOptions o, int wave)
    {
        int seeds = (o.Runs + 3) / 4; // 3 temperatures and a ReLU baseline per seed
        var list = string.Join(", ", Enumerable.Range((wave - 1) * seeds + 1, seeds));
        return $"""
            name: chaos-s{o.Seed}-w{wave}
            description: chaos test, seed {o.Seed}, wave {wave}
            data: {"{"} name: synthetic {"}"}
            epochs: {o.Epochs}
            checkpoint_seconds: 0
            fixed:
              hidden: [256, 128]
              switch: {"{"} rule: epoch, epoch: {o.Epochs / 2} {"}"}
              optimizer: {"{"} learning_rate: 0.01, batch_size: 64 {"}"}
            factors:
              temperature: [0.5, 1.0, 2.0]
            seeds: [{list}]
            baselines: [relu]

            """;
    }

    private async Task<int> ExecuteAsync()
    {
        var faults = FaultSchedule.Draw(_o);
        _log.Plain($"chaos test: seed {_o.Seed}, {_o.Silos} silos, faults for {_o.Duration.TotalSeconds:0} s every {_o.MinGap.TotalSeconds:0}-{_o.MaxGap.TotalSeconds:0} s");
        var first = AddWave();
        _log.Plain($"sweeps of {first.Plan.Runs.Count} runs ({first.Plan.CellCount} cells), {_o.Epochs} epochs each, synthetic data, checkpoint every epoch; " +
                   $"at least {_o.Waves}, one after the other, and another while a tenth of the fault period is left");
        _log.Plain("fault schedule (from the seed):");
        foreach (var f in faults) _log.Plain($"  #{f.Number,-2} at {f.At.TotalSeconds,5:0.0} s: {f.Describe()}");

        await _cluster.StartAsync();
        _log.Line($"Redis (password, append-only file) on {_cluster.Redis.ConnectionString} and {_cluster.SiloCount} silos up");
        var grains = await _cluster.CheckerAsync();
        LaunchClient();
        var clock = _faultClock;
        clock.Start();

        foreach (var fault in faults)
        {
            if (clock.Elapsed > _o.Duration) break;
            if (fault.Number == 1) await UntilClientConnectedAsync(clock);
            while (clock.Elapsed < fault.At)
            {
                await SuperviseAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, Math.Max(10, (fault.At - clock.Elapsed).TotalMilliseconds))));
            }
            var before = await TryAsync(() => grains.GetGrain<ISweepGrain>(Current.SweepId).GetStatus(), TimeSpan.FromSeconds(30));
            if (before is { Total: > 0, IsFinished: true }) _faultsOnIdle++;
            await InjectAsync(fault, before);
            _faultCounts[fault.Kind] = _faultCounts.GetValueOrDefault(fault.Kind) + 1;
            await SettleAndCheckAsync(grains, $"after #{fault.Number}", before);
        }
        _log.Line($"faults over after {clock.Elapsed.TotalSeconds:0} s; waiting for the sweep to finish (within {_o.FinishBound.TotalSeconds:0} s)");
        var lastFault = Stopwatch.StartNew();
        bool doneBefore = _clientFinished;
        await FinishAsync(grains);
        return await FinalCheckAsync(grains, doneBefore ? null : lastFault.Elapsed);
    }

    private async Task InjectAsync(Fault fault, SweepStatus? before)
    {
        var counts = before is { Total: > 0 } s ? $"{s.Count(RunStatus.Done)}/{s.Total} done, {s.Count(RunStatus.Running)} running" : "not submitted yet";
        switch (fault.Kind)
        {
            case FaultKind.KillSilo:
                _log.Line($"#{fault.Number} kill -9 silo {fault.Silo} (pid {_cluster.SiloPid(fault.Silo)}) [{counts}]");
                _cluster.KillSilo(fault.Silo);
                await DelayAsync(fault.Down);
                await _cluster.StartSiloAsync(fault.Silo);
                _log.Line($"   silo {fault.Silo} started again after {fault.Down.TotalSeconds:0.0} s (pid {_cluster.SiloPid(fault.Silo)})");
                break;
            case FaultKind.RestartSilo:
                _log.Line($"#{fault.Number} restart silo {fault.Silo} (SIGTERM to pid {_cluster.SiloPid(fault.Silo)}) [{counts}]");
                var watch = Stopwatch.StartNew();
                bool graceful = await _cluster.StopSiloAsync(fault.Silo);
                var stopped = watch.Elapsed;
                await _cluster.StartSiloAsync(fault.Silo);
                _log.Line($"   silo {fault.Silo} {(graceful ? "left gracefully" : "did NOT stop within 60 s and was killed")} in {stopped.TotalSeconds:0.0} s, " +
                          $"started again (pid {_cluster.SiloPid(fault.Silo)})");
                if (!graceful) _unplanned.Add($"#{fault.Number}: silo {fault.Silo} did not stop within 60 s of SIGTERM");
                break;
            case FaultKind.RestartRedis:
                _log.Line($"#{fault.Number} kill -9 Redis (pid {_cluster.Redis.ProcessId}) [{counts}]");
                _cluster.Redis.Kill();
                await DelayAsync(fault.Down);
                _cluster.Redis.StartAgain();
                _log.Line($"   Redis started again after {fault.Down.TotalSeconds:0.0} s from its append-only file (pid {_cluster.Redis.ProcessId})");
                break;
            case FaultKind.KillClient:
                if (_clientFinished)
                {
                    _log.Line($"#{fault.Number} (the client has already finished: nothing to kill) [{counts}]");
                    break;
                }
                var client = _cluster.Client!;
                _log.Line($"#{fault.Number} kill -9 the client (pid {client.Id}; its last line: \"{client.LastLine ?? "(nothing yet)"}\") [{counts}]");
                _clientDown = true;
                client.Kill();
                await DelayAsync(fault.Down);
                _clientDown = false;
                LaunchClient();
                break;
        }
    }

    /// <summary>
    /// After a fault: waits (at most the stuck bound) until no run is "running" on a silo that is gone and the sweep
    /// moves again, then checks every invariant.
    /// </summary>
    private async Task SettleAndCheckAsync(IGrainFactory grains, string when, SweepStatus? before)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RunView> stuck = [];
        bool progressed = false;
        while (true)
        {
            await SuperviseAsync();
            try
            {
                var status = await grains.GetGrain<ISweepGrain>(Current.SweepId).GetStatus();
                if (status.Total > 0)
                {
                    stuck = await Invariants.OnDeadSilosAsync(grains, status);
                    progressed |= status.IsFinished || before is not { Total: > 0 } || status.SweepId != before.SweepId || status.EpochsDone > before.EpochsDone;
                    if (stuck.Count == 0 && progressed) break;
                }
            }
            catch (Exception e) when (IsTransient(e))
            {
                // a silo is being declared dead, or Redis is starting: ask again
            }
            if (clock.Elapsed > _o.StuckBound)
            {
                var what = stuck.Count > 0
                    ? $"{stuck.Count} run(s) still running on a silo that is gone: {string.Join(", ", stuck.Select(r => $"{r.Hash} on {r.Silo}"))}"
                    : "the sweep did not move";
                Violation($"{when}: stuck for {_o.StuckBound.TotalSeconds:0} s: {what}");
                break;
            }
            await Task.Delay(500);
        }
        _settleSeconds.Add(clock.Elapsed.TotalSeconds);
        var counts = new List<string>();
        int broken = 0;
        foreach (var wave in _waves)
        {
            var result = await TryAsync(() => wave.Invariants.CheckAsync(grains), TimeSpan.FromSeconds(60));
            if (result is null)
            {
                Violation($"{when}: sweep {wave.SweepId} could not be read for 60 s");
                broken++;
                continue;
            }
            foreach (var v in result.Violations) Violation($"{when}: {wave.SweepId}: {v}");
            broken += result.Violations.Count;
            counts.Add($"{wave.SweepId} {result.Counts}");
        }
        _log.Line($"   settled in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join("; ", counts)}; " +
                  (broken == 0 ? "invariants hold" : $"{broken} VIOLATION(S)"));
    }

    private async Task FinishAsync(IGrainFactory grains)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await SuperviseAsync();
            if (_clientFinished) return;
            if (clock.Elapsed > _o.FinishBound)
            {
                var status = await TryAsync(() => grains.GetGrain<ISweepGrain>(Current.SweepId).GetStatus(), TimeSpan.FromSeconds(20));
                Violation($"the sweep and its client did not finish within {_o.FinishBound.TotalSeconds:0} s after the faults " +
                          $"({(status is null ? "unreadable" : new CheckResult(status, [], new Dictionary<string, RunRow>()).Counts)})");
                return;
            }
            await Task.Delay(500);
        }
    }

    private async Task<int> FinalCheckAsync(IGrainFactory grains, TimeSpan? finishedAfter)
    {
        var ended = finishedAfter is { } after ? $"{after.TotalSeconds:0} s after the faults" : "before the faults ended";
        _log.Line($"the last sweep finished {ended}; final checks");
        var results = new List<CheckResult>();
        var exportSummaries = new List<string>();
        int exportProblems = 0;
        bool allDoneOnce = true;
        foreach (var wave in _waves)
        {
            var result = await TryAsync(() => wave.Invariants.CheckAsync(grains), TimeSpan.FromSeconds(60));
            if (result is null)
            {
                Violation($"at the end: sweep {wave.SweepId} could not be read");
                allDoneOnce = false;
                continue;
            }
            results.Add(result);
            var status = result.Status!;
            foreach (var v in result.Violations) Violation($"at the end: {wave.SweepId}: {v}");
            if (status.State != SweepState.Completed) Violation($"at the end: sweep {wave.SweepId} is {status.State}, not completed");
            if (status.Count(RunStatus.Done) != wave.Plan.Runs.Count)
                Violation($"at the end: sweep {wave.SweepId} has {status.Count(RunStatus.Done)} runs done of {wave.Plan.Runs.Count}");
            allDoneOnce &= result.Violations.Count == 0 && status.State == SweepState.Completed && status.Count(RunStatus.Done) == wave.Plan.Runs.Count;
            var export = ExportCheck.Check(Path.Combine(_cluster.ResultsDirectory, wave.SweepId), wave.Plan, out var exportSummary);
            foreach (var v in export) Violation($"tables of {wave.SweepId}: {v}");
            exportProblems += export.Count;
            exportSummaries.Add($"{wave.SweepId}: {exportSummary}");
        }

        // A seeded sample, resumed runs first: trained again here without interruption, compared number for number.
        var sampled = new List<string>();
        int sameNumbers = 0, resumedSampled = 0;
        if (results.Count > 0)
        {
            var random = new Random(_o.Seed);
            var finished = results.SelectMany(r => r.Rows.Values).Where(r => r.Record is { Outcome.Status: RunStatus.Done })
                .OrderBy(r => r.Spec.Hash, StringComparer.Ordinal).ToList();
            var resumed = finished.Where(r => r.Record!.Outcome.ResumedFromEpoch is not null).OrderBy(_ => random.Next()).ToList();
            var others = finished.Except(resumed).OrderBy(_ => random.Next()).ToList();
            int fromResumed = Math.Min(resumed.Count, (_o.Sample + 1) / 2 + 1);
            foreach (var row in resumed.Take(fromResumed).Concat(others).Take(_o.Sample))
            {
                var problems = DirectTraining.Compare(row, out var line);
                sampled.Add(line);
                foreach (var p in problems) Violation($"direct training: {p}");
                if (problems.Count == 0) sameNumbers++;
                if (row.Record!.Outcome.ResumedFromEpoch is not null) resumedSampled++;
            }
        }
        // The numbers are the test's strongest check: a run that compared none has not shown them.
        if (sampled.Count == 0) Violation("no run was trained again directly to compare its numbers (--sample 0, or no run finished)");

        var rows = results.SelectMany(r => r.Rows.Values).Where(r => r.Record is not null).ToList();
        int done = results.Sum(r => r.Status!.Count(RunStatus.Done));
        int resumedRuns = rows.Count(r => r.Record!.Outcome.ResumedFromEpoch is not null);
        int retried = rows.Count(r => r.View.Attempts > 1);
        string Count(FaultKind kind) => _faultCounts.GetValueOrDefault(kind).ToString(CultureInfo.InvariantCulture);

        _log.Plain("");
        _log.Plain($"== chaos result, seed {_o.Seed}: {(_violations.Count == 0 ? "PASS" : $"FAIL ({_violations.Count} violation(s))")} in {_log.Elapsed.TotalSeconds:0} s");
        _log.Plain($"faults: {_faultCounts.Values.Sum()} — {Count(FaultKind.KillSilo)} kill -9 of a silo, {Count(FaultKind.RestartSilo)} graceful silo restarts, " +
                   $"{Count(FaultKind.RestartRedis)} Redis kill -9 + restart, {Count(FaultKind.KillClient)} client kills " +
                   $"({_faultsOnIdle} met a cluster with nothing left to do); " +
                   $"the client was started {_clientLaunches} times ({_clientErrors} exit(s) with an error on its own)");
        _log.Plain($"sweeps: {_waves.Count} one after the other, {done}/{PlannedRuns} runs done; {resumedRuns} run(s) resumed from a checkpoint, " +
                   $"{retried} leased more than once");
        _log.Plain("invariants:");
        _log.Plain($"  {Mark(allDoneOnce && results.Count == _waves.Count)} every planned run ended exactly once " +
                   "(done once, counted once in its cell summary, its record the end that was counted)");
        _log.Plain($"  {Mark(exportProblems == 0)} no duplicates in the tables: {string.Join("; ", exportSummaries)}");
        _log.Plain($"  {Mark(!_violations.Any(v => v.Contains("stuck", StringComparison.Ordinal)))} nothing stuck: after each fault the cluster settled within " +
                   $"{(_settleSeconds.Count == 0 ? 0 : _settleSeconds.Max()):0.0} s (bound {_o.StuckBound.TotalSeconds:0} s); the last sweep finished {ended}");
        _log.Plain($"  {Mark(sameNumbers == sampled.Count && sampled.Count > 0)} same numbers as uninterrupted training: {sameNumbers} of {sampled.Count} sampled runs ({resumedSampled} resumed)");
        foreach (var line in sampled) _log.Plain($"      {line}");
        if (_unplanned.Count > 0)
        {
            _log.Plain("unplanned events:");
            foreach (var u in _unplanned) _log.Plain($"  {u}");
        }
        if (_violations.Count > 0)
        {
            _log.Plain("violations:");
            foreach (var v in _violations) _log.Plain($"  {v}");
        }
        return _violations.Count == 0 ? 0 : 1;
    }

    private static string Mark(bool ok) => ok ? "ok  " : "FAIL";

    /// <summary>Restarts what ended without being told to, and notices the client's end.</summary>
    private async Task SuperviseAsync()
    {
        if (_cluster.ExitedSilo() is { } exited)
        {
            var what = $"silo {exited.Index} exited by itself with code {exited.Code}: {exited.LastLine}";
            _log.Line($"   UNPLANNED: {what}; starting it again");
            _unplanned.Add(what);
            await _cluster.StartSiloAsync(exited.Index);
        }
        if (_clientDown || _clientFinished || _cluster.Client is not { HasExited: true } client) return;
        if (client.ExitCode == 0)
        {
            _log.Line($"   the client finished sweep {Current.SweepId}: \"{client.LastLine}\"");
            if (_waves.Count < _o.Waves || _faultClock.Elapsed < _o.Duration * 0.9)
            {
                var wave = AddWave();
                _log.Line($"   next sweep: {wave.SweepId}, {wave.Plan.Runs.Count} runs");
                LaunchClient();
            }
            else _clientFinished = true;
            return;
        }
        _clientErrors++;
        _log.Line($"   the client exited with {client.ExitCode}: \"{client.LastLine}\"; starting it again");
        // "Cannot reach" while Redis restarts is the client doing its job; an unexpected failure is a bug it showed.
        if (client.LastLine?.Contains("unexpected failure", StringComparison.Ordinal) == true)
            Violation($"the client failed unexpectedly (exit {client.ExitCode}): {client.LastLine}");
        else _unplanned.Add($"the client exited with {client.ExitCode}: {client.LastLine}");
        await Task.Delay(1000);
        LaunchClient();
    }

    /// <summary>Restarts the clock once the client says it has connected: it submits right after.</summary>
    private async Task UntilClientConnectedAsync(Stopwatch clock)
    {
        var waited = Stopwatch.StartNew();
        while (_cluster.Client is { HasExited: false, LastLine: var line } && line?.StartsWith("running on", StringComparison.Ordinal) != true
               && waited.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(5);
        clock.Restart();
    }

    private void LaunchClient()
    {
        var client = _cluster.LaunchClient(Current.SpecPath);
        _clientLaunches++;
        _log.Line($"   client started: smartmixed sweep run {Path.GetFileName(Current.SpecPath)} (pid {client.Id})");
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < delay) await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200, Math.Max(1, (delay - clock.Elapsed).TotalMilliseconds))));
    }

    private void Violation(string text)
    {
        _violations.Add(text);
        _log.Line($"   VIOLATION {text}");
    }

    private static bool IsTransient(Exception e) => e is not (OutOfMemoryException or InvalidProgramException);

    private async Task<T?> TryAsync<T>(Func<Task<T>> read, TimeSpan budget) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (IsTransient(e) && clock.Elapsed < budget)
            {
                await Task.Delay(500);
            }
            catch (Exception e) when (IsTransient(e))
            {
                _log.Line($"   could not read the sweep for {budget.TotalSeconds:0} s: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _log.Dispose();
    }
}
