using SmartMixed.Training.Activations;
using SmartMixed.Training.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>
/// An MLP <c>[Dense → activation]</c> per hidden layer, then a Dense output layer (which never selects).
/// The hidden activations are selection layers (phase 1), grouped fixed activations (phase 2, fixed, random and
/// shuffled baselines) or soft mixtures (the soft baseline).
/// </summary>
public sealed class SmartMixedNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<DenseLayer> dense;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> activations;

    private SmartMixedNetwork(IList<DenseLayer> denseLayers, IList<nn.Module<Tensor, Tensor>> activationLayers)
        : base(nameof(SmartMixedNetwork))
    {
        dense = new ModuleList<DenseLayer>(denseLayers.ToArray());
        activations = new ModuleList<nn.Module<Tensor, Tensor>>(activationLayers.ToArray());
        RegisterComponents();
    }

    public IReadOnlyList<DenseLayer> Dense => dense.ToList();
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Activations => activations.ToList();
    public IEnumerable<SelectionLayer> SelectionLayers => activations.OfType<SelectionLayer>();
    public IEnumerable<SoftMixtureLayer> SoftMixtureLayers => activations.OfType<SoftMixtureLayer>();
    public bool IsSelecting => activations.Count > 0 && activations[0] is SelectionLayer;

    /// <summary>Phase-1 network: every hidden neuron selects from <paramref name="pool"/>.</summary>
    public static SmartMixedNetwork Selecting(int inputs, IReadOnlyList<int> hidden, int classes,
        CandidatePool pool, SelectionSpec spec, Generator init, TemperatureRole role = TemperatureRole.Estimator)
    {
        var denseLayers = Layers(inputs, hidden, classes, init);
        var acts = hidden.Select(h => (nn.Module<Tensor, Tensor>)new SelectionLayer(h, pool, spec, init, role)).ToList();
        return new SmartMixedNetwork(denseLayers, acts);
    }

    /// <summary>The soft-mixture baseline: every hidden neuron blends the whole pool with learned softmax weights.</summary>
    public static SmartMixedNetwork SoftMixture(int inputs, IReadOnlyList<int> hidden, int classes,
        CandidatePool pool, LogitInit logitInit, Generator init)
    {
        var denseLayers = Layers(inputs, hidden, classes, init);
        var acts = hidden.Select(h => (nn.Module<Tensor, Tensor>)new SoftMixtureLayer(h, pool, logitInit, init)).ToList();
        return new SmartMixedNetwork(denseLayers, acts);
    }

    /// <summary>
    /// Fixed network with each layer's neurons grouped by function, freshly initialised. Neuron order inside a
    /// layer does not matter for a fresh network, so each layer is laid out in group order directly.
    /// </summary>
    public static SmartMixedNetwork Grouped(int inputs, IReadOnlyList<LayerAssignment> assignment, int classes,
        CandidatePool pool, Generator init)
    {
        var hidden = assignment.Select(a => a.FunctionOf.Count).ToArray();
        var denseLayers = Layers(inputs, hidden, classes, init);
        var acts = assignment.Select(a => (nn.Module<Tensor, Tensor>)GroupsOf(a, pool)).ToList();
        return new SmartMixedNetwork(denseLayers, acts);
    }

    /// <summary>
    /// The fixed network that computes exactly what <paramref name="selecting"/> computes with the argmax
    /// choice: weights are copied with each layer's neurons reordered into function groups.
    /// </summary>
    public static SmartMixedNetwork GroupedFrom(SmartMixedNetwork selecting, IReadOnlyList<LayerAssignment> assignment,
        CandidatePool pool, Generator init)
    {
        var source = selecting.dense;
        var grouped = Grouped((int)source[0].Inputs, assignment, (int)source[^1].Outputs, pool, init);
        long[]? previousOrder = null;
        for (int l = 0; l < source.Count; l++)
        {
            long[]? order = l < assignment.Count ? assignment[l].Order() : null;
            grouped.dense[l].CopyPermuted(source[l], order, previousOrder);
            previousOrder = order;
        }
        return grouped;
    }

    public override Tensor forward(Tensor x)
    {
        for (int l = 0; l < activations.Count; l++)
            x = activations[l].call(dense[l].call(x));
        return dense[^1].call(x);
    }

    /// <summary>Parameters the optimiser trains (weights, biases and, in phase 1, the selection logits).</summary>
    public IEnumerable<Parameter> TrainableParameters() => parameters();

    private static List<DenseLayer> Layers(int inputs, IReadOnlyList<int> hidden, int classes, Generator init)
    {
        var sizes = new List<int> { inputs };
        sizes.AddRange(hidden);
        sizes.Add(classes);
        var layers = new List<DenseLayer>();
        for (int i = 0; i + 1 < sizes.Count; i++) layers.Add(new DenseLayer(sizes[i], sizes[i + 1], init));
        return layers;
    }

    private static GroupedActivation GroupsOf(LayerAssignment a, CandidatePool pool)
    {
        var counts = a.Counts(pool.Count);
        return new GroupedActivation(pool.Members.Select((f, k) => (f, (long)counts[k])).ToList());
    }
}
