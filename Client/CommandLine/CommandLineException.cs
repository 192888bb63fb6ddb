namespace SmartMixed.Client.CommandLine;

/// <summary>A command line that cannot run as written (an unknown flag, a missing value, a stray argument): exit code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
