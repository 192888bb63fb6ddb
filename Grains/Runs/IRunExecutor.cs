using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Runs;

/// <summary>
/// How a leased run ended, and whether trying again could help. <paramref name="Interrupted"/>: its silo is stopping,
/// so nothing ended: the run is leased again elsewhere and resumes from its checkpoint.
/// </summary>
public sealed record RunExecutionResult(RunRecord Record, bool Retryable, bool Interrupted = false);

/// <summary>
/// Executes one leased run on the calling (background) thread and reports progress after each epoch. The silo's
/// executor trains for real (<see cref="RunExecution"/>); the scale benchmark registers a simulated one to measure
/// the orchestration alone.
/// </summary>
public interface IRunExecutor
{
    RunExecutionResult Execute(RunLease lease, Guid slotTicket, string silo, Action<RunProgress> progress, CancellationToken cancellation);
}
