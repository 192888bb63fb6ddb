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
    /// <summary>The <c>SmartMixed</c> section as the silo reads it (Redis defaults to <c>Cluster:Redis</c>).</summary>
    public static SweepSiloOptions ReadOptions(IConfiguration configuration)
    {
        var options = new SweepSiloOptions();
        Bind(configuration, options);
        return options;
    }

    /// <summary>Binds the silo's options from configuration through the Options API, validated when the silo starts.</summary>
    public static ISiloBuilder AddSmartMixedSweeps(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<SweepSiloOptions>().Configure(o => Bind(configuration, o)).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<SweepSiloOptions>, SweepSiloOptionsValidator>();
        return silo.AddSweepServices(ReadOptions(configuration)); // storage and checkpoint choices shape the services
    }

    /// <summary>For a silo built in code (the in-process silo, tests): the given options, checked now.</summary>
    public static ISiloBuilder AddSmartMixedSweeps(this ISiloBuilder silo, SweepSiloOptions options)
    {
        var problems = SweepSiloOptionsValidator.Problems(options);
        if (problems.Count > 0) throw new OptionsValidationException(SweepSiloOptions.Section, typeof(SweepSiloOptions), problems);
        silo.Services.AddSingleton(Options.Create(options));
        return silo.AddSweepServices(options);
    }

    private static void Bind(IConfiguration configuration, SweepSiloOptions options)
    {
        configuration.GetSection(SweepSiloOptions.Section).Bind(options);
        options.Redis ??= configuration[$"{SweepClusterOptions.Section}:Redis"]; // one Redis for everything unless told otherwise
        options.RedisPasswordFile ??= configuration[$"{SweepClusterOptions.Section}:RedisPasswordFile"];
    }

    private static ISiloBuilder AddSweepServices(this ISiloBuilder silo, SweepSiloOptions options)
    {
        var services = silo.Services;
        TorchThreads.Ensure(1); // process-wide: one intra-op thread per training, trainings side by side

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrainingSlots>();
        services.TryAddSingleton<WorkSignal>();
        services.TryAddSingleton<DatasetCache>();
        services.TryAddSingleton<IRunExecutor, RunExecution>();
        services.TryAddSingleton<RunRecordReader>();
        if (options.Train)
        {
            services.AddSingleton<TrainingWorker>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TrainingWorker>());
        }

        // Stored state is plain JSON without CLR type names, so renaming a state class cannot orphan stored sweeps;
        // state of another layout is refused, never misread.
        services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Sweeps,
            (sp, _) => new LayoutCheckingSerializer(ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(sp)));

        var dataDirectory = options.EffectiveDataDirectory;
        // Read now, so a password file that cannot be read stops the start-up with a message that names it.
        bool usesRedis = string.Equals(options.Storage, "redis", StringComparison.OrdinalIgnoreCase)
                         || string.Equals(options.Checkpoints, "redis", StringComparison.OrdinalIgnoreCase);
        var redis = usesRedis && options.Redis is { Length: > 0 } r ? RedisConnection.Options(r, options.RedisPasswordFile) : null;
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
                silo.AddRedisGrainStorage(StorageNames.Sweeps, o => o.ConfigurationOptions = redis!.Clone());
                break;
        }

        switch (options.Checkpoints.ToLowerInvariant())
        {
            case "directory":
                var root = Path.Combine(dataDirectory, "checkpoints");
                services.TryAddSingleton<ICheckpointStore>(_ => new DirectoryCheckpointStore(root, options.CheckpointBudgetBytes));
                break;
            case "redis":
                services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis!.Clone()));
                // Keys under the service id: clusters that share one Redis never read each other's checkpoints.
                services.TryAddSingleton<ICheckpointStore>(sp => new RedisCheckpointStore(sp.GetRequiredService<IConnectionMultiplexer>(),
                    $"smartmixed/{sp.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId}/checkpoints/"));
                break;
        }
        return silo;
    }
}
