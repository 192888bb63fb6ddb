using SmartMixed.Grains.Statistics;

namespace SmartMixed.Sweep.Tests.Statistics;

// The R commands below are in References/ranks.R.
public class RankComparisonTests
{
    private static readonly string[] Classifiers = ["C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"];

    // Demšar (2006), JMLR 7, Table 6: AUC of four C4.5 variants on 14 UCI data sets (rows), one column per variant.
    private static double?[][] DemsarTable(double votingCf = 0.975) =>
    [
        [0.763, 0.768, 0.771, 0.798], [0.599, 0.591, 0.590, 0.569], [0.954, 0.971, 0.968, 0.967], [0.628, 0.661, 0.654, 0.657],
        [0.882, 0.888, 0.886, 0.898], [0.936, 0.931, 0.916, 0.931], [0.661, 0.668, 0.609, 0.685], [0.583, 0.583, 0.563, 0.625],
        [0.775, 0.838, 0.866, 0.875], [1.000, 1.000, 1.000, 1.000], [0.940, 0.962, 0.965, 0.962], [0.619, 0.666, 0.614, 0.669],
        [0.972, 0.981, votingCf, 0.975], [0.957, 0.978, 0.946, 0.970],
    ];

    private static readonly string[] DataSets = Enumerable.Range(1, 14).Select(i => $"d{i}").ToArray();

    [Fact]
    public void Demsar_worked_example_reproduces_the_published_numbers()
    {
        // Demšar's average ranks (3.143, 2.000, 2.893, 1.964), χ²_F = 9.28, F_F = 3.69 and CD = 1.25 (p. 13) rank C4.5+cf
        // ahead of C4.5+m+cf on "voting", where both print as 0.975; 0.97501 reproduces them. His χ²_F has no tie
        // correction (our ChiSquareUncorrected). R 4.2.2 on that table: 12N/(k(k+1))·(Σ R² − k(k+1)²/4) = 9.2785714285714089,
        // (N−1)χ²/(N(k−1)−χ²) = 3.6863130320890534, qtukey(0.95, 4, Inf)/sqrt(2)*sqrt(4*5/(6*14)) = 1.2535591494959941
        var r = RankComparison.Compute(Classifiers, DataSets, DemsarTable(votingCf: 0.97501));
        double[] published = [3.143, 2.000, 2.893, 1.964];
        for (int m = 0; m < 4; m++) StatAssert.Near(published[m], r.Ranks[m].MeanRank, 0.0005);
        StatAssert.Near(9.28, r.Friedman!.ChiSquareUncorrected, 0.005);
        StatAssert.Near(9.2785714285714089, r.Friedman.ChiSquareUncorrected, 1e-12);
        StatAssert.Near(3.69, FriedmanTest.ImanDavenport(r.Friedman.ChiSquareUncorrected, 14, 4), 0.005);
        StatAssert.Near(3.6863130320890534, FriedmanTest.ImanDavenport(r.Friedman.ChiSquareUncorrected, 14, 4), 1e-12);
        StatAssert.Near(1.25, r.Nemenyi!.CriticalDifference, 0.005);
        StatAssert.Near(1.2535591494959941, r.Nemenyi.CriticalDifference, 1e-7);
        Assert.Equal(0.05, r.Nemenyi.Alpha);
    }

