using System.Globalization;
using CsvHelper;
using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// One CSV file written row by row (RFC 4180, invariant culture, values formatted by <see cref="CsvTable.Format"/>)
/// into a temporary file that replaces the target only on <see cref="Commit"/>: an export that fails half way leaves
/// the previous table, never half of one.
/// </summary>
public sealed class CsvStream : IDisposable
{
    private readonly AtomicFile.Pending _file;
    private readonly StreamWriter _writer;
    private readonly CsvWriter _csv;
    private readonly int _columns;
    private bool _closed;

    public CsvStream(string path, IReadOnlyList<string> header)
    {
        _file = AtomicFile.Create(path);
        _writer = new StreamWriter(_file.Stream, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        _csv = CsvWriter.Create(_writer, new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, true);
        _columns = header.Count;
        foreach (var name in header) _csv.WriteField(name);
        _csv.EndRecord();
    }

    public long Rows { get; private set; }

    public void Write(IReadOnlyList<object?> row)
    {
        if (row.Count != _columns) throw new InvalidOperationException($"a row has {row.Count} fields but the header {_columns}");
        foreach (var value in row) _csv.WriteField(CsvTable.Format(value));
        _csv.EndRecord();
        Rows++;
    }

    /// <summary>
    /// Field by field, without boxing (the hot path of curves.csv, millions of rows): a number as the shortest text that
    /// round-trips, as <see cref="CsvTable.Format"/> writes it; null or NaN empty. End each row with <see cref="EndRow"/>.
    /// </summary>
    public void Field(double? value)
    {
        if (value is double d && !double.IsNaN(d)) _csv.WriteField(d, "R");
        else _csv.WriteField(ReadOnlySpan<char>.Empty);
    }

    public void Field(long value) => _csv.WriteField(value, default);

    public void Field(string? value) => _csv.WriteField(value ?? "");

    public void EndRow()
    {
        _csv.EndRecord();
        Rows++;
    }

    public void Commit()
    {
        Close();
        _file.Commit();
    }

    public void Dispose()
    {
        Close();
        _file.Dispose(); // without a commit: the temporary file goes, the previous table stays
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        _csv.Dispose();
        _writer.Dispose(); // leaves the file open for the commit
    }
}
