namespace SmartMixed.Training.Data;

/// <summary>
/// Turns a data set's training pool and fixed test set into the three parts a run uses, following its
/// <see cref="DataSpec"/>: a stratified validation split, then an optional stratified training subsample.
/// </summary>
public static class DatasetSplitter
{
    public static DatasetSplit Split(string name, LabeledData pool, LabeledData test, DataSpec spec)
    {
        if (!(spec.ValidationFraction > 0 && spec.ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ValidationFraction,
                $"DataSpec.ValidationFraction must be strictly between 0 and 1, got {spec.ValidationFraction}");
        if (spec.MaxTrainSamples is <= 0)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.MaxTrainSamples,
                $"DataSpec.MaxTrainSamples must be positive when set, got {spec.MaxTrainSamples}");

        var (trainRows, validationRows) = StratifiedSplit.Split(pool.Labels, spec.ValidationFraction, spec.SplitSeed);
        var train = pool.Subset(trainRows);
        var validation = pool.Subset(validationRows);

        // Subsampling after the validation split keeps validation identical with and without the cap,
        // so quick runs select models on the same samples as full ones.
        if (spec.MaxTrainSamples is { } max && max < train.Count)
            train = train.Subset(StratifiedSplit.SplitCount(train.Labels, max, spec.SplitSeed).Second);

        return new DatasetSplit(name, train, validation, test);
    }
}
