using SmartMixed.Client.Specs;

namespace SmartMixed.Sweep.Tests.Deploy;

/// <summary>deploy/k8s/*.yaml: well-formed objects, a silo Deployment with probes and the pod-IP address, consistent references.</summary>
public class KubernetesManifestTests
{
    private static readonly IReadOnlyList<(string File, Dictionary<object, object> Doc)> Docs = DeployFiles.KubernetesDocuments();

    private static Dictionary<object, object> Find(string kind, string name) =>
        Docs.Single(d => d.Doc.Text("kind") == kind && d.Doc.Map("metadata")?.Text("name") == name).Doc;

    [Fact]
    public void Every_document_names_its_apiVersion_kind_and_name_and_no_namespace()
    {
        var expected = new[] { "client-job.yaml", "configmap.yaml", "redis.yaml", "secret.example.yaml", "silo.yaml" };
        Assert.Equal(expected, DeployFiles.KubernetesFiles.Select(Path.GetFileName).ToArray());
        foreach (var (file, doc) in Docs)
        {
            Assert.False(string.IsNullOrWhiteSpace(doc.Text("apiVersion")), $"{file}: apiVersion");
            Assert.False(string.IsNullOrWhiteSpace(doc.Text("kind")), $"{file}: kind");
            var metadata = doc.Map("metadata");
            Assert.False(string.IsNullOrWhiteSpace(metadata?.Text("name")), $"{file}: metadata.name of a {doc.Text("kind")}");
            Assert.Null(metadata!.Text("namespace"));
        }
    }

