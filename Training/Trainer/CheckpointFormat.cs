using System.Text;
using System.Text.Json;
using SmartMixed.Training.Config;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// One checkpoint file: a magic line, the config hash and the JSON training state, then the network's and the
/// optimiser's tensors as TorchSharp writes them (bit-exact). The config hash guards against resuming a run
/// from another run's checkpoint.
/// </summary>
internal static class CheckpointFormat
{
    private const string Magic = "SMARTMIXED-CHECKPOINT/1";

    private static readonly JsonSerializerOptions StateJson = new(RunConfigJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteHeader(BinaryWriter writer, string configHash, TrainingState state)
    {
        writer.Write(Magic);
        writer.Write(configHash);
        writer.Write(JsonSerializer.Serialize(state, StateJson));
    }

    public static TrainingState ReadHeader(BinaryReader reader, string expectedHash)
    {
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { throw new InvalidDataException("the checkpoint is empty or truncated", e); }
        if (magic != Magic) throw new InvalidDataException("not a SmartMixed checkpoint (bad magic)");
        var hash = reader.ReadString();
        if (hash != expectedHash)
            throw new InvalidDataException($"the checkpoint belongs to run {hash}, not to run {expectedHash}");
        return JsonSerializer.Deserialize<TrainingState>(reader.ReadString(), StateJson)
               ?? throw new InvalidDataException("the checkpoint has no training state");
    }

    public static UTF8Encoding Encoding { get; } = new(false);
}
