using System.Globalization;
using CsvHelper;

namespace SmartMixed.Training.Output;

/// <summary>RFC 4180 CSV in the invariant culture with an explicit, stable column order.</summary>
public static class CsvTable
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(writer, header, rows);
    }

    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var options = new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvWriter.Create(writer, options, true);
        foreach (var name in header) csv.WriteField(name);
        csv.EndRecord();
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new InvalidOperationException($"a row has {row.Count} fields but the header {header.Count}");
            foreach (var value in row) csv.WriteField(Format(value));
            csv.EndRecord();
        }
    }

    /// <summary>Numbers round-trip ("R"), booleans lower-case, null empty.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => double.IsNaN(d) ? "" : d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
