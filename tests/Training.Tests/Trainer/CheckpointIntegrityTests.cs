using SmartMixed.Training.Output;
using SmartMixed.Training.Tests.Data;
using SmartMixed.Training.Trainer;

namespace SmartMixed.Training.Tests.Trainer;

/// <summary>A checkpoint is resumed only when it is provably whole and unchanged; anything else is an error naming it.</summary>
public sealed class CheckpointIntegrityTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static byte[] Checkpoint(int epochs = 1)
    {
        using var data = TestRuns.SyntheticData();
        using var session = TrainingSession.Start(TestRuns.Small(), data);
        for (int i = 0; i < epochs; i++) session.RunEpoch();
        var bytes = new MemoryStream();
        session.SaveCheckpoint(bytes);
        return bytes.ToArray();
    }

    private static CorruptCheckpointException Refused(byte[] bytes)
    {
        using var data = TestRuns.SyntheticData();
        return Assert.Throws<CorruptCheckpointException>(() => TrainingSession.Resume(TestRuns.Small(), data, new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData(0.5)]   // the tensors
    [InlineData(0.02)]  // the header: hash and training state
    [InlineData(0.999)] // the optimiser's last moments
    public void Any_flipped_bytes_are_found(double where)
    {
        var bytes = Checkpoint();
        int at = (int)(bytes.Length * where) - 8;
        for (int i = 0; i < 16; i++) bytes[at + i] ^= 0xFF;

        Assert.Equal("the checkpoint is damaged: its SHA-256 does not match its contents (changed or corrupted after it was written)", Refused(bytes).Message);
    }

    [Fact]
    public void A_single_flipped_bit_is_found()
    {
        var bytes = Checkpoint();
        bytes[bytes.Length / 3] ^= 0x01;
        Assert.Contains("SHA-256 does not match", Refused(bytes).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(48)]
    [InlineData(1000)]
    public void A_truncated_checkpoint_is_found(int cut)
    {
        var bytes = Checkpoint();
        Assert.StartsWith("the checkpoint is truncated or was not completely written", Refused(bytes[..^cut]).Message);
    }

    [Fact]
    public void A_checkpoint_cut_off_while_being_written_never_verifies()
    {
        var bytes = Checkpoint();
        var unsealed = bytes[..^48]; // everything but the trailer: what a crash before Seal leaves
        Assert.StartsWith("the checkpoint is truncated", Refused(unsealed).Message);
    }

    [Fact]
    public void A_checkpoint_of_the_version_before_the_integrity_check_is_named_as_such()
    {
        var old = Checkpoint()[..^48];
        System.Text.Encoding.UTF8.GetBytes("SMARTMIXED-CHECKPOINT/1").CopyTo(old, 1);
        var refused = Refused(old);
        Assert.Equal("the checkpoint was written by an older version of smartmixed, without an integrity check, so it cannot be verified", refused.Message);
        Assert.True(refused.WrittenByOlderVersion);
        Assert.False(Refused(Checkpoint()[..^1]).WrittenByOlderVersion);
    }

    [Fact]
    public void Other_files_and_empty_ones_are_not_checkpoints()
    {
        Assert.Equal("the checkpoint is empty", Refused([]).Message);
        Assert.Equal("not a SmartMixed checkpoint (bad magic)", Refused("{\"epochs\": 3}"u8.ToArray()).Message);
    }

    [Fact]
    public void A_damaged_file_is_named_and_left_in_place()
    {
        var path = _directory.File("checkpoint.bin");
        var bytes = Checkpoint(epochs: 2);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        using var data = TestRuns.SyntheticData();

        var resume = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Resume(path, TestRuns.Small(), data));
        var inspect = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Inspect(path));

        Assert.StartsWith($"{path}: the checkpoint is damaged", resume.Message);
        Assert.Equal(path, resume.Location);
        Assert.Equal(resume.Message, inspect.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Inspect_tells_the_run_and_epoch_of_a_whole_checkpoint()
    {
        var path = _directory.File("checkpoint.bin");
        File.WriteAllBytes(path, Checkpoint(epochs: 2));
        Assert.Equal((SmartMixed.Training.Config.RunConfigHash.Of(TestRuns.Small()), 2), CheckpointFile.Inspect(path));
    }

    [Fact]
    public void Atomic_writes_leave_the_previous_file_when_a_write_fails()
    {
        var path = _directory.File("run.json");
        AtomicFile.WriteText(path, "first");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("disk went away");
        }));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(["run.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }
}
