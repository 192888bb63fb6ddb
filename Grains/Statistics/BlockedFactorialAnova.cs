namespace SmartMixed.Grains.Statistics;

/// <summary>A factor of a factorial design: its name and its levels, in the order the tables should show them.</summary>
public sealed record Factor(string Name, IReadOnlyList<string> Levels);

/// <summary>What <see cref="BlockedFactorialDesign.Analyze"/> does when some block lacks a cell or repeats one.</summary>
public enum IncompleteBlocks
{
    /// <summary>Report the design as unbalanced and compute nothing (no F that would be wrong).</summary>
    Reject,
    /// <summary>Analyse the complete blocks only and list the ones left out.</summary>
    Drop,
}

/// <summary>One line of the ANOVA table.</summary>
/// <param name="Source">"block", a factor name, "A:B" for a two-way interaction, "higher-order", "residual" or "total".</param>
/// <param name="Kind">One of the <see cref="BlockedFactorialAnova"/> kind constants.</param>
/// <param name="Factors">The factors of a main effect or interaction (all factors for higher-order; empty otherwise).</param>
/// <param name="SumOfSquares">SS.</param>
/// <param name="DegreesOfFreedom">df.</param>
/// <param name="MeanSquare">SS / df; null when df = 0 and for the total.</param>
/// <param name="F">MS / MS_residual; null when undefined (df = 0, no residual df, or residual SS 0).</param>
/// <param name="P">Upper tail of F(df, df_residual) at F; null when F is.</param>
public sealed record AnovaRow(
    string Source, string Kind, IReadOnlyList<string> Factors, double SumOfSquares, int DegreesOfFreedom, double? MeanSquare, double? F, double? P);

/// <summary>A factor level's marginal mean with its seed-blocked interval (see <see cref="BlockedFactorialAnova"/>).</summary>
public sealed record LevelMean(string Factor, string Level, MeanInterval Interval);

/// <summary>A cell of a two-way table: the mean at (level A, level B) over the other factors, seed-blocked interval.</summary>
public sealed record InteractionCell(string LevelA, string LevelB, MeanInterval Interval);

/// <summary>The cell means of one pair of factors, A's levels outer, B's inner, in declared order.</summary>
public sealed record InteractionTable(string FactorA, string FactorB, IReadOnlyList<InteractionCell> Cells);

/// <summary>
/// The analysis of a factorial experiment run as a randomised complete block design, the blocks being seeds: every
/// combination of factor levels (a treatment cell) observed exactly once in every block.
/// <para>
/// Model: y_bc = μ + β_b + τ_c + ε_bc, with the treatment effect τ split into main effects, two-way interactions and
/// (k ≥ 3) the rest pooled as "higher-order". With B blocks, T cells, N = BT, ȳ the grand mean, ȳ_b block means,
/// ȳ_c cell means (over blocks) and ȳ_a marginal means (over all observations at level a):
/// SS_block = T Σ (ȳ_b − ȳ)², df B − 1; SS_A = (N/L_A) Σ (ȳ_a − ȳ)², df L_A − 1;
/// SS_AB = (N/(L_A L_B)) Σ (ȳ_ab − ȳ_a − ȳ_b + ȳ)², df (L_A − 1)(L_B − 1);
/// SS_higher = SS_treatments − mains − two-ways with SS_treatments = B Σ (ȳ_c − ȳ)², df the rest of T − 1;
/// SS_residual = Σ (y_bc − ȳ_b − ȳ_c + ȳ)² (block × treatment), df (B − 1)(T − 1);
/// F = MS / MS_residual, p from F(df, df_residual). Identical to R's <c>aov(y ~ seed + A*B…)</c> and to the
/// within-seed stratum of <c>aov(y ~ A*B… + Error(seed))</c> for balanced data.
/// </para>
/// <para>
/// Marginal means with seed-blocked intervals: for each block, the mean of its observations at level a (over the
/// other factors); the B per-block means then give mean ± t₍₁₊c₎/₂,B−1 · sd/√B (<see cref="MeanInterval"/>). Two-way
/// tables do the same per (a, b). With one block the intervals are null.
/// </para>
/// <para>
/// Degenerate cases: unbalanced (a block misses a cell or repeats one) → with <see cref="IncompleteBlocks.Reject"/>,
/// no rows, means or tables, <see cref="IsBalanced"/> false and a <see cref="Note"/> naming the incomplete blocks;
/// with <see cref="IncompleteBlocks.Drop"/>, the complete blocks only (the note says how many were left out).
/// One block → no residual df, F and p null.
/// Residual SS at rounding level (≤ 1e-12 · total SS) → F and p null with a note: the data fit the additive model
/// exactly and F would be infinite or 0/0.
/// </para>
/// </summary>
/// <param name="IsBalanced">Every block observed has every cell exactly once (false when a block was dropped).</param>
/// <param name="BlocksUsed">The blocks analysed, in ordinal order.</param>
/// <param name="BlocksDropped">Incomplete blocks, each with why (empty when balanced).</param>
/// <param name="Observations">Observations analysed (blocks used × cells).</param>
/// <param name="Rows">block, each factor, each pair of factors, higher-order (k ≥ 3), residual, total.</param>
/// <param name="MarginalMeans">Per factor (declared order), per level (declared order).</param>
/// <param name="Interactions">Per pair of factors (i &lt; j in declared order).</param>
/// <param name="Note">Why something is missing or null; null otherwise.</param>
public sealed record BlockedFactorialAnova(
    bool IsBalanced,
    IReadOnlyList<string> BlocksUsed,
    IReadOnlyList<string> BlocksDropped,
    int Observations,
    IReadOnlyList<AnovaRow> Rows,
    IReadOnlyList<LevelMean> MarginalMeans,
    IReadOnlyList<InteractionTable> Interactions,
    string? Note)
{
    public const string BlockKind = "block";
    public const string MainKind = "main";
    public const string InteractionKind = "interaction";
    public const string HigherOrderKind = "higher-order";
    public const string ResidualKind = "residual";
    public const string TotalKind = "total";
}

