using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SmartMixed.Training.Config;

/// <summary>YAML syntax errors as "line L, column C: what", at the place of the problem rather than where YamlDotNet began scanning.</summary>
internal static class YamlErrors
{
    public static string Describe(YamlException e, string text)
    {
        var message = e.Message.TrimEnd('.');
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabInIndentation(text, e.Start.Line) is { } tab)
            return $"line {tab.Line}, column {tab.Column}: a tab in the indentation; YAML indents with spaces only";
        // "While scanning X, found Y": Y is at the end mark; the start mark is where X began.
        var at = e.End.Index > e.Start.Index ? e.End : e.Start;
        var began = at.Line != e.Start.Line ? $" (it began at line {e.Start.Line}, column {e.Start.Column})" : "";
        return $"line {at.Line}, column {at.Column}: {message}{began}";
    }

    /// <summary>For input YamlDotNet fails on without a position: the end of the last element it read.</summary>
    public static string Describe(ParsingEvent? last) =>
        last is null
            ? "not valid YAML or JSON"
            : $"line {last.End.Line}, column {last.End.Column}: not valid YAML or JSON after this point (an unclosed bracket, brace or quote?)";

    /// <summary>The first tab in the leading white space of a line, from line <paramref name="fromLine"/> on (1-based).</summary>
    internal static (int Line, int Column)? TabInIndentation(string text, long fromLine)
    {
        var lines = text.Split('\n');
        for (int i = (int)Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            for (int c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
                if (line[c] == '\t') return (i + 1, c + 1);
        }
        return null;
    }
}
