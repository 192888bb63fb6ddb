namespace SmartMixed.GrainInterfaces;

/// <summary>
/// One sweep (key: sweep id): its runs and their states. Hands runs out to silos with free capacity, takes their
/// progress and ends, supports cancel. Submitting again adds only runs it does not have.
/// </summary>
[Alias("smartmixed.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<SweepStatus> Submit(SweepSubmission submission);

    [Alias("GetStatus"), AlwaysInterleave]
    Task<SweepStatus> GetStatus();

    /// <summary>Queued runs never start; running ones stop at their next batch.</summary>
    [Alias("Cancel")]
    Task<SweepStatus> Cancel();

    /// <summary>The next queued run for <paramref name="silo"/>, or null when none is waiting.</summary>
    [Alias("LeaseNext")]
    Task<RunLease?> LeaseNext(string silo);

    [Alias("ReportProgress"), OneWay]
    Task ReportProgress(RunProgress progress);

    /// <summary>A run ended (done, failed or cancelled); its record is durable in the aggregator when this returns.</summary>
    [Alias("ReportEnded")]
    Task ReportEnded(long leaseId, RunRecord record, bool retryable);
}
