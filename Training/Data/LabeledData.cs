namespace SmartMixed.Training.Data;

/// <summary>
/// Samples as rows of already-scaled floats (row-major, <see cref="Count"/> × <see cref="FeatureCount"/>)
/// with one class label per row.
/// </summary>
public sealed class LabeledData
{
    public LabeledData(float[] features, int[] labels, int featureCount, int classCount)
    {
        if (featureCount <= 0) throw new ArgumentOutOfRangeException(nameof(featureCount));
        if (features.Length != labels.Length * featureCount)
            throw new ArgumentException($"{features.Length} feature values do not form {labels.Length} rows of {featureCount}.");
        foreach (var label in labels)
            if (label < 0 || label >= classCount)
                throw new ArgumentException($"label {label} is outside 0..{classCount - 1}.");
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    public float[] Features { get; }
    public int[] Labels { get; }
    public int FeatureCount { get; }
    public int ClassCount { get; }
    public int Count => Labels.Length;

    public LabeledData Subset(IReadOnlyList<int> rows)
    {
        var features = new float[rows.Count * FeatureCount];
        var labels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Array.Copy(Features, (long)rows[i] * FeatureCount, features, (long)i * FeatureCount, FeatureCount);
            labels[i] = Labels[rows[i]];
        }
        return new LabeledData(features, labels, FeatureCount, ClassCount);
    }
}
