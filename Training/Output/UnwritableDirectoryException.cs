namespace SmartMixed.Training.Output;

/// <summary>A directory that work would be written into cannot be created or written; found before the work starts.</summary>
public sealed class UnwritableDirectoryException(string message, Exception? inner = null) : IOException(message, inner);
