using SmartMixed.Training.Data;
using static TorchSharp.torch;

namespace SmartMixed.Training.Trainer;

/// <summary>A data split as tensors, built once. Only read during training, so runs in one process may share it.</summary>
public sealed class TrainingData : IDisposable
{
    public TrainingData(DatasetSplit split)
    {
        Name = split.Name;
        FeatureCount = split.Train.FeatureCount;
        ClassCount = split.Train.ClassCount;
        (TrainX, TrainY) = ToTensors(split.Train);
        (ValidationX, ValidationY) = ToTensors(split.Validation);
        (TestX, TestY) = ToTensors(split.Test);
    }

    public string Name { get; }
    public int FeatureCount { get; }
    public int ClassCount { get; }
    public Tensor TrainX { get; }
    public Tensor TrainY { get; }
    public Tensor ValidationX { get; }
    public Tensor ValidationY { get; }
    public Tensor TestX { get; }
    public Tensor TestY { get; }
    public int TrainCount => (int)TrainY.shape[0];

    private static (Tensor X, Tensor Y) ToTensors(LabeledData data)
    {
        var x = tensor(data.Features, [data.Count, data.FeatureCount], ScalarType.Float32);
        var y = tensor(data.Labels.Select(l => (long)l).ToArray(), [data.Count], ScalarType.Int64);
        x.DetachFromDisposeScope();
        y.DetachFromDisposeScope();
        return (x, y);
    }

    public void Dispose()
    {
        foreach (var t in new[] { TrainX, TrainY, ValidationX, ValidationY, TestX, TestY }) t.Dispose();
    }
}
