namespace SmartMixed.Sweep.Tests.Deploy;

/// <summary>deploy/compose.yaml: Redis, at least three silos and a client, wired for Redis membership and storage.</summary>
public class ComposeFileTests
{
    private static Dictionary<object, object> Compose()
    {
        var documents = DeployFiles.LoadDocuments(DeployFiles.ComposeFile);
        Assert.Single(documents);
        return DeployFiles.AsMap(documents[0], "compose.yaml");
    }

    private static Dictionary<object, object> Services() => DeployFiles.AsMap(Compose()["services"], "services");

    private static string? Target(Dictionary<object, object> service) => service.Map("build")?.Text("target");

    private static int Replicas(Dictionary<object, object> service) =>
        service.At("deploy", "replicas") is string r ? int.Parse(r) : 1;

    [Fact]
    public void Redis_is_durable_and_has_a_ping_healthcheck()
    {
        var redis = DeployFiles.AsMap(Services()["redis"], "redis");
        Assert.StartsWith("redis:7", redis.Text("image"));
        var command = string.Join(' ', redis.List("command").OfType<string>());
        Assert.Contains("--appendonly yes", command);
        Assert.Contains(redis.List("volumes").OfType<string>(), v => v.EndsWith(":/data", StringComparison.Ordinal));
        var test = string.Join(' ', DeployFiles.AsMap(redis["healthcheck"], "redis healthcheck").List("test").OfType<string>());
        Assert.Contains("redis-cli ping", test);
        Assert.NotNull(redis.Text("restart"));
    }

    /// <summary>Redis requires a password, a compose secret from the shell's environment; silos and clients read its file.</summary>
    [Fact]
    public void Redis_requires_the_password_of_a_compose_secret_that_silos_and_clients_read_as_a_file()
    {
        var compose = Compose();
        var secrets = DeployFiles.AsMap(compose["secrets"], "secrets");
        var secret = Assert.Single(secrets);
        var name = (string)secret.Key;
        Assert.Null(DeployFiles.AsMap(secret.Value, name).Text("file")); // never a file of the repository
        Assert.NotNull(DeployFiles.AsMap(secret.Value, name).Text("environment"));

        var redis = DeployFiles.AsMap(Services()["redis"], "redis");
        Assert.Contains(name, redis.List("secrets").OfType<string>());
        var command = string.Join(' ', redis.List("command").OfType<string>());
        Assert.Contains($"requirepass \"$$(cat /run/secrets/{name})\"", command);
        Assert.Contains("redis-server -", command); // on standard input: the password is not in the process list
        foreach (var (service, definition) in DeployFiles.ComposeAppServices(compose))
        {
            Assert.Contains(name, definition.List("secrets").OfType<string>());
            Assert.Equal($"/run/secrets/{name}", DeployFiles.ComposeEnvironment(definition)["Cluster__RedisPasswordFile"]);
        }
    }

    [Fact]
    public void At_least_three_silos_use_redis_for_membership_storage_and_checkpoints()
    {
        var silos = Services().Where(s => Target(DeployFiles.AsMap(s.Value, (string)s.Key)) == "silo")
            .Select(s => (Name: (string)s.Key, Service: (Dictionary<object, object>)s.Value)).ToArray();
        Assert.NotEmpty(silos);
        Assert.True(silos.Sum(s => Replicas(s.Service)) >= 3, "compose.yaml must run at least three silos");

        foreach (var (name, silo) in silos)
        {
            Assert.Equal("deploy/Dockerfile", silo.Map("build")!.Text("dockerfile"));
            var env = DeployFiles.ComposeEnvironment(silo);
            Assert.Equal("redis", env["Cluster__Membership"]);
            Assert.Equal("redis:6379", env["Cluster__Redis"]);
            Assert.Equal("redis", env["SmartMixed__Storage"]);
            Assert.Equal("redis", env["SmartMixed__Checkpoints"]);
            Assert.Equal("redis:6379", env["SmartMixed__Redis"]);
            Assert.True(env.ContainsKey("SmartMixed__Slots"), $"{name}: SmartMixed__Slots");

            // The advertised address is the container's own, set when it starts.
            var entrypoint = string.Join('\n', silo.List("entrypoint").OfType<string>());
            Assert.Contains("export Cluster__AdvertisedAddress", entrypoint);
            Assert.Contains("exec dotnet /app/smartmixed-silo.dll", entrypoint);

            Assert.Equal("service_healthy", silo.At("depends_on", "redis", "condition"));
            var health = string.Join(' ', DeployFiles.AsMap(silo["healthcheck"], $"{name} healthcheck").List("test").OfType<string>());
            Assert.Contains("/dev/tcp/", health);
            Assert.Contains("/30000", health);
            Assert.NotNull(silo.Text("restart"));
            Assert.NotNull(silo.Text("stop_grace_period"));
            Assert.Null(silo.At("ports")); // nothing published on the host
        }
    }

    [Fact]
    public void The_client_profile_connects_through_redis_and_keeps_results_in_a_volume()
    {
        var client = DeployFiles.AsMap(Services()["client"], "client");
        Assert.Equal("client", Target(client));
        Assert.Contains("client", client.List("profiles").OfType<string>());
        var env = DeployFiles.ComposeEnvironment(client);
        Assert.Equal("redis", env["Cluster__Membership"]);
        Assert.Equal("redis:6379", env["Cluster__Redis"]);
        Assert.Contains(client.List("volumes").OfType<string>(), v => v.Contains(":/data/results", StringComparison.Ordinal));

        var volumes = DeployFiles.AsMap(Compose()["volumes"], "volumes");
        foreach (var named in Services().Values.Cast<Dictionary<object, object>>().SelectMany(s => s.List("volumes").OfType<string>())
                     .Select(v => v.Split(':')[0]).Where(source => !source.StartsWith('.') && !source.StartsWith('/') && !source.StartsWith('$')))
            Assert.True(volumes.ContainsKey(named), $"volume '{named}' is used but not declared");
    }
}
