namespace SmartMixed.Grains;

/// <summary>The grain storage provider every sweep grain persists through (SQLite, Redis or memory, by configuration).</summary>
public static class StorageNames
{
    public const string Sweeps = "smartmixed";
}
