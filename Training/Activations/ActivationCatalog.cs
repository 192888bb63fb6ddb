using static TorchSharp.torch;

namespace SmartMixed.Training.Activations;

/// <summary>Every activation a candidate pool or a fixed baseline may name.</summary>
public static class ActivationCatalog
{
    private static readonly Activation[] All =
    [
        new("relu", x => nn.functional.relu(x), ActivationKernel.For<ReluActivation>()),
        new("sigmoid", x => x.sigmoid(), ActivationKernel.For<SigmoidActivation>()),
        new("tanh", x => x.tanh(), ActivationKernel.For<TanhActivation>()),
        new("leaky_relu", x => nn.functional.leaky_relu(x, 0.01), ActivationKernel.For<LeakyReluActivation>()),
        new("elu", x => nn.functional.elu(x, 1.0), ActivationKernel.For<EluActivation>()),
        new("selu", x => nn.functional.selu(x), ActivationKernel.For<SeluActivation>()),
        new("gelu", x => nn.functional.gelu(x), ActivationKernel.For<GeluActivation>()),
        new("silu", x => nn.functional.silu(x), ActivationKernel.For<SiluActivation>()),
        new("mish", x => nn.functional.mish(x), ActivationKernel.For<MishActivation>()),
        new("softplus", x => nn.functional.softplus(x), ActivationKernel.For<SoftplusActivation>()),
        new("identity", x => x.alias(), ActivationKernel.For<IdentityActivation>()),
    ];

    private static readonly Dictionary<string, Activation> ByName =
        All.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Names { get; } = All.Select(a => a.Name).ToArray();

    public static bool TryGet(string name, out Activation activation) =>
        ByName.TryGetValue(name.Trim(), out activation!);

    /// <summary>Looks a name up case-insensitively; an unknown name is an error listing the valid ones.</summary>
    public static Activation Get(string name) =>
        TryGet(name, out var activation)
            ? activation
            : throw new ArgumentException(UnknownMessage(name));

    public static string UnknownMessage(string name) =>
        $"unknown activation '{name}'; valid: {string.Join(", ", Names)}";
}
