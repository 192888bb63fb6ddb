using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartMixed.Training.Config;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// One checkpoint: a magic line, the config hash and the JSON training state, then the network's and the optimiser's
/// tensors as TorchSharp writes them (bit-exact), then a trailer sealing all of it: the length, the SHA-256 and an end
/// marker. A checkpoint is read only once the trailer proves it whole and unchanged, so a truncated, damaged or
/// half-written one is a <see cref="CorruptCheckpointException"/>, never a misread. The config hash guards against
/// resuming a run from another run's checkpoint.
/// </summary>
internal static class CheckpointFormat
{
    private const string Magic = "SMARTMIXED-CHECKPOINT/2";
    private const string UnsealedMagic = "SMARTMIXED-CHECKPOINT/1"; // before the trailer: cannot be verified
    private static readonly byte[] EndMarker = "SMCKEND2"u8.ToArray();
    private const int TrailerLength = 8 + 32 + 8; // length, SHA-256, end marker

    private static readonly JsonSerializerOptions StateJson = new(RunConfigJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static UTF8Encoding Encoding { get; } = new(false);

    /// <summary>A writer for a new checkpoint; it is valid only once <see cref="Seal"/> has written its trailer.</summary>
    public static BinaryWriter Writer(Stream destination) => new(new SealingStream(destination), Encoding, leaveOpen: false);

    /// <summary>Ends a checkpoint begun with <see cref="Writer"/>: flushes it and appends the length, SHA-256 and end marker.</summary>
    public static void Seal(BinaryWriter writer)
    {
        writer.Flush();
        ((SealingStream)writer.BaseStream).WriteTrailer();
    }

    /// <summary>
    /// Reads a whole checkpoint and checks its trailer; returns a reader over the verified content, or throws
    /// <see cref="CorruptCheckpointException"/> saying what is wrong.
    /// </summary>
    public static BinaryReader Reader(Stream source)
    {
        var bytes = ReadAll(source);
        if (bytes.Length == 0) throw new CorruptCheckpointException("the checkpoint is empty");
        if (StartsWith(bytes, UnsealedMagic))
            throw new CorruptCheckpointException("the checkpoint was written by an older version of smartmixed, without an integrity check, so it cannot be verified",
                writtenByOlderVersion: true);
        if (!StartsWith(bytes, Magic)) throw new CorruptCheckpointException("not a SmartMixed checkpoint (bad magic)");
        if (bytes.Length < TrailerLength || !bytes.AsSpan(bytes.Length - EndMarker.Length).SequenceEqual(EndMarker))
            throw new CorruptCheckpointException($"the checkpoint is truncated or was not completely written ({bytes.Length:N0} bytes, no end marker)");
        var trailer = bytes.AsSpan(bytes.Length - TrailerLength);
        long recorded = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        int content = bytes.Length - TrailerLength;
        if (recorded != content)
            throw new CorruptCheckpointException($"the checkpoint is damaged: it records {recorded:N0} bytes of content but holds {content:N0}");
        if (!SHA256.HashData(bytes.AsSpan(0, content)).AsSpan().SequenceEqual(trailer.Slice(8, 32)))
            throw new CorruptCheckpointException("the checkpoint is damaged: its SHA-256 does not match its contents (changed or corrupted after it was written)");
        return new BinaryReader(new MemoryStream(bytes, 0, content, writable: false), Encoding, leaveOpen: false);
    }

    public static void WriteHeader(BinaryWriter writer, string configHash, TrainingState state)
    {
        writer.Write(Magic);
        writer.Write(configHash);
        writer.Write(JsonSerializer.Serialize(state, StateJson));
    }

    public static TrainingState ReadHeader(BinaryReader reader, string expectedHash)
    {
        var (hash, state) = ReadHeader(reader);
        if (hash != expectedHash)
            throw new InvalidDataException($"the checkpoint belongs to run {hash}, not to run {expectedHash}");
        return state;
    }

    /// <summary>The run hash and training state of a verified checkpoint, whichever run it belongs to.</summary>
    public static (string Hash, TrainingState State) ReadHeader(BinaryReader reader)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new CorruptCheckpointException("not a SmartMixed checkpoint (bad magic)");
            var hash = reader.ReadString();
            var state = JsonSerializer.Deserialize<TrainingState>(reader.ReadString(), StateJson)
                        ?? throw new CorruptCheckpointException("the checkpoint has no training state");
            return (hash, state);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            // Sealed and verified, yet unreadable: written by a different format of the same version number.
            throw new CorruptCheckpointException($"the checkpoint's header cannot be read: {e.Message}", e);
        }
    }

    private static byte[] ReadAll(Stream source)
    {
        try
        {
            if (source.CanSeek && source.Length - source.Position > Array.MaxLength)
                throw new CorruptCheckpointException($"the checkpoint is {source.Length:N0} bytes, larger than any checkpoint this version writes");
            if (source is MemoryStream memory && source.Position == 0) return memory.ToArray();
            using var copy = new MemoryStream();
            source.CopyTo(copy);
            return copy.ToArray();
        }
        catch (IOException e)
        {
            throw new CorruptCheckpointException($"the checkpoint cannot be read: {e.Message}", e);
        }
    }

    private static bool StartsWith(byte[] bytes, string magic)
    {
        // BinaryWriter.Write(string): a 7-bit-encoded length (one byte here) and the UTF-8 bytes.
        var expected = Encoding.GetBytes(magic);
        return bytes.Length > expected.Length && bytes[0] == expected.Length && bytes.AsSpan(1, expected.Length).SequenceEqual(expected);
    }

    /// <summary>Passes writes through to the destination while hashing and counting them, for the trailer.</summary>
    private sealed class SealingStream(Stream destination) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public void WriteTrailer()
        {
            Span<byte> trailer = stackalloc byte[TrailerLength];
            BinaryPrimitives.WriteInt64LittleEndian(trailer, _length);
            _hash.GetHashAndReset().CopyTo(trailer[8..]);
            EndMarker.CopyTo(trailer[40..]);
            destination.Write(trailer);
            destination.Flush();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            destination.Write(buffer);
        }

        public override void Flush() => destination.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
