using Microsoft.Extensions.Options;
using SmartMixed.Grains.Hosting;

namespace SmartMixed.Grains.Scheduling;

/// <summary>
/// The silo's limit on concurrent trainings. The worker reserves a slot before it leases a run, the run grain
/// claims that reservation (or, if it was placed elsewhere, waits for a slot of its own silo), so the number of
/// trainings on a silo never exceeds <see cref="Capacity"/>. Reservations nobody claims expire.
/// </summary>
public sealed class TrainingSlots
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, DateTimeOffset> _reserved = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _reservationTimeout;
    private readonly SemaphoreSlim _freed = new(0);
    private int _running;
    private int _peak;

    public TrainingSlots(IOptions<SweepSiloOptions> options, TimeProvider time)
    {
        Capacity = options.Value.EffectiveSlots;
        _reservationTimeout = options.Value.SlotReservationTimeout;
        _time = time;
    }

    private readonly CancellationTokenSource _stopping = new();

    public int Capacity { get; }

    /// <summary>Cancelled when the silo stops: no training may outlive its silo, even one whose activation was not deactivated.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    /// <summary>Trainings running now.</summary>
    public int Running { get { lock (_gate) return _running; } }

    /// <summary>The most trainings ever running at once on this silo (for tests and status).</summary>
    public int Peak { get { lock (_gate) return _peak; } }

    public int Free
    {
        get { lock (_gate) { ExpireReservations(); return Capacity - _running - _reserved.Count; } }
    }

    /// <summary>Holds a slot for a run about to be leased; false when the silo is full.</summary>
    public bool TryReserve(out Guid ticket)
    {
        lock (_gate)
        {
            ExpireReservations();
            ticket = Guid.Empty;
            if (_running + _reserved.Count >= Capacity) return false;
            ticket = Guid.NewGuid();
            _reserved[ticket] = _time.GetUtcNow() + _reservationTimeout;
            return true;
        }
    }

    /// <summary>Gives a reservation back unused (no run was waiting).</summary>
    public void Unreserve(Guid ticket)
    {
        lock (_gate)
            if (_reserved.Remove(ticket)) Signal();
    }

    /// <summary>
    /// Takes a slot for a training: the reservation <paramref name="ticket"/> if this silo holds it, else the next
    /// free slot. The returned handle gives the slot back when disposed.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(Guid ticket, CancellationToken cancellation)
    {
        while (true)
        {
            lock (_gate)
            {
                ExpireReservations();
                if (_reserved.Remove(ticket) || _running + _reserved.Count < Capacity)
                {
                    _running++;
                    _peak = Math.Max(_peak, _running);
                    return new Slot(this);
                }
            }
            await _freed.WaitAsync(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when a slot may have become free (or after <paramref name="timeout"/>).</summary>
    public Task WaitForFreeSlotAsync(TimeSpan timeout, CancellationToken cancellation) => _freed.WaitAsync(timeout, cancellation);

    private void Release()
    {
        lock (_gate)
        {
            _running--;
            Signal();
        }
    }

    private void Signal()
    {
        if (_freed.CurrentCount == 0) _freed.Release();
    }

    private void ExpireReservations()
    {
        var now = _time.GetUtcNow();
        foreach (var (ticket, expiry) in _reserved.ToArray())
            if (expiry <= now) _reserved.Remove(ticket);
    }

    private sealed class Slot(TrainingSlots owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Release();
        }
    }
}
