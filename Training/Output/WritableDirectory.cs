namespace SmartMixed.Training.Output;

/// <summary>
/// Checks, before any work starts, that a directory can be created (where missing) and written into, so that an
/// unwritable <c>--out</c> or cache is found in a second rather than after hours of training. Creates nothing: the
/// probe is a file that deletes itself, in the directory or its nearest existing parent.
/// </summary>
public static class WritableDirectory
{
    /// <summary>
    /// Throws <see cref="UnwritableDirectoryException"/> naming <paramref name="what"/> (e.g. <c>--out</c>, <c>the data
    /// cache</c>) and <paramref name="path"/> when the directory cannot be used; <paramref name="hint"/> says what to do.
    /// </summary>
    public static void Check(string path, string what, string? hint = null)
    {
        string Fail(string problem) => $"{what} {path} {problem}{(hint is null ? "" : $"; {hint}")}";

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UnwritableDirectoryException(Fail("is not a valid path"), e);
        }
        if (File.Exists(full)) throw new UnwritableDirectoryException(Fail("is a file, not a directory"));

        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new UnwritableDirectoryException(Fail($"cannot be created: {existing} is a file, not a directory"));
            existing = Path.GetDirectoryName(existing) ?? throw new UnwritableDirectoryException(Fail("has no existing parent directory"));
        }

        var probe = Path.Combine(existing, $".smartmixed-write-check-{Guid.NewGuid():N}");
        try
        {
            using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            file.WriteByte(0);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnwritableDirectoryException(Fail(existing == full ? "is not writable (permission denied)" : $"cannot be created: {existing} is not writable (permission denied)"), e);
        }
        catch (IOException e)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException
                ? "files cannot be created there"
                : e.Message.Replace($" : '{probe}'", "").Replace($"'{probe}'", existing).TrimEnd('.');
            throw new UnwritableDirectoryException(Fail(existing == full ? $"is not writable ({reason})" : $"cannot be created: {existing} is not writable ({reason})"), e);
        }
    }
}
