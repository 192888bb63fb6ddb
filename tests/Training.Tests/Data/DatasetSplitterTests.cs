using SmartMixed.Training.Data;

namespace SmartMixed.Training.Tests.Data;

public sealed class DatasetSplitterTests
{
    private static readonly (LabeledData Pool, LabeledData Test) Synthetic = SyntheticSource.Generate();

    private static DatasetSplit Split(DataSpec spec) => DatasetSplitter.Split("synthetic", Synthetic.Pool, Synthetic.Test, spec);

    [Fact]
    public void Validation_is_a_stratified_share_of_the_pool_and_test_is_untouched()
    {
        var split = Split(new DataSpec("synthetic", 0.2, 7));

        Assert.Equal((2_400, 600), (split.Train.Count, split.Validation.Count));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(60, split.Validation.Labels.Count(l => l == c)));
        Assert.Same(Synthetic.Test, split.Test);
    }

    [Fact]
    public void Max_train_samples_takes_exactly_that_many_stratified_and_keeps_validation()
    {
        var full = Split(new DataSpec("synthetic", 0.1, 42));
        var capped = Split(new DataSpec("synthetic", 0.1, 42, MaxTrainSamples: 555));

        Assert.Equal(555, capped.Train.Count);
        Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(capped.Train.Labels.Count(l => l == c), 55, 56));
        Assert.Equal(full.Validation.Features, capped.Validation.Features);
        Assert.Equal(full.Train.Count, Split(new DataSpec("synthetic", 0.1, 42, MaxTrainSamples: 100_000)).Train.Count);
    }

    [Fact]
    public void Invalid_specs_are_rejected_with_the_field_named()
    {
        var fraction = Assert.Throws<ArgumentOutOfRangeException>(() => Split(new DataSpec("synthetic", 0)));
        Assert.Contains("DataSpec.ValidationFraction", fraction.Message);
        var max = Assert.Throws<ArgumentOutOfRangeException>(() => Split(new DataSpec("synthetic", MaxTrainSamples: 0)));
        Assert.Contains("DataSpec.MaxTrainSamples", max.Message);
    }
}
