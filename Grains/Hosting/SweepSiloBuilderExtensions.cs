using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using SmartMixed.Grains.Checkpoints;
using SmartMixed.Grains.Runs;
using SmartMixed.Grains.Scheduling;
using SmartMixed.Grains.Storage;
using SmartMixed.Training.Trainer;
using StackExchange.Redis;

namespace SmartMixed.Grains.Hosting;

/// <summary>Everything a silo needs to run sweeps, from the <c>SmartMixed</c> configuration section.</summary>
public static class SweepSiloBuilderExtensions
{
    public static ISiloBuilder AddSmartMixedSweeps(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddSmartMixedSweeps(SweepHostingOptions.Read(configuration));

    public static ISiloBuilder AddSmartMixedSweeps(this ISiloBuilder silo, SweepSiloOptions options)
    {
        var services = silo.Services;
        services.AddOptions<SweepSiloOptions>().Configure(o => Copy(options, o));
        TorchThreads.Ensure(1); // process-wide: one intra-op thread per training, trainings side by side

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrainingSlots>();
        services.TryAddSingleton<DatasetCache>();
        services.TryAddSingleton<RunExecution>();
        services.AddSingleton<TrainingWorker>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TrainingWorker>());

        // Stored state is plain JSON without CLR type names, so renaming a state class cannot orphan stored sweeps.
        services.AddKeyedSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>(StorageNames.Sweeps);

        var dataDirectory = options.EffectiveDataDirectory;
        switch (options.Storage.ToLowerInvariant())
        {
            case "memory":
                silo.AddMemoryGrainStorage(StorageNames.Sweeps);
                break;
            case "sqlite":
                var database = Path.Combine(dataDirectory, "sweeps.db");
                services.AddGrainStorage(StorageNames.Sweeps, (sp, name) =>
                    new SqliteGrainStorage(database, sp.GetRequiredKeyedService<IGrainStorageSerializer>(name)));
                break;
            case "redis":
                var redis = RequireRedis(options, "Storage");
                silo.AddRedisGrainStorage(StorageNames.Sweeps, o => o.ConfigurationOptions = RedisConnection.Options(redis));
                break;
            default:
                throw new OptionsValidationException(SweepSiloOptions.Section, typeof(SweepSiloOptions),
                    [$"{SweepSiloOptions.Section}:Storage must be sqlite, redis or memory, not '{options.Storage}'"]);
        }

        switch (options.Checkpoints.ToLowerInvariant())
        {
            case "directory":
                var root = Path.Combine(dataDirectory, "checkpoints");
                services.TryAddSingleton<ICheckpointStore>(new DirectoryCheckpointStore(root));
                break;
            case "redis":
                var connection = RequireRedis(options, "Checkpoints");
                services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConnection.Options(connection)));
                services.TryAddSingleton<ICheckpointStore>(sp => new RedisCheckpointStore(sp.GetRequiredService<IConnectionMultiplexer>()));
                break;
            default:
                throw new OptionsValidationException(SweepSiloOptions.Section, typeof(SweepSiloOptions),
                    [$"{SweepSiloOptions.Section}:Checkpoints must be directory or redis, not '{options.Checkpoints}'"]);
        }
        return silo;
    }

    private static string RequireRedis(SweepSiloOptions options, string setting) =>
        options.Redis is { Length: > 0 } r
            ? r
            : throw new OptionsValidationException(SweepSiloOptions.Section, typeof(SweepSiloOptions),
                [$"{SweepSiloOptions.Section}:{setting}=redis needs a connection string in {SweepSiloOptions.Section}:Redis or Cluster:Redis"]);

    private static void Copy(SweepSiloOptions from, SweepSiloOptions to)
    {
        to.Slots = from.Slots;
        to.DataDirectory = from.DataDirectory;
        to.Storage = from.Storage;
        to.Checkpoints = from.Checkpoints;
        to.Redis = from.Redis;
        to.CheckpointEvery = from.CheckpointEvery;
        to.MaxAttempts = from.MaxAttempts;
        to.OnlySweeps = from.OnlySweeps;
        to.PollInterval = from.PollInterval;
        to.WatchdogInterval = from.WatchdogInterval;
        to.SlotReservationTimeout = from.SlotReservationTimeout;
    }
}
