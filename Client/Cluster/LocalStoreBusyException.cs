using SmartMixed.Grains.Hosting;

namespace SmartMixed.Client.Cluster;

/// <summary>Another process holds the local store, and this command cannot work through it.</summary>
public sealed class LocalStoreBusyException(string store, LocalStoreOwner? owner) : ClusterUnreachableException(Describe(store, owner))
{
    public LocalStoreOwner? Owner { get; } = owner;

    private static string Describe(string store, LocalStoreOwner? owner) => owner is null
        ? $"the local store {store} is in use by another smartmixed process; wait for it to end, or use --data-dir for another store"
        : owner.GatewayPort is null
            ? $"the local store {store} is being opened by process {owner.ProcessId} ({owner.Purpose}); try again in a moment"
            : owner.Purpose.StartsWith("sweep run ", StringComparison.Ordinal)
                ? $"sweep {owner.Purpose["sweep run ".Length..]} is running in process {owner.ProcessId} on the local store {store}; follow it with " +
                  $"./smartmixed sweep watch {owner.Purpose["sweep run ".Length..]}, wait for it to end, or use --data-dir for another store"
                : $"the local store {store} is in use by process {owner.ProcessId} ({owner.Purpose}); wait for it to end, or use --data-dir for another store";
}
