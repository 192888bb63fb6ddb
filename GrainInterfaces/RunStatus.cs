namespace SmartMixed.GrainInterfaces;

/// <summary>Where a run of a sweep stands.</summary>
[GenerateSerializer, Alias("smartmixed.RunStatus")]
public enum RunStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
    Cancelled = 4,
}
