using System.Globalization;
using SmartMixed.Training.Config;

namespace SmartMixed.Client.Commands;

/// <summary>
/// Reads the values of text flags as numbers, adding a problem in plain words for each bad one (<c>--epochs: 'abc' is
/// not a whole number</c>) instead of stopping at the first; <c>nan</c> and <c>inf</c> are not numbers here.
/// </summary>
public sealed class FlagValues(List<ConfigProblem> problems)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public int? Int(string flag, string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, Inv, out var value)) return value;
        problems.Add(new ConfigProblem(flag, long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, Inv, out _)
            ? $"'{text}' is too large for a whole number here"
            : $"'{text}' is not a whole number"));
        return null;
    }

    public double? Number(string flag, string? text)
    {
        if (text is null) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, Inv, out var value))
        {
            if (double.IsFinite(value)) return value;
            problems.Add(new ConfigProblem(flag, $"'{text}' is not a finite number"));
            return null;
        }
        var word = text.Trim().TrimStart('+', '-').ToLowerInvariant();
        problems.Add(new ConfigProblem(flag, word is "inf" or "infinity" or "nan" or "∞" ? $"'{text}' is not a finite number" : $"'{text}' is not a number"));
        return null;
    }

    /// <summary>A number, or <c>none</c> (null); <paramref name="given"/> says whether there was a usable value.</summary>
    public double? NumberOrNone(string flag, string? text, out bool given)
    {
        given = false;
        if (text is null) return null;
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            given = true;
            return null;
        }
        int before = problems.Count;
        var value = Number(flag, text);
        if (problems.Count > before) problems[^1] = problems[^1] with { Message = problems[^1].Message + " (or 'none')" };
        given = value is not null;
        return value;
    }

    /// <summary>A comma-separated list of whole numbers (e.g. <c>512,256,128</c>); every bad item is reported.</summary>
    public int[]? Ints(string flag, string? text, string example)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        bool ok = true;
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, Inv, out values[i]))
            {
                problems.Add(new ConfigProblem(flag, parts[i].Length == 0
                    ? $"an empty item in '{text}' (expected e.g. {example})"
                    : $"'{parts[i]}' is not a whole number (expected e.g. {example})"));
                ok = false;
            }
        return ok ? values : null;
    }

    /// <summary>A comma-separated list of names; an empty item is a problem, not silently dropped.</summary>
    public string[]? Names(string flag, string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
        {
            problems.Add(new ConfigProblem(flag, $"an empty name in '{text}'"));
            return null;
        }
        return parts;
    }
}
