using System.Text;
using Microsoft.Data.Sqlite;
using Orleans.TestingHost;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Hosting;
using SmartMixed.Grains.Storage;

namespace SmartMixed.Sweep.Tests.Storage;

public sealed class StateLayoutTests
{
    [Theory]
    [InlineData("""{"Layout":2,"State":1}""", 2)]
    [InlineData("""{"State":1,"Runs":[{"Layout":2}],"Layout":7}""", 7)]
    [InlineData("""{"State":1,"Runs":[{"Layout":2}]}""", null)] // the first release's sweep state: no layout of its own
    [InlineData("""[1,2]""", null)]
    [InlineData("""{"Layout":"2"}""", null)]
    public void The_layout_is_read_from_the_top_level_only(string json, int? expected) =>
        Assert.Equal(expected, StateLayout.Of(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public async Task A_sweep_stored_by_the_first_release_is_refused_with_a_message_never_misread()
    {
        var data = Directory.CreateTempSubdirectory("smartmixed-layout-");
        try
        {
            // A silo of this version creates the store; then a sweep state as the first release wrote it appears in it.
            var builder = new InProcessTestClusterBuilder(1);
            builder.Options.ConfigureFileLogging = false;
            builder.ConfigureSilo((_, silo) => silo.AddSmartMixedSweeps(new SweepSiloOptions { Storage = "sqlite", DataDirectory = data.FullName, Train = false }));
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            await cluster.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List(); // the store exists now
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.FullName, "sweeps.db")}"))
            {
                await connection.OpenAsync();
                var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO grain_state (grain_id, state_name, etag, data, updated_at) VALUES ($id, 'sweep', 'old', $data, '2026-11-01')";
                insert.Parameters.AddWithValue("$id", "smartmixed-sweep/quick");
                insert.Parameters.AddWithValue("$data", Encoding.UTF8.GetBytes(
                    """{"State":1,"Description":"old","NextLeaseId":3,"Runs":[{"Spec":{"Hash":"0123456789abcdef","ConfigJson":"{}","CellKey":"c","IsBaseline":false,"Factors":[]},"Status":2}]}"""));
                await insert.ExecuteNonQueryAsync();
            }

            var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<ISweepGrain>("quick").GetStatus());
            var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
            Assert.Contains("layout 1", messages);
            Assert.Contains($"this version reads layout {StateLayout.Current}", messages);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
    }
}
