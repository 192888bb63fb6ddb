namespace SmartMixed.Training.Data;

/// <summary>The three disjoint parts a run trains, selects its model and reports on.</summary>
public sealed record DatasetSplit(string Name, LabeledData Train, LabeledData Validation, LabeledData Test);
