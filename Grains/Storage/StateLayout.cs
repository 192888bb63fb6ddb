using System.Text.Json;
using Orleans.Storage;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Storage;

/// <summary>
/// Every state this version stores carries <c>"Layout": <see cref="Current"/></c> as its first property. Layout 1 was
/// the first release's (whole sweeps in one state, records with their curves in the aggregator); reading it as this
/// layout would silently misread it, so stored state of any other layout is refused with a message saying so.
/// </summary>
public static class StateLayout
{
    public const int Current = 2;

    public static StoredStateLayoutException Refused(int? stored) => new(
        $"the stored sweep state was written by {(stored is { } s ? $"layout {s}" : "an older version of SmartMixed.Sweep (layout 1)")}, " +
        $"and this version reads layout {Current}; it is not read, to avoid misreading it. Export its tables with the version " +
        "that ran it, or give this version a new data directory (or Redis database).");

    /// <summary>The layout a stored JSON state declares at its top level, or null when it declares none.</summary>
    public static int? Of(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isLayout = reader.ValueTextEquals("Layout"u8) || reader.ValueTextEquals("layout"u8);
            if (!reader.Read()) return null;
            if (isLayout) return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
            reader.Skip();
        }
        return null;
    }
}

/// <summary>Stores states as the inner serializer does, and refuses to read a state of another layout.</summary>
public sealed class LayoutCheckingSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => inner.Serialize(input);

    public T Deserialize<T>(BinaryData input)
    {
        var layout = StateLayout.Of(input.ToMemory().Span);
        if (layout != StateLayout.Current) throw StateLayout.Refused(layout);
        return inner.Deserialize<T>(input)!;
    }
}
