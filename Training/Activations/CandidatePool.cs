namespace SmartMixed.Training.Activations;

/// <summary>The ordered list of distinct activations every selecting neuron chooses from.</summary>
public sealed class CandidatePool
{
    /// <summary>Named pools a spec may use instead of a list.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Named =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            // The reference code's pool, in its order.
            ["paper6"] = ["relu", "sigmoid", "tanh", "leaky_relu", "elu", "selu"],
            ["relu_family"] = ["relu", "leaky_relu", "elu", "selu"],
            ["smooth"] = ["gelu", "silu", "mish", "softplus"],
            ["all"] = ActivationCatalog.Names,
        };

    private CandidatePool(IReadOnlyList<Activation> members) => Members = members;

    public IReadOnlyList<Activation> Members { get; }
    public int Count => Members.Count;
    public IReadOnlyList<string> Names => Members.Select(m => m.Name).ToArray();

    /// <summary>Builds a pool from names (case-insensitive); empty, unknown or repeated names are errors.</summary>
    public static CandidatePool Parse(IEnumerable<string> names)
    {
        var members = new List<Activation>();
        foreach (var name in names)
        {
            var activation = ActivationCatalog.Get(name);
            if (members.Contains(activation))
                throw new ArgumentException($"activation '{activation.Name}' appears twice in the candidate pool");
            members.Add(activation);
        }
        if (members.Count == 0) throw new ArgumentException("the candidate pool is empty");
        return new CandidatePool(members);
    }

    /// <summary>Problems of a pool given as names, without throwing (for validators that report all problems).</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            yield return "the candidate pool is empty";
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!ActivationCatalog.TryGet(name ?? "", out var a)) yield return ActivationCatalog.UnknownMessage(name ?? "");
            else if (!seen.Add(a.Name)) yield return $"activation '{a.Name}' appears twice in the candidate pool";
        }
    }

    public override string ToString() => string.Join(",", Names);
}
