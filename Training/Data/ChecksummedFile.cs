namespace SmartMixed.Training.Data;

/// <summary>
/// A file of a published data set and its two SHA-256 values: of the file as downloaded (a .gz), and of the
/// decompressed IDX content, which stays the same when someone re-compresses the file (Debian does).
/// </summary>
public sealed record ChecksummedFile(string FileName, string DownloadSha256, string ContentSha256);
