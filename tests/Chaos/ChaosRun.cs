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
    private readonly SweepPlan _plan;
    private readonly Invariants _invariants;
    private readonly List<string> _violations = [];
    private readonly List<string> _unplanned = [];
    private readonly Dictionary<FaultKind, int> _faultCounts = [];
    private readonly List<double> _settleSeconds = [];
    private bool _clientDown;
    private int _clientLaunches, _clientErrors;
    private bool _clientFinished;

    private ChaosRun(ChaosOptions o, string work)
    {
        _o = o;
        _log = new ChaosLog(Path.Combine(work, "chaos.log"));
        var spec = SpecText(o);
        var specPath = Path.Combine(work, $"chaos-s{o.Seed}.yaml");
        File.WriteAllText(specPath, spec);
        _plan = SweepSpec.ParsePlan(spec, Path.GetFileName(specPath), Path.GetFileNameWithoutExtension(specPath));
        _invariants = new Invariants(_plan);
        _cluster = new ChaosCluster(o, work, specPath);
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
            run._log.Plain(o.Keep || code != 0 ? $"files (logs, Redis, tables): {work}" : "");
        }
        if (!o.Keep && code == 0) Directory.Delete(work, recursive: true);
        return code;
    }

    /// <summary>Small real runs: the synthetic data set, a small MLP, a checkpoint after every epoch.</summary>
    private static string SpecText(ChaosOptions o)
    {
        int seeds = (o.Runs + 3) / 4; // 3 temperatures and a ReLU baseline per seed
        return $"""
            name: chaos-s{o.Seed}
            description: chaos test, seed {o.Seed}
            data: {"{"} name: synthetic {"}"}
            epochs: {o.Epochs}
            checkpoint_seconds: 0
            fixed:
              hidden: [256, 128]
              switch: {"{"} rule: epoch, epoch: {o.Epochs / 2} {"}"}
              optimizer: {"{"} learning_rate: 0.01, batch_size: 64 {"}"}
            factors:
              temperature: [0.5, 1.0, 2.0]
            seeds: {seeds}
            baselines: [relu]

            """;
    }

    private async Task<int> ExecuteAsync()
    {
        var faults = FaultSchedule.Draw(_o);
        _log.Plain($"chaos test: seed {_o.Seed}, {_o.Silos} silos, faults for {_o.Duration.TotalSeconds:0} s every {_o.MinGap.TotalSeconds:0}-{_o.MaxGap.TotalSeconds:0} s");
        _log.Plain($"sweep {_plan.SweepId}: {_plan.Runs.Count} runs ({_plan.CellCount} cells), {_o.Epochs} epochs each, synthetic data, checkpoint every epoch");
        _log.Plain("fault schedule (from the seed):");
        foreach (var f in faults) _log.Plain($"  #{f.Number,-2} at {f.At.TotalSeconds,5:0.0} s: {f.Describe()}");

        await _cluster.StartAsync();
        _log.Line($"Redis (password, append-only file) on {_cluster.Redis.ConnectionString} and {_cluster.SiloCount} silos up");
        var grains = await _cluster.CheckerAsync();
        LaunchClient();
        var clock = Stopwatch.StartNew();

        foreach (var fault in faults)
        {
            if (clock.Elapsed > _o.Duration) break;
            if (fault.Number == 1) await UntilClientConnectedAsync(clock);
            while (clock.Elapsed < fault.At)
            {
                await SuperviseAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, Math.Max(10, (fault.At - clock.Elapsed).TotalMilliseconds))));
            }
            var before = await TryAsync(() => grains.GetGrain<ISweepGrain>(_plan.SweepId).GetStatus(), TimeSpan.FromSeconds(30));
            await InjectAsync(fault, before);
            _faultCounts[fault.Kind] = _faultCounts.GetValueOrDefault(fault.Kind) + 1;
            await SettleAndCheckAsync(grains, $"after #{fault.Number}", before);
        }
        _log.Line($"faults over after {clock.Elapsed.TotalSeconds:0} s; waiting for the sweep to finish (within {_o.FinishBound.TotalSeconds:0} s)");
        var lastFault = Stopwatch.StartNew();
        await FinishAsync(grains);
        var finishedAfter = lastFault.Elapsed;
        return await FinalCheckAsync(grains, finishedAfter);
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
                var status = await grains.GetGrain<ISweepGrain>(_plan.SweepId).GetStatus();
                if (status.Total > 0)
                {
                    stuck = await Invariants.OnDeadSilosAsync(grains, status);
                    progressed |= status.IsFinished || before is not { Total: > 0 } || status.EpochsDone > before.EpochsDone;
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
        var result = await TryAsync(() => _invariants.CheckAsync(grains), TimeSpan.FromSeconds(60));
        if (result is null)
        {
            Violation($"{when}: the sweep could not be read for 60 s");
            return;
        }
        foreach (var v in result.Violations) Violation($"{when}: {v}");
        _log.Line($"   settled in {clock.Elapsed.TotalSeconds:0.0} s: {result.Counts}; " +
                  (result.Violations.Count == 0 ? "invariants hold" : $"{result.Violations.Count} VIOLATION(S)"));
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
                var status = await TryAsync(() => grains.GetGrain<ISweepGrain>(_plan.SweepId).GetStatus(), TimeSpan.FromSeconds(20));
                Violation($"the sweep and its client did not finish within {_o.FinishBound.TotalSeconds:0} s after the faults " +
                          $"({(status is null ? "unreadable" : new CheckResult(status, [], new Dictionary<string, RunRow>()).Counts)})");
                return;
            }
            await Task.Delay(500);
        }
    }

    private async Task<int> FinalCheckAsync(IGrainFactory grains, TimeSpan finishedAfter)
    {
        _log.Line($"the client finished {finishedAfter.TotalSeconds:0.0} s after the last fault; final checks");
        var result = await TryAsync(() => _invariants.CheckAsync(grains), TimeSpan.FromSeconds(60));
        var status = result?.Status;
        if (result is null) Violation("at the end: the sweep could not be read");
        else
        {
            foreach (var v in result.Violations) Violation($"at the end: {v}");
            if (status!.State != SweepState.Completed) Violation($"at the end: the sweep is {status.State}, not completed");
            if (status.Count(RunStatus.Done) != _plan.Runs.Count) Violation($"at the end: {status.Count(RunStatus.Done)} runs done of {_plan.Runs.Count}");
        }
        var export = ExportCheck.Check(Path.Combine(_cluster.ResultsDirectory, _plan.SweepId), _plan, out var exportSummary);
        foreach (var v in export) Violation($"tables: {v}");

        // A seeded sample, resumed runs first: trained again here without interruption, compared number for number.
        var sampled = new List<string>();
        int sameNumbers = 0, resumedSampled = 0;
        if (result is not null)
        {
            var random = new Random(_o.Seed);
            var done = result.Rows.Values.Where(r => r.Record is { Outcome.Status: RunStatus.Done }).OrderBy(r => r.Spec.Hash, StringComparer.Ordinal).ToList();
            var resumed = done.Where(r => r.Record!.Outcome.ResumedFromEpoch is not null).OrderBy(_ => random.Next()).ToList();
            var others = done.Except(resumed).OrderBy(_ => random.Next()).ToList();
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

        var rows = result?.Rows.Values.Where(r => r.Record is not null).ToList() ?? [];
        int resumedRuns = rows.Count(r => r.Record!.Outcome.ResumedFromEpoch is not null);
        int retried = rows.Count(r => r.View.Attempts > 1);
        string Count(FaultKind kind) => _faultCounts.GetValueOrDefault(kind).ToString(CultureInfo.InvariantCulture);

        _log.Plain("");
        _log.Plain($"== chaos result, seed {_o.Seed}: {(_violations.Count == 0 ? "PASS" : $"FAIL ({_violations.Count} violation(s))")} in {_log.Elapsed.TotalSeconds:0} s");
        _log.Plain($"faults: {_faultCounts.Values.Sum()} — {Count(FaultKind.KillSilo)} kill -9 of a silo, {Count(FaultKind.RestartSilo)} graceful silo restarts, " +
                   $"{Count(FaultKind.RestartRedis)} Redis kill -9 + restart, {Count(FaultKind.KillClient)} client kills; " +
                   $"the client was started {_clientLaunches} times ({_clientErrors} exit(s) with an error on its own)");
        _log.Plain($"sweep: {result?.Counts ?? "unreadable"}; {resumedRuns} run(s) resumed from a checkpoint, {retried} leased more than once");
        _log.Plain("invariants:");
        _log.Plain($"  {Mark(result is not null && result.Violations.Count == 0 && status!.Count(RunStatus.Done) == _plan.Runs.Count)} every planned run ended exactly once " +
                   "(done once, counted once in its cell summary, its record the end that was counted)");
        _log.Plain($"  {Mark(export.Count == 0)} no duplicates in the tables: {exportSummary}");
        _log.Plain($"  {Mark(!_violations.Any(v => v.Contains("stuck", StringComparison.Ordinal)))} nothing stuck: after each fault the cluster settled within " +
                   $"{(_settleSeconds.Count == 0 ? 0 : _settleSeconds.Max()):0.0} s (bound {_o.StuckBound.TotalSeconds:0} s); the sweep finished {finishedAfter.TotalSeconds:0} s after the faults");
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
            _clientFinished = true;
            _log.Line($"   the client finished: \"{client.LastLine}\"");
            return;
        }
        _clientErrors++;
        _log.Line($"   the client exited with {client.ExitCode}: \"{client.LastLine}\"; starting it again");
        _unplanned.Add($"the client exited with {client.ExitCode}: {client.LastLine}");
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
        var client = _cluster.LaunchClient();
        _clientLaunches++;
        _log.Line($"   client started: smartmixed sweep run {Path.GetFileName(_cluster.SpecPath)} (pid {client.Id})");
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
