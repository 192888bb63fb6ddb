namespace SmartMixed.Training.Config;

/// <summary>"Did you mean …?" for misspelt keys, flags and names (optimal string alignment distance).</summary>
public static class Spelling
{
    /// <summary>The option closest to <paramref name="word"/>, if one is close enough to be a likely typo.</summary>
    public static string? Closest(string word, IEnumerable<string> options)
    {
        var w = word.Trim().ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var option in options)
        {
            var o = option.ToLowerInvariant();
            var d = o.StartsWith(w, StringComparison.Ordinal) && w.Length >= 3 ? 1 : Distance(w, o);
            if (d < bestDistance && d <= Math.Clamp(option.Length / 3, 1, 3)) (best, bestDistance) = (option, d);
        }
        return best;
    }

    /// <summary><c> (did you mean 'x'?)</c>, or nothing.</summary>
    public static string Hint(string word, IEnumerable<string> options) =>
        Closest(word, options) is { } c ? $" (did you mean '{c}'?)" : "";

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
