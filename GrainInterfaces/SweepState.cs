namespace SmartMixed.GrainInterfaces;

[GenerateSerializer, Alias("smartmixed.SweepState")]
public enum SweepState
{
    /// <summary>Never submitted.</summary>
    Unknown = 0,
    Active = 1,
    Completed = 2,
    Cancelled = 3,
}
