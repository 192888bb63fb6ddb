using SmartMixed.Grains.Hosting;

namespace SmartMixed.Sweep.Tests.Storage;

public sealed class LocalStoreLockTests
{
    [Fact]
    public void A_local_store_has_one_holder_at_a_time_and_says_who_it_is()
    {
        var data = Directory.CreateTempSubdirectory("smartmixed-lock-");
        try
        {
            using (var first = LocalStoreLock.TryAcquire(data.FullName, out var none))
            {
                Assert.NotNull(first);
                Assert.Null(none);
                first.Publish(30123, "sweep run quick");

                Assert.Null(LocalStoreLock.TryAcquire(data.FullName, out var holder));
                Assert.NotNull(holder);
                Assert.Equal(Environment.ProcessId, holder.ProcessId);
                Assert.Equal(30123, holder.GatewayPort);
                Assert.Equal("sweep run quick", holder.Purpose);
            }
            using var again = LocalStoreLock.TryAcquire(data.FullName, out _);
            Assert.NotNull(again); // released with its holder
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
