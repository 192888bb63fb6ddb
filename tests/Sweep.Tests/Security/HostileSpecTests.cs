using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmartMixed.Client.Sweeps;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Checkpoints;
using SmartMixed.Grains.Hosting;
using SmartMixed.Sweep.Tests.Cluster;
using SmartMixed.Sweep.Tests.CommandLine;
using SmartMixed.Training.Config;
using SmartMixed.Training.Data;
using Xunit.Abstractions;

namespace SmartMixed.Sweep.Tests.Security;

/// <summary>
/// A spec can never make a silo (or the client) read or write outside its data directory. What in a spec reaches a
/// path: the sweep id (checkpoint keys and folders, export folders), the run hashes (grain keys, checkpoint files) and
/// the data set name (the data-set cache). Hostile values of each — "..", absolute paths, encoded and back-slashed
/// separators — go through the real submission paths: the command line with its own silo, and the grains themselves
/// (a client that skips validation). Every test then checks that nothing appeared outside the data and output folders.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class HostileSpecTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("smartmixed-hostile-");

    private string Data => Path.Combine(_root.FullName, "work", "data");
    private string Out => Path.Combine(_root.FullName, "work", "out");
    private string Outside => Path.Combine(_root.FullName, "outside");

    public static TheoryData<string, string> HostileSpecs => new()
    {
        { "name: ../../outside/escape", "name" },
        { $"name: {Path.GetTempPath()}escape", "name" },
        { "name: a/../../outside", "name" },
        { "name: ..", "name" },
        { "name: '%2e%2e%2foutside'", "name" },
        { "name: '..\\\\outside'", "name" },
        { "name: escape\u2215..", "name" },
        { "name: ok\ndata: { name: ../../../outside/data }", "data.name" },
        { "name: ok\ndata: { name: /etc/passwd }", "data.name" },
    };

    [Theory]
    [MemberData(nameof(HostileSpecs))]
    public void The_command_line_refuses_a_hostile_spec_before_anything_is_written(string hostile, string field)
    {
        Directory.CreateDirectory(Outside);
        var spec = Path.Combine(_root.FullName, "spec.yaml");
        var text = hostile + (hostile.Contains("data:") ? "" : "\ndata: { name: synthetic }") + "\nepochs: 2\nfixed: { hidden: [8], switch: { rule: epoch, epoch: 1 } }\nseeds: 1\n";
        File.WriteAllText(spec, text);

        var (code, message) = ConsoleCapture.Run(["sweep", "run", spec, "--data-dir", Data, "--out", Out, "--slots", "1"]);
        output.WriteLine(message);
        Assert.Equal(2, code);
        Assert.Contains(field, message);
        AssertNothingOutside(allowedInside: false);
    }

    [Fact]
    public void A_spec_file_named_to_escape_is_refused_too()
    {
        var spec = Path.Combine(_root.FullName, "...yaml"); // no name: the sweep id would be ".."
        File.WriteAllText(spec, "data: { name: synthetic }\nepochs: 2\nfixed: { hidden: [8], switch: { rule: epoch, epoch: 1 } }\nseeds: 1\n");
        var (code, message) = ConsoleCapture.Run(["sweep", "run", spec, "--data-dir", Data, "--out", Out]);
        output.WriteLine(message);
        Assert.Equal(2, code);
        Assert.Contains("name", message);
        AssertNothingOutside(allowedInside: false);
    }

    [Fact]
    public async Task Hostile_ids_hashes_and_data_sets_sent_straight_to_the_grains_never_leave_the_data_directory()
    {
        Directory.CreateDirectory(Outside);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(new SweepSiloOptions
        {
            Storage = "sqlite", Checkpoints = "directory", Slots = 1, DataDirectory = Data,
            PollInterval = TimeSpan.FromMilliseconds(100), WatchdogInterval = TimeSpan.FromSeconds(1),
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var grains = cluster.Client;
        var good = TestSweeps.Spec(TestSweeps.Tiny(1));
        var settings = new SweepSubmission("hostile", "(a client that skips validation)", TestSweeps.EveryEpoch);

        // Sweep ids that are paths: refused by the submitter, and by the sweep grain itself when called directly.
        foreach (var id in new[] { "../../outside/escape", Path.Combine(Outside, "abs"), "..", "a\\..\\b", "%2e%2e%2f" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => SweepSubmitter.SubmitAsync(grains, id, settings, [good]));
            var e = await Assert.ThrowsAsync<ArgumentException>(() => grains.GetGrain<ISweepGrain>(id).BeginSubmit(settings));
            Assert.Contains("is not a sweep id", e.Message);
        }

        // Run hashes that are paths (relative, absolute): the shard refuses them, so they never name a grain or a file.
        foreach (var hash in new[] { "../../../outside/evil", Path.Combine(Outside, "abs"), "0123456789abcdef/../../x" })
        {
            var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => SweepSubmitter.SubmitAsync(grains, "hostile-hash", settings, [good with { Hash = hash }]));
            Assert.Contains("is not a run hash", e.Message);
        }

        // A data set name that is a path: the run fails for good with the catalog's names; nothing is read or written.
        var config = TestSweeps.Tiny(2) with { Data = new DataSpec("../../../outside/data") };
        var spec = TestSweeps.Spec(config) with { ConfigJson = RunConfigJson.Serialize(config) };
        await SweepSubmitter.SubmitAsync(grains, "hostile-data", settings, [spec, good]);
        var status = await TestSweeps.WaitUntilFinished(grains, "hostile-data", TimeSpan.FromMinutes(2));
        Assert.Equal(1, status.Count(RunStatus.Failed));
        Assert.Equal(1, status.Count(RunStatus.Done));
        var failed = (await TestSweeps.Runs(grains, "hostile-data")).Single(r => r.Status == RunStatus.Failed);
        output.WriteLine(failed.FailureReason);
        Assert.Contains("synthetic", failed.FailureReason); // the catalog's names, not a file that was looked for

        AssertNothingOutside(allowedInside: true);
        Assert.True(File.Exists(Path.Combine(Data, "sweeps.db")), "the store is where it belongs");
    }

    [Theory]
    [InlineData("sweep/../../../outside/x")]
    [InlineData("/tmp/x/0123456789abcdef")]
    [InlineData("sweep/0123456789abcdef/../../../x")]
    [InlineData("sweep\\..\\..\\x/0123456789abcdef")]
    [InlineData("..%2f..%2foutside/0123456789abcdef")]
    [InlineData("sweep/0123456789ABCDEF")]
    public void The_checkpoint_store_refuses_any_key_that_is_not_a_sweep_id_and_a_run_hash(string key)
    {
        Directory.CreateDirectory(Outside);
        var store = new DirectoryCheckpointStore(Path.Combine(Data, "checkpoints"));
        Assert.Throws<ArgumentException>(() => store.Save(key, s => s.WriteByte(1)));
        Assert.Throws<ArgumentException>(() => store.Open(key));
        Assert.Throws<ArgumentException>(() => store.Delete(key));
        Assert.Throws<ArgumentException>(() => SweepExport.TargetDirectory(Out, key));
        AssertNothingOutside(allowedInside: false);
    }

    /// <summary>Only the work folder (data and output) may hold anything; "outside" stays empty.</summary>
    private void AssertNothingOutside(bool allowedInside)
    {
        var written = Directory.EnumerateFileSystemEntries(_root.FullName, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_root.FullName, p))
            .Where(p => p != "spec.yaml" && p != "...yaml" && p != "outside")
            .ToList();
        var escaped = written.Where(p => !p.StartsWith("work" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && p != "work").ToList();
        Assert.True(escaped.Count == 0, "written outside the data and output folders: " + string.Join(", ", escaped));
        if (!allowedInside) Assert.True(written.Count == 0, "nothing should have been written at all: " + string.Join(", ", written));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "escape")));
    }

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }
}
