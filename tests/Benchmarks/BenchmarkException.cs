namespace SmartMixed.Benchmarks;

/// <summary>A benchmark that cannot run as asked (bad option, missing data or interpreter).</summary>
public sealed class BenchmarkException(string message) : Exception(message);
