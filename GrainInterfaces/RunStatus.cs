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
    /// <summary>Early stopping: the run reached a rung, saved its checkpoint and waits for its cell's decision (it holds no slot).</summary>
    Waiting = 5,
    /// <summary>Early stopping stopped its cell at a rung: its checkpoint is kept, and promoting the cell resumes it.</summary>
    Paused = 6,
}
