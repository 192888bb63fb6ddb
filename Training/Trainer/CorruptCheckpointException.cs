namespace SmartMixed.Training.Trainer;

/// <summary>
/// A checkpoint that cannot be trusted: truncated, damaged, half-written, not a checkpoint, or written by an older
/// version without an integrity check. It must never be resumed from (that would continue from wrong numbers) and never
/// deleted on the reader's initiative (it is someone's work): report it, naming <see cref="Location"/>. An
/// <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed), so a catch of InvalidDataException does not
/// swallow it by accident.
/// </summary>
public sealed class CorruptCheckpointException : IOException
{
    public CorruptCheckpointException(string problem, Exception? inner = null, bool writtenByOlderVersion = false)
        : base(problem, inner) => (Problem, WrittenByOlderVersion) = (problem, writtenByOlderVersion);

    private CorruptCheckpointException(string location, string problem, Exception? inner, bool writtenByOlderVersion)
        : base($"{location}: {problem}", inner) => (Location, Problem, WrittenByOlderVersion) = (location, problem, writtenByOlderVersion);

    /// <summary>The file or store key the checkpoint came from, when known.</summary>
    public string? Location { get; }

    /// <summary>What is wrong with it, without the source.</summary>
    public string Problem { get; }

    /// <summary>
    /// True for an intact checkpoint of the format before the integrity check (it cannot be verified); false for one
    /// that is damaged, truncated or not a checkpoint. A caller may choose to start such a run over, saying so.
    /// </summary>
    public bool WrittenByOlderVersion { get; }

    /// <summary>The same problem, naming where the checkpoint came from.</summary>
    public CorruptCheckpointException At(string location) => new(location, Problem, InnerException, WrittenByOlderVersion);
}
