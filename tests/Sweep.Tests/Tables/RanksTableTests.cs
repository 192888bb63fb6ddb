using System.Globalization;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.ComparisonsTableTests;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

/// <summary>
/// ranks.csv: four architectures × SmartMixed, relu and tanh. Reference values: tests/Sweep.Tests/Tables/References/
/// effects_ranks.R (R's friedman.test, qtukey for the Nemenyi q, Iman–Davenport by its formula); q₀.₀₅ = 2.343 for three
/// models is also Demšar (2006), Table 5a.
/// </summary>
public class RanksTableTests
{
    private static readonly string[] Architectures = ["256-128", "512-256", "512-256-128", "768"];
    private static readonly double[][] Scores = [[0.95, 0.93, 0.90], [0.94, 0.95, 0.91], [0.96, 0.94, 0.92], [0.97, 0.93, 0.90]];

    private static CellBook Book()
    {
        var book = new CellBook();
        for (int g = 0; g < Architectures.Length; g++)
        {
            var h = Architectures[g];
            string[] labels = ["smart", "relu", "tanh"];
            for (int m = 0; m < 3; m++)
            {
                string? baseline = m == 0 ? null : labels[m];
                FactorValue[] factors = m == 0
                    ? [new("pool", "paper6"), new("hidden", h), new("seed", "1")]
                    : [new("pool", "-"), new("hidden", h), new("seed", "1"), new("fixed", labels[m])];
                // two seeds whose mean is the group score
                for (int s = 1; s <= 2; s++)
                {
                    var hash = $"{labels[m]}-{h}-{s}";
                    book.Add(Spec(hash, $"{labels[m]}|{h}", baseline, s, setting: h, factors: factors), Done(hash, s, Scores[g][m] + (s == 1 ? 0.005 : -0.005)));
                }
            }
        }
        return book;
    }

    [Fact]
    public void Models_are_ranked_within_architectures_and_tested_like_r()
    {
        var table = RanksTable.Build(ModelRanks.Of(Book()));
        Assert.Equal(RanksTable.Header, table.Header);
        Assert.Equal(["SmartMixed pool=paper6", "relu", "tanh"], Enumerable.Range(0, 3).Select(r => table.Text(r, "model")));
        Assert.Equal("hidden", table.Text(0, "group_by"));
        Assert.Equal("3", table.Text(0, "first_ranks"));
        Assert.Equal(1.25, Number(table, 0, "mean_rank"), 14);
        Assert.Equal((1 + 0.5 + 1 + 1) / 4.0, Number(table, 0, "mean_reciprocal_rank"), 14);
        Assert.Equal(0.955, Number(table, 0, "test_accuracy_mean"), 14);
        Assert.Equal("relu", table.Text(1, "baseline"));
        Assert.Equal("", table.Text(0, "baseline"));
        Assert.Equal(3, Number(table, 2, "mean_rank"), 14);
        Assert.Equal(6.5, Number(table, 0, "friedman_chi2"), 12);
        Assert.Equal(0.0387742078317, Number(table, 0, "friedman_p"), 12);
        Assert.Equal(13, Number(table, 0, "iman_davenport_f"), 10);
        Assert.Equal(0.006591796875, Number(table, 0, "iman_davenport_p"), 12);
        // R's qtukey stops its search near 1e-9; the studentized range here agrees with SciPy to 1e-12 (Statistics tests).
        Assert.Equal(2.34370058790214, Number(table, 0, "nemenyi_q"), 7);
        Assert.Equal(1.6572465787765, Number(table, 0, "nemenyi_cd"), 7);
        Assert.Equal(table.Text(0, "nemenyi_cd"), table.Text(2, "nemenyi_cd")); // the tests repeat on every row
    }

    [Fact]
    public void Without_a_varying_architecture_the_seeds_are_the_groups()
    {
        var ranks = ModelRanks.Of(SampleBook());
        Assert.Equal("seed", ranks.GroupBy);
        var table = RanksTable.Build(ranks);
        // models: cells A and B, relu, tanh, and elu (another architecture, hidden=8: named with it)
        Assert.Equal(5, table.Rows.Count);
        // elu has seed 1 only and B lacks seed 3: only seed 1 is complete, too few groups for Friedman.
        Assert.Equal("1", table.Text(0, "groups"));
        Assert.Equal("", table.Text(0, "friedman_p"));
        Assert.Contains("fewer than two complete groups", table.Text(0, "note"));
    }

    [Fact]
    public void The_group_factor_can_be_chosen()
    {
        var ranks = ModelRanks.Of(Book(), "seed");
        Assert.Equal("seed", ranks.GroupBy);
        Assert.Equal(12, ranks.Models.Count); // every architecture's cell is its own model when seeds are the groups
    }

    private static CellBook SampleBook()
    {
        var book = new CellBook();
        foreach (var row in Rows()) book.Add(row.Spec, row.Record?.Outcome);
        return book;
    }
}
