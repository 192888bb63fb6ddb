using SmartMixed.Training.Output;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// One CSV table: a header and rows of raw values (string, bool, int, long, double, null) in header order. Write it
/// with <see cref="CsvTable"/>: invariant culture, doubles round-trip ("R"), null and NaN empty, RFC 4180 quoting.
/// </summary>
public sealed record SweepTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>Index of a column by exact name; −1 if absent.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], column, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>The raw value of a column in a row; throws if the column is absent.</summary>
    public object? Value(int row, string column)
    {
        var index = IndexOf(column);
        if (index < 0) throw new ArgumentException($"no column '{column}'", nameof(column));
        return Rows[row][index];
    }

    /// <summary>The value as it appears in the CSV.</summary>
    public string Text(int row, string column) => CsvTable.Format(Value(row, column));

    /// <summary>Writes the table to <paramref name="path"/>, replacing a previous file only once the new one is complete.</summary>
    public void Write(string path)
    {
        using var file = new CsvStream(path, Header);
        foreach (var row in Rows) file.Write(row);
        file.Commit();
    }
}