    [Fact]
    public void Demsar_table_as_printed_matches_R()
    {
        // R 4.2.2, m = the table as printed, r <- t(apply(-m, 1, rank)):
        //   colMeans(r) = 3.1428571428571428 2 2.9285714285714284 1.9285714285714286
        //   colMeans(1/r) = 0.39642857142857141 0.59047619047619049 0.39642857142857141 0.65595238095238095
        //   sapply(1:4, function(j) sum(apply(m, 1, max) == m[, j])) = 3 5 2 7
        //   colMeans(m) = 0.80492857142857144 0.8204285714285714 0.80878571428571422 0.82721428571428568
        //   apply(m, 2, sd) = 0.16018713301141754 0.15858301115999604 0.16756637195746948 0.15454756727121441
        //   friedman.test(m): chi-squared 10.952380952380953, p 0.011986176325417815 (SciPy friedmanchisquare agrees)
        //   F <- 13*chi/(14*3 - chi) = 4.5858895705521476; pf(F, 3, 39, lower.tail = FALSE) = 0.0076288387307257618
        //   uncorrected χ² 9.8571428571428541
        var r = RankComparison.Compute(Classifiers, DataSets, DemsarTable());
        double[] meanRank = [3.1428571428571428, 2, 2.9285714285714284, 1.9285714285714286];
        double[] mrr = [0.39642857142857141, 0.59047619047619049, 0.39642857142857141, 0.65595238095238095];
        int[] first = [3, 5, 2, 7];
        double[] mean = [0.80492857142857144, 0.8204285714285714, 0.80878571428571422, 0.82721428571428568];
        double[] sd = [0.16018713301141754, 0.15858301115999604, 0.16756637195746948, 0.15454756727121441];
        for (int m = 0; m < 4; m++)
        {
            var rank = r.Ranks[m];
            Assert.Equal(Classifiers[m], rank.Model);
            StatAssert.Near(meanRank[m], rank.MeanRank, 1e-14);
            StatAssert.Near(mrr[m], rank.MeanReciprocalRank, 1e-14);
            Assert.Equal(first[m], rank.FirstRankCount);
            StatAssert.Near(mean[m], rank.MeanScore, 1e-14);
            StatAssert.Near(sd[m], rank.SdScore, 1e-14);
        }
        var f = r.Friedman!;
        Assert.Equal(14, f.Groups);
        Assert.Equal(4, f.Models);
        Assert.Equal(3, f.DegreesOfFreedom);
        StatAssert.Near(10.952380952380953, f.ChiSquare, 1e-12);
        StatAssert.Relative(0.011986176325417815, f.P, 1e-10);
        StatAssert.Near(9.8571428571428541, f.ChiSquareUncorrected, 1e-12);
        StatAssert.Near(4.5858895705521476, f.ImanDavenportF, 1e-12);
        Assert.Equal(3, f.ImanDavenportDf1);
        Assert.Equal(39, f.ImanDavenportDf2);
        StatAssert.Relative(0.0076288387307257618, f.ImanDavenportP, 1e-10);
        Assert.Null(f.Note);
        Assert.Equal(DataSets, r.GroupsUsed);
        Assert.Empty(r.GroupsDropped);
    }

    [Fact]
    public void Incomplete_groups_are_left_out_and_listed()
    {
        // Three models over five complete groups plus two with a missing score.
        // R 4.2.2: s <- matrix(c(.91,.93,.92, .88,.90,.90, .95,.94,.96, .85,.89,.87, .90,.93,.91), ncol = 3, byrow = TRUE)
        //   colMeans(t(apply(-s, 1, rank))) = 2.8 1.5 1.7; colMeans(1/r) = 0.36666666666666664 0.8 0.6333333333333333
        //   friedman.test(s): 5.1578947368421053, p 0.075853808127134562; F = 4.2608695652173916, p 0.054971413663185545
        //   qtukey(0.95, 3, Inf)/sqrt(2)*sqrt(3*4/(6*5)) = 1.4822864022492881
        double?[][] scores =
        [
            [0.91, 0.93, 0.92], [0.88, 0.90, 0.90], [0.80, null, 0.99], [0.95, 0.94, 0.96], [0.85, 0.89, 0.87],
            [null, null, null], [0.90, 0.93, 0.91],
        ];
        var r = RankComparison.Compute(["a", "b", "c"], ["g1", "g2", "g3", "g4", "g5", "g6", "g7"], scores);
        Assert.Equal(["g1", "g2", "g4", "g5", "g7"], r.GroupsUsed);
        Assert.Equal(["g3", "g6"], r.GroupsDropped);
        StatAssert.Near(2.8, r.Ranks[0].MeanRank, 1e-14);
        StatAssert.Near(1.5, r.Ranks[1].MeanRank, 1e-14);
        StatAssert.Near(1.7, r.Ranks[2].MeanRank, 1e-14);
        StatAssert.Near(0.8, r.Ranks[1].MeanReciprocalRank, 1e-14);
        // R: sapply(1:3, function(j) sum(apply(s, 1, max) == s[, j])) = 0 4 2 (b and c share first place in g2)
        Assert.Equal(0, r.Ranks[0].FirstRankCount);
        Assert.Equal(4, r.Ranks[1].FirstRankCount);
        Assert.Equal(2, r.Ranks[2].FirstRankCount);
        StatAssert.Near(5.1578947368421053, r.Friedman!.ChiSquare, 1e-12);
        StatAssert.Relative(0.075853808127134562, r.Friedman.P, 1e-10);
        StatAssert.Near(4.2608695652173916, r.Friedman.ImanDavenportF, 1e-12);
        StatAssert.Relative(0.054971413663185545, r.Friedman.ImanDavenportP, 1e-10);
        StatAssert.Near(1.4822864022492881, r.Nemenyi!.CriticalDifference, 1e-7);
    }

