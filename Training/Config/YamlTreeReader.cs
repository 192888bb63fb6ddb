using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SmartMixed.Training.Config;

/// <summary>
/// Turns YAML (and so JSON, a subset of it) into a JSON tree straight from the parser's events, with bounded
/// memory on any input: nesting deeper than <see cref="MaxDepth"/>, or more than <see cref="MaxValues"/> values or
/// <see cref="MaxTextLength"/> characters of scalars once aliases are expanded (an "alias bomb"), is an error at the
/// line where it happens. No recursion, so deep nesting cannot overflow the stack.
/// </summary>
internal sealed class YamlTreeReader
{
    /// <summary>Deepest nesting of mappings and lists; run configs and specs need fewer than ten levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values (scalars, mappings, lists) in a document, counting each expansion of an alias.</summary>
    public const int MaxValues = 100_000;

    /// <summary>Most characters of keys and scalars in a document, counting each expansion of an alias.</summary>
    public const long MaxTextLength = 4_000_000;

    private readonly Parser _parser;
    private readonly string _text;
    private readonly string _sourceName;
    private readonly Dictionary<string, (JsonNode? Value, int Values, long Text)> _anchors = new(StringComparer.Ordinal);
    private ParsingEvent? _last;
    private int _values;
    private long _textLength;

    private YamlTreeReader(string text, string sourceName)
    {
        _parser = new Parser(new StringReader(text));
        _text = text;
        _sourceName = sourceName;
    }

    /// <summary>The one document of <paramref name="text"/> as a JSON tree (null for a document that is only <c>null</c>).</summary>
    public static JsonNode? Read(string text, string sourceName) => new YamlTreeReader(text, sourceName).ReadStream();

    private JsonNode? ReadStream()
    {
        Next(); // stream start
        if (Next() is StreamEnd) throw new ConfigException("", $"{_sourceName} is empty");
        var root = ReadDocument();
        Next(); // document end
        if (Next() is DocumentStart second)
            throw new ConfigException("", $"{_sourceName}: line {second.Start.Line}: a second YAML document starts here; one is expected");
        return root;
    }

    /// <summary>The parser's next event; its syntax errors become problems at their line and column.</summary>
    private ParsingEvent Next()
    {
        try
        {
            if (!_parser.MoveNext()) throw new ConfigException("", $"{_sourceName} ends unexpectedly");
        }
        catch (YamlException e)
        {
            throw new ConfigException("", $"{_sourceName}: {YamlErrors.Describe(e, _text)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails on some malformed input with an exception about its own state (e.g. an unclosed '[').
            throw new ConfigException("", $"{_sourceName}: {YamlErrors.Describe(_last)}");
        }
        return _last = _parser.Current!;
    }

    private JsonNode? ReadDocument()
    {
        var open = new Stack<Frame>();
        while (true)
        {
            var e = Next();
            JsonNode? value;
            int values;
            long text;
            switch (e)
            {
                case MappingStart or SequenceStart:
                {
                    if (open.Count >= MaxDepth)
                        throw At(e.Start, $"nested more than {MaxDepth} levels deep");
                    var start = (NodeEvent)e;
                    open.Push(new Frame(start is MappingStart ? new JsonObject() : new JsonArray(), start.Anchor, _values, _textLength));
                    Count(1, 0, e.Start);
                    continue;
                }
                case MappingEnd or SequenceEnd:
                {
                    var frame = open.Pop();
                    if (frame.Key is not null) throw At(e.Start, $"the key '{frame.Key}' has no value");
                    (value, values, text) = (frame.Node, _values - frame.ValuesBefore, _textLength - frame.TextBefore);
                    Remember(frame.Anchor, value, values, text);
                    break;
                }
                case Scalar scalar:
                {
                    if (open.TryPeek(out var parent) && parent.ExpectsKey)
                    {
                        AddKey(parent, scalar);
                        continue;
                    }
                    value = ConfigDocument.ConvertScalar(scalar);
                    (values, text) = (1, scalar.Value.Length);
                    Count(values, text, scalar.Start);
                    Remember(scalar.Anchor, value, values, text);
                    break;
                }
                case AnchorAlias alias:
                {
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw At(alias.Start, $"the alias *{alias.Value.Value} refers to no anchor &{alias.Value.Value} before it");
                    if (open.TryPeek(out var parent) && parent.ExpectsKey)
                        throw At(alias.Start, "a key must be a plain name, not an alias");
                    (values, text) = (anchored.Values, anchored.Text);
                    Count(values, text, alias.Start);
                    value = anchored.Value?.DeepClone();
                    break;
                }
                default:
                    throw At(e.Start, $"unexpected YAML element {e.GetType().Name}");
            }

            if (!open.TryPeek(out var container)) return value;
            container.Add(value, e.Start, this);
        }
    }

    private void AddKey(Frame mapping, Scalar key)
    {
        var name = key.Value;
        if (((JsonObject)mapping.Node).ContainsKey(name))
            throw At(key.Start, $"the key '{name}' appears twice");
        Count(1, name.Length, key.Start);
        Remember(key.Anchor, JsonValue.Create(name), 1, name.Length);
        mapping.Key = name;
    }

    private void Remember(AnchorName anchor, JsonNode? value, int values, long text)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = (value, values, text);
    }

    private void Count(int values, long text, Mark at)
    {
        _values += values;
        _textLength += text;
        if (_values > MaxValues)
            throw At(at, $"holds more than {MaxValues:N0} values once its aliases are expanded; a config or spec needs far fewer (aliases nested to blow up?)");
        if (_textLength > MaxTextLength)
            throw At(at, $"holds more than {MaxTextLength:N0} characters of text once its aliases are expanded; a config or spec needs far fewer");
    }

    private ConfigException At(Mark mark, string message) =>
        new("", $"{_sourceName}: line {mark.Line}, column {mark.Column}: {message}");

    /// <summary>An open mapping or list: for a mapping, whether the next scalar is a key or that key's value.</summary>
    private sealed class Frame(JsonNode node, AnchorName anchor, int valuesBefore, long textBefore)
    {
        public JsonNode Node { get; } = node;
        public AnchorName Anchor { get; } = anchor;
        public int ValuesBefore { get; } = valuesBefore;
        public long TextBefore { get; } = textBefore;
        public string? Key { get; set; }

        public bool ExpectsKey => Node is JsonObject && Key is null;

        public void Add(JsonNode? value, Mark at, YamlTreeReader reader)
        {
            switch (Node)
            {
                case JsonArray list:
                    list.Add(value);
                    break;
                case JsonObject mapping when Key is not null:
                    mapping[Key] = value;
                    Key = null;
                    break;
                default:
                    throw reader.At(at, "a key must be a plain name, not a mapping or a list");
            }
        }
    }
}
