namespace SmartMixed.GrainInterfaces;

/// <summary>
/// Stored state was written in another layout than this version reads (an older version of SmartMixed.Sweep): it is
/// refused rather than misread.
/// </summary>
[GenerateSerializer, Alias("smartmixed.StoredStateLayoutException")]
public sealed class StoredStateLayoutException : Exception
{
    public StoredStateLayoutException(string message) : base(message) { }
}