    [Fact]
    public void Degenerate_cases_are_defined()
    {
        // Every group a complete tie: 0/0, p = 1 by rule.
        var tied = RankComparison.Compute(["a", "b"], ["g1", "g2"], [[0.9, 0.9], [0.8, 0.8]]);
        Assert.Null(tied.Friedman!.ChiSquare);
        Assert.Equal(1, tied.Friedman.P);
        Assert.Equal(1, tied.Friedman.ImanDavenportP);
        Assert.Equal(0, tied.Friedman.ChiSquareUncorrected);
        Assert.Equal(RankComparison.AllTied, tied.Friedman.Note);
        Assert.All(tied.Ranks, m => Assert.Equal(2, m.FirstRankCount));

        // Perfect agreement: χ² = N(k − 1) = 6, F infinite. R: friedman.test(rbind(c(3,2,1), c(3,2,1), c(3,2,1))) → 6, p 0.049787068367863944
        var agree = RankComparison.Compute(["a", "b", "c"], ["g1", "g2", "g3"], [[3.0, 2, 1], [3.0, 2, 1], [3.0, 2, 1]]);
        StatAssert.Near(6, agree.Friedman!.ChiSquare, 1e-12);
        StatAssert.Relative(0.049787068367863944, agree.Friedman.P, 1e-12);
        Assert.Equal(double.PositiveInfinity, agree.Friedman.ImanDavenportF);
        Assert.Equal(0, agree.Friedman.ImanDavenportP);
        Assert.Equal(RankComparison.PerfectAgreement, agree.Friedman.Note);
        Assert.Equal(3, agree.Ranks[0].FirstRankCount);
        Assert.Equal(1, agree.Ranks[0].MeanRank);

        // One complete group: ranks only, no test.
        var one = RankComparison.Compute(["a", "b"], ["g1", "g2"], [[0.9, 0.8], [null, 0.7]]);
        Assert.Single(one.GroupsUsed);
        Assert.Null(one.Friedman);
        Assert.Null(one.Nemenyi);
        Assert.Null(one.Ranks[0].SdScore);
        Assert.Equal(1, one.Ranks[0].MeanRank);

        // No complete group: nothing.
        var none = RankComparison.Compute(["a", "b"], ["g1"], [[0.9, null]]);
        Assert.Empty(none.Ranks);
        Assert.Equal(["g1"], none.GroupsDropped);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>(() => RankComparison.Compute(["a"], ["g"], [[1.0]]));
        Assert.Throws<ArgumentException>(() => RankComparison.Compute(["a", "a"], ["g"], [[1.0, 2]]));
        Assert.Throws<ArgumentException>(() => RankComparison.Compute(["a", "b"], ["g", "h"], [[1.0, 2]]));
        Assert.Throws<ArgumentException>(() => RankComparison.Compute(["a", "b"], ["g"], [[1.0, 2, 3]]));
        var nan = Assert.Throws<ArgumentException>(() => RankComparison.Compute(["a", "b"], ["g"], [[1.0, double.NaN]]));
        Assert.Contains("scores[0][1]", nan.Message);
        Assert.Throws<ArgumentException>(() => NemenyiCriticalDifference.Compute(1, 5));
    }
}