    [Fact]
    public void Silo_deployment_runs_three_probed_pods_that_advertise_their_pod_ip()
    {
        var deployment = Find("Deployment", "smartmixed-silo");
        Assert.Equal("3", deployment.At("spec", "replicas"));
        var pod = DeployFiles.AsMap(deployment.At("spec", "template", "spec"), "pod spec");
        Assert.True(int.Parse(pod.Text("terminationGracePeriodSeconds")!) >= 45, "room for a graceful Orleans shutdown");

        var silo = Assert.Single(pod.List("containers").Maps());
        var ports = silo.List("ports").Maps().ToDictionary(p => p.Text("name")!, p => p.Text("containerPort"));
        Assert.Equal("11111", ports["silo"]);
        Assert.Equal("30000", ports["gateway"]);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            Assert.NotNull(silo.At(probe, "tcpSocket", "port"));
        Assert.Equal("gateway", silo.At("readinessProbe", "tcpSocket", "port"));

        var env = silo.List("env").Maps().ToDictionary(e => e.Text("name")!);
        Assert.Equal("status.podIP", env["Cluster__AdvertisedAddress"].At("valueFrom", "fieldRef", "fieldPath"));

        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotNull(silo.At("resources", kind, "cpu"));
            Assert.NotNull(silo.At("resources", kind, "memory"));
        }
        var config = Find("ConfigMap", "smartmixed-config").Map("data")!;
        Assert.Equal("redis", config.Text("Cluster__Membership"));
        Assert.Equal("redis", config.Text("SmartMixed__Storage"));
        Assert.Equal("redis", config.Text("SmartMixed__Checkpoints"));
        Assert.Equal(silo.At("resources", "limits", "cpu"), config.Text("SmartMixed__Slots")); // one slot per CPU
    }

    [Fact]
    public void Every_configmap_and_secret_reference_resolves_within_the_manifests()
    {
        foreach (var (file, doc) in Docs)
        foreach (var container in DeployFiles.Containers(doc))
        {
            foreach (var from in container.List("envFrom").Maps())
            {
                if (from.At("configMapRef", "name") is string cm) Find("ConfigMap", cm);
                if (from.At("secretRef", "name") is string s) Find("Secret", s);
            }
            foreach (var e in container.List("env").Maps())
            {
                if (e.At("valueFrom", "configMapKeyRef") is Dictionary<object, object> cmRef)
                    Assert.True(Find("ConfigMap", cmRef.Text("name")!).Map("data")!.ContainsKey(cmRef.Text("key")!),
                        $"{file}: {e.Text("name")} refers to a missing ConfigMap key {cmRef.Text("key")}");
                if (e.At("valueFrom", "secretKeyRef") is Dictionary<object, object> sRef)
                    Assert.True(Find("Secret", sRef.Text("name")!).Map("stringData")!.ContainsKey(sRef.Text("key")!),
                        $"{file}: {e.Text("name")} refers to a missing Secret key {sRef.Text("key")}");
            }
        }
        foreach (var (file, doc) in Docs)
        {
            if (doc.At("spec", "template", "spec") is not Dictionary<object, object> pod) continue;
            foreach (var volume in pod.List("volumes").Maps())
                if (volume.At("secret", "secretName") is string name)
                    Find("Secret", name); // every mounted Secret has its example
            var volumes = pod.List("volumes").Maps().Select(v => v.Text("name"))
                .Concat(((List<object>?)doc.At("spec", "volumeClaimTemplates") ?? []).OfType<Dictionary<object, object>>().Select(c => (string?)c.At("metadata", "name")))
                .ToHashSet();
            foreach (var container in DeployFiles.Containers(doc))
            foreach (var mount in container.List("volumeMounts").Maps())
                Assert.True(volumes.Contains(mount.Text("name")), $"{file}: no volume {mount.Text("name")}");
        }
    }

    [Fact]
    public void The_example_secrets_hold_placeholders_only()
    {
        foreach (var name in new[] { "smartmixed-redis", "smartmixed-tls" })
        {
            var secret = Find("Secret", name);
            Assert.Null(secret.Map("data")); // base64 data would hide what it holds
            foreach (var (key, value) in secret.Map("stringData")!)
                Assert.Contains("<CHANGE_ME", (string)value);
        }
        Assert.Equal("kubernetes.io/tls", Find("Secret", "smartmixed-tls").Text("type"));
    }

    /// <summary>
    /// Safe to expose: silos and clients talk mutual TLS with the certificate of the TLS Secret, and reach a Redis
    /// that wants a password, both read from Secrets mounted as files (never environment variables, never the repo).
    /// </summary>
    [Fact]
    public void Silos_and_clients_use_TLS_and_the_Redis_password_from_secrets_mounted_as_files()
    {
        var config = Find("ConfigMap", "smartmixed-config").Map("data")!;
        var settings = new Dictionary<string, string>
        {
            ["Cluster__RedisPasswordFile"] = "smartmixed-redis",
            ["Cluster__TlsCertificate"] = "smartmixed-tls",
            ["Cluster__TlsKey"] = "smartmixed-tls",
        };
        Assert.DoesNotContain("password", config.Text("Cluster__Redis")!, StringComparison.OrdinalIgnoreCase);

        var workloads = new[] { Find("Deployment", "smartmixed-silo"), Find("Job", "smartmixed-submit-demo") };
        foreach (var workload in workloads)
        {
            var pod = DeployFiles.AsMap(workload.At("spec", "template", "spec"), "pod spec");
            var container = Assert.Single(pod.List("containers").Maps());
            var env = container.List("env").Maps().ToDictionary(e => e.Text("name")!);
            bool fromConfig = container.List("envFrom").Maps().Any(f => (string?)f.At("configMapRef", "name") == "smartmixed-config");
            foreach (var e in env.Values) Assert.Null(e.At("valueFrom", "secretKeyRef")); // secrets are files, not variables

            foreach (var (setting, secretName) in settings)
            {
                Assert.True(fromConfig || env.ContainsKey(setting), $"{workload.Map("metadata")!.Text("name")}: {setting} is not set");
                var path = config.Text(setting)!;
                var mount = container.List("volumeMounts").Maps().Single(m => path.StartsWith(m.Text("mountPath")! + "/", StringComparison.Ordinal));
                Assert.Equal("true", mount.Text("readOnly"));
                var volume = pod.List("volumes").Maps().Single(v => v.Text("name") == mount.Text("name"));
                Assert.Equal(secretName, volume.At("secret", "secretName"));
                var file = path[(mount.Text("mountPath")!.Length + 1)..];
                var secret = Find("Secret", secretName).Map("stringData")!;
                var items = ((List<object>?)volume.At("secret", "items"))?.OfType<Dictionary<object, object>>().ToList();
                var key = items is null ? file : items.Single(i => i.Text("path") == file).Text("key")!;
                Assert.True(secret.ContainsKey(key), $"{setting}: the Secret {secretName} has no key {key}");
            }
            Assert.Equal("1654", pod.At("securityContext", "fsGroup")); // the secret files' group: readable by the app user
        }
    }

    [Fact]
    public void Client_job_submits_a_valid_example_spec_mounted_from_its_configmap()
    {
        var job = Find("Job", "smartmixed-submit-demo");
        var pod = DeployFiles.AsMap(job.At("spec", "template", "spec"), "job pod");
        var client = Assert.Single(pod.List("containers").Maps());
        var args = client.List("args").OfType<string>().ToArray();
        Assert.Equal(["sweep", "submit"], args[..2]);

        var mount = client.List("volumeMounts").Maps().Single(m => args[2].StartsWith(m.Text("mountPath")! + "/", StringComparison.Ordinal));
        var volume = pod.List("volumes").Maps().Single(v => v.Text("name") == mount.Text("name"));
        var specs = Find("ConfigMap", (string)volume.At("configMap", "name")!).Map("data")!;
        var fileName = Path.GetFileName(args[2]);
        var plan = SweepSpec.ParsePlan(specs.Text(fileName)!, fileName, Path.GetFileNameWithoutExtension(fileName));
        Assert.NotEmpty(plan.Runs);
        Assert.All(plan.Runs, r => Assert.Equal("synthetic", r.Config.Data.Name)); // the silos need no data files for it
    }
}