/// <summary>
/// Collects one observation per (block, treatment cell) of a factorial design, page by page, and analyses it as a
/// randomised complete block design (<see cref="BlockedFactorialAnova"/>). Memory: one number per observation,
/// i.e. O(blocks × cells); nothing per epoch.
/// </summary>
public sealed class BlockedFactorialDesign
{
    private readonly Factor[] _factors;
    private readonly Dictionary<string, int>[] _levelIndex;
    private readonly int[] _strides;
    private readonly int _cells;
    private readonly Dictionary<string, Dictionary<int, (double Y, int Count)>> _blocks = new(StringComparer.Ordinal);

    /// <summary>A design over <paramref name="factors"/>: at least one, distinct names, each with distinct levels.</summary>
    public BlockedFactorialDesign(IReadOnlyList<Factor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.Count == 0) throw new ArgumentException("a factorial design needs at least one factor", nameof(factors));
        if (factors.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != factors.Count)
            throw new ArgumentException("factor names must be distinct", nameof(factors));
        _factors = factors.ToArray();
        _levelIndex = new Dictionary<string, int>[_factors.Length];
        _strides = new int[_factors.Length];
        long cells = 1;
        for (int i = _factors.Length - 1; i >= 0; i--)
        {
            var levels = _factors[i].Levels;
            if (levels is null || levels.Count == 0) throw new ArgumentException($"factor '{_factors[i].Name}' has no levels", nameof(factors));
            _levelIndex[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int l = 0; l < levels.Count; l++)
                if (!_levelIndex[i].TryAdd(levels[l], l))
                    throw new ArgumentException($"factor '{_factors[i].Name}' lists level '{levels[l]}' twice", nameof(factors));
            _strides[i] = (int)cells;
            cells *= levels.Count;
            if (cells > 10_000_000) throw new ArgumentException("more than 10⁷ treatment cells", nameof(factors));
        }
        _cells = (int)cells;
    }

    public IReadOnlyList<Factor> Factors => _factors;

    /// <summary>Number of treatment cells, the product of the level counts.</summary>
    public int Cells => _cells;

    /// <summary>Observations added so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds observation <paramref name="y"/> (finite) of block <paramref name="block"/> at the cell given by one level per
    /// factor, in factor order. Adding a cell twice to a block is recorded and makes that block incomplete.
    /// </summary>
    public void Add(string block, IReadOnlyList<string> levels, double y)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(levels);
        if (!double.IsFinite(y)) throw new ArgumentException($"y is {y}: observations must be finite", nameof(y));
        if (levels.Count != _factors.Length)
            throw new ArgumentException($"{levels.Count} levels given for {_factors.Length} factors", nameof(levels));
        int cell = 0;
        for (int i = 0; i < _factors.Length; i++)
        {
            if (!_levelIndex[i].TryGetValue(levels[i], out int l))
                throw new ArgumentException($"'{levels[i]}' is not a level of factor '{_factors[i].Name}'", nameof(levels));
            cell += l * _strides[i];
        }
        if (!_blocks.TryGetValue(block, out var cells)) _blocks[block] = cells = [];
        cells[cell] = cells.TryGetValue(cell, out var seen) ? (seen.Y, seen.Count + 1) : (y, 1);
        Count++;
    }

    /// <summary>The ANOVA table, marginal means and two-way tables (see <see cref="BlockedFactorialAnova"/>).</summary>
    public BlockedFactorialAnova Analyze(IncompleteBlocks policy = IncompleteBlocks.Reject, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        var used = new List<string>();
        var dropped = new List<string>();
        foreach (var block in _blocks.Keys.Order(StringComparer.Ordinal))
        {
            var cells = _blocks[block];
            int missing = _cells - cells.Count, repeated = cells.Values.Count(v => v.Count > 1);
            if (missing == 0 && repeated == 0) used.Add(block);
            else dropped.Add($"{block} ({Describe(missing, repeated)})");
        }
        bool balanced = dropped.Count == 0 && used.Count > 0;
        if (_blocks.Count == 0) return Empty(false, used, dropped, "no observations");
        if (!balanced && policy == IncompleteBlocks.Reject)
            return Empty(false, [], dropped, $"unbalanced: {dropped.Count} of {_blocks.Count} blocks lack or repeat cells");
        if (used.Count == 0) return Empty(false, used, dropped, "no complete block");

        int b = used.Count, t = _cells, n = b * t;
        var y = new double[b][];
        for (int i = 0; i < b; i++)
        {
            var cells = _blocks[used[i]];
            y[i] = new double[t];
            for (int c = 0; c < t; c++) y[i][c] = cells[c].Y;
        }

        double grand = 0;
        foreach (var row in y) foreach (var v in row) grand += v;
        grand /= n;
        var blockMeans = y.Select(row => row.Average()).ToArray();
        var cellMeans = new double[t];
        for (int c = 0; c < t; c++)
        {
            double s = 0;
            for (int i = 0; i < b; i++) s += y[i][c];
            cellMeans[c] = s / b;
        }

        double ssTotal = 0, ssResidual = 0, ssBlock = 0, ssTreatment = 0;
        for (int i = 0; i < b; i++)
            for (int c = 0; c < t; c++)
            {
                ssTotal += (y[i][c] - grand) * (y[i][c] - grand);
                double r = y[i][c] - blockMeans[i] - cellMeans[c] + grand;
                ssResidual += r * r;
            }
        foreach (var m in blockMeans) ssBlock += t * (m - grand) * (m - grand);
        foreach (var m in cellMeans) ssTreatment += b * (m - grand) * (m - grand);

        int k = _factors.Length;
        var level = new int[k][];
        for (int f = 0; f < k; f++)
        {
            level[f] = new int[t];
            for (int c = 0; c < t; c++) level[f][c] = c / _strides[f] % _factors[f].Levels.Count;
        }
        // Marginal means of each factor over all observations (from the cell means: balanced, equal weights).
        var marginal = new double[k][];
        for (int f = 0; f < k; f++)
        {
            int levels = _factors[f].Levels.Count;
            marginal[f] = new double[levels];
            for (int c = 0; c < t; c++) marginal[f][level[f][c]] += cellMeans[c];
            for (int l = 0; l < levels; l++) marginal[f][l] /= t / levels;
        }

        var effects = new List<(string Source, string Kind, string[] Factors, double Ss, int Df)>();
        double ssMains = 0, ssPairs = 0;
        int dfMains = 0, dfPairs = 0;
        for (int f = 0; f < k; f++)
        {
            int levels = _factors[f].Levels.Count;
            double ss = 0;
            foreach (var m in marginal[f]) ss += (double)n / levels * (m - grand) * (m - grand);
            effects.Add((_factors[f].Name, BlockedFactorialAnova.MainKind, [_factors[f].Name], ss, levels - 1));
            ssMains += ss;
            dfMains += levels - 1;
        }
        for (int f = 0; f < k; f++)
            for (int g = f + 1; g < k; g++)
            {
                var pair = PairMeans(f, g, cellMeans, level);
                double ss = 0;
                int lf = _factors[f].Levels.Count, lg = _factors[g].Levels.Count;
                for (int a = 0; a < lf; a++)
                    for (int c = 0; c < lg; c++)
                    {
                        double d = pair[a, c] - marginal[f][a] - marginal[g][c] + grand;
                        ss += (double)n / (lf * lg) * d * d;
                    }
                int df = (lf - 1) * (lg - 1);
                effects.Add(($"{_factors[f].Name}:{_factors[g].Name}", BlockedFactorialAnova.InteractionKind, [_factors[f].Name, _factors[g].Name], ss, df));
                ssPairs += ss;
                dfPairs += df;
            }
        int dfHigher = t - 1 - dfMains - dfPairs;
        if (k >= 3 && dfHigher > 0)
            effects.Add(("higher-order", BlockedFactorialAnova.HigherOrderKind, _factors.Select(f => f.Name).ToArray(),
                Math.Max(0, ssTreatment - ssMains - ssPairs), dfHigher));

        int dfResidual = (b - 1) * (t - 1);
        var notes = new List<string>();
        if (dropped.Count > 0) notes.Add($"{dropped.Count} of {_blocks.Count} blocks left out as incomplete");
        double? msResidual = dfResidual > 0 ? ssResidual / dfResidual : null;
        if (dfResidual == 0) notes.Add("one block or one cell: no block × treatment residual, F undefined");
        else if (ssResidual <= 1e-12 * ssTotal)
        {
            notes.Add("residual sum of squares is 0 (the data are exactly additive): F undefined");
            msResidual = null;
        }
        string? note = notes.Count > 0 ? string.Join("; ", notes) : null;

        var rows = new List<AnovaRow> { Row("block", BlockedFactorialAnova.BlockKind, [], ssBlock, b - 1, msResidual, dfResidual) };
        rows.AddRange(effects.Select(e => Row(e.Source, e.Kind, e.Factors, e.Ss, e.Df, msResidual, dfResidual)));
        rows.Add(new AnovaRow("residual", BlockedFactorialAnova.ResidualKind, [], ssResidual, dfResidual,
            dfResidual > 0 ? ssResidual / dfResidual : null, null, null));
        rows.Add(new AnovaRow("total", BlockedFactorialAnova.TotalKind, [], ssTotal, n - 1, null, null, null));

        var means = new List<LevelMean>();
        for (int f = 0; f < k; f++)
            for (int l = 0; l < _factors[f].Levels.Count; l++)
                means.Add(new LevelMean(_factors[f].Name, _factors[f].Levels[l], BlockedInterval(y, c => level[f][c] == l, confidenceLevel)));

        var tables = new List<InteractionTable>();
        for (int f = 0; f < k; f++)
            for (int g = f + 1; g < k; g++)
            {
                var cells = new List<InteractionCell>();
                for (int a = 0; a < _factors[f].Levels.Count; a++)
                    for (int c = 0; c < _factors[g].Levels.Count; c++)
                        cells.Add(new InteractionCell(_factors[f].Levels[a], _factors[g].Levels[c],
                            BlockedInterval(y, x => level[f][x] == a && level[g][x] == c, confidenceLevel)));
                tables.Add(new InteractionTable(_factors[f].Name, _factors[g].Name, cells));
            }

        return new BlockedFactorialAnova(balanced, used, dropped, n, rows, means, tables, note);
    }

    private static string Describe(int missing, int repeated) =>
        (missing, repeated) switch
        {
            (> 0, > 0) => $"{missing} cells missing, {repeated} repeated",
            (> 0, _) => $"{missing} cells missing",
            _ => $"{repeated} cells repeated",
        };

    private static BlockedFactorialAnova Empty(bool balanced, List<string> used, List<string> dropped, string note) =>
        new(balanced, used, dropped, 0, [], [], [], note);

    private static AnovaRow Row(string source, string kind, IReadOnlyList<string> factors, double ss, int df, double? msResidual, int dfResidual)
    {
        double? ms = df > 0 ? ss / df : null;
        if (ms is not { } m || msResidual is not { } e) return new AnovaRow(source, kind, factors, ss, df, ms, null, null);
        double f = m / e;
        return new AnovaRow(source, kind, factors, ss, df, m, f, Tails.FUpper(df, dfResidual, f));
    }

    private double[,] PairMeans(int f, int g, double[] cellMeans, int[][] level)
    {
        int lf = _factors[f].Levels.Count, lg = _factors[g].Levels.Count;
        var sum = new double[lf, lg];
        for (int c = 0; c < cellMeans.Length; c++) sum[level[f][c], level[g][c]] += cellMeans[c];
        double per = (double)cellMeans.Length / (lf * lg);
        for (int a = 0; a < lf; a++)
            for (int c = 0; c < lg; c++) sum[a, c] /= per;
        return sum;
    }

    // Per block, the mean over the cells selected; then the t interval of those per-block means.
    private static MeanInterval BlockedInterval(double[][] y, Func<int, bool> selected, double confidenceLevel)
    {
        var perBlock = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0;
            int count = 0;
            for (int c = 0; c < y[i].Length; c++)
                if (selected(c)) { s += y[i][c]; count++; }
            perBlock[i] = s / count;
        }
        return MeanInterval.Of(perBlock, confidenceLevel);
    }
}
