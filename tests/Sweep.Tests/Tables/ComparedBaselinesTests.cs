using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>Which baselines a SmartMixed cell is compared with: by setting, and by the factor labels each baseline keeps.</summary>
public class ComparedBaselinesTests
{
    private static CellData Cell(CellBook book, string key, string? baseline, params (string Name, string Value)[] factors)
    {
        var spec = new RunSpec($"{key}0000000000000000"[..16], "{}", key, "setting", baseline,
            factors.Select(f => new FactorValue(f.Name, f.Value)).Append(new FactorValue("seed", "1")).ToArray(), 1, 4);
        book.Add(spec, null);
        return book.Cells.Single(c => c.Key == key);
    }

    [Fact]
    public void Fixed_baselines_stand_beside_every_cell_random_beside_its_pool_and_shuffled_beside_its_source()
    {
        var book = new CellBook();
        var a = Cell(book, "a", null, ("pool", "paper6"), ("temperature", "0.3"));
        var b = Cell(book, "b", null, ("pool", "relu_family"), ("temperature", "0.3"));
        var relu = Cell(book, "r", "relu", ("pool", "-"), ("temperature", "-"), ("fixed", "relu"));
        var random = Cell(book, "x", "random", ("pool", "paper6"), ("temperature", "-"), ("baseline", "random"));
        var shuffled = Cell(book, "s", "shuffled", ("pool", "relu_family"), ("temperature", "0.3"), ("baseline", "shuffled"));
        var elsewhere = new CellBook();
        var other = Cell(elsewhere, "o", "relu", ("fixed", "relu"));

        Assert.True(a.IsComparedWith(relu));
        Assert.True(b.IsComparedWith(relu));
        Assert.True(a.IsComparedWith(random));
        Assert.False(b.IsComparedWith(random)); // another pool
        Assert.False(a.IsComparedWith(shuffled));
        Assert.True(b.IsComparedWith(shuffled)); // its source cell
        Assert.False(relu.IsComparedWith(a)); // only SmartMixed cells are compared
        Assert.True(a.IsComparedWith(other)); // the same setting key, nothing kept
        var analysis = SweepAnalysis.Of(book);
        Assert.Equal([("a", "relu"), ("a", "random"), ("b", "relu"), ("b", "shuffled")],
            analysis.Comparisons.Select(c => (c.Cell.Key, c.Baseline.Baseline!)));
    }
}
