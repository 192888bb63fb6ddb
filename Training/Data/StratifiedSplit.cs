namespace SmartMixed.Training.Data;

/// <summary>
/// Splits sample indices in two while keeping each class's share, as the reference's
/// <c>train_test_split(stratify=…)</c> does, so a validation or test part is not skewed towards some classes.
/// Deterministic: the same labels and seed give the same split on every machine (seeded
/// <see cref="System.Random"/> keeps its algorithm across .NET versions).
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Per class (in ascending label order), shuffles that class's indices with one
    /// <c>System.Random(seed)</c> (Fisher–Yates) and puts round(fraction × class count) of them into Second.
    /// Both outputs are sorted ascending.
    /// </summary>
    public static (int[] First, int[] Second) Split(IReadOnlyList<int> labels, double secondFraction, int seed)
    {
        if (!(secondFraction > 0 && secondFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(secondFraction), secondFraction,
                $"the fraction put into the second part must be strictly between 0 and 1, got {secondFraction}");

        return SplitByQuota(labels, seed, classCounts =>
            classCounts.Select(c => (int)Math.Round(secondFraction * c, MidpointRounding.AwayFromZero)).ToArray());
    }

    /// <summary>
    /// Like <see cref="Split"/> but puts exactly <paramref name="secondCount"/> samples into Second, each class
    /// getting its proportional share rounded down or up (largest remainders first, ties to the lower label).
    /// Used where a size is promised exactly (a 2,000-digit test set, <c>MaxTrainSamples</c>).
    /// </summary>
    public static (int[] First, int[] Second) SplitCount(IReadOnlyList<int> labels, int secondCount, int seed)
    {
        if (secondCount < 0 || secondCount > labels.Count)
            throw new ArgumentOutOfRangeException(nameof(secondCount), secondCount,
                $"the second part must hold between 0 and {labels.Count} samples, got {secondCount}");

        return SplitByQuota(labels, seed, classCounts =>
        {
            var quotas = new int[classCounts.Length];
            var remainders = new double[classCounts.Length];
            for (int c = 0; c < classCounts.Length; c++)
            {
                double exact = (double)secondCount * classCounts[c] / labels.Count;
                quotas[c] = (int)Math.Floor(exact);
                remainders[c] = exact - quotas[c];
            }
            int missing = secondCount - quotas.Sum();
            foreach (int c in Enumerable.Range(0, classCounts.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(missing))
                quotas[c]++;
            return quotas;
        });
    }

    private static (int[] First, int[] Second) SplitByQuota(IReadOnlyList<int> labels, int seed, Func<int[], int[]> quotasFor)
    {
        // Indices of each class in ascending order; SortedDictionary fixes the class order.
        var byClass = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!byClass.TryGetValue(labels[i], out var members)) byClass[labels[i]] = members = [];
            members.Add(i);
        }

        var classes = byClass.Values.ToArray();
        var quotas = quotasFor(classes.Select(members => members.Count).ToArray());
        var random = new Random(seed);
        var first = new List<int>(labels.Count);
        var second = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            var members = classes[c];
            for (int i = members.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }
            second.AddRange(members.Take(quotas[c]));
            first.AddRange(members.Skip(quotas[c]));
        }

        var firstArray = first.ToArray();
        var secondArray = second.ToArray();
        Array.Sort(firstArray);
        Array.Sort(secondArray);
        return (firstArray, secondArray);
    }
}
