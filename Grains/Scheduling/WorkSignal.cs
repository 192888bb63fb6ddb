namespace SmartMixed.Grains.Scheduling;

/// <summary>
/// Wakes this silo's idle training worker when a sweep grain on this silo has runs to lease (a submission, a retry,
/// a promotion), so a sweep on a laptop starts at once instead of at the worker's next poll. Workers of other silos
/// still find the work at their next poll: the signal only shortens a wait, it is never needed for progress.
/// </summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            if (_raised.CurrentCount == 0) _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // raised twice at once: once is enough
        }
    }

    /// <summary>Waits until the signal is raised (true) or <paramref name="timeout"/> has passed (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => _raised.WaitAsync(timeout, cancellation);
}
