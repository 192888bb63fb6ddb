using System.Globalization;
using SmartMixed.Grains.Tables;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class SweepTablesTests
{
    [Fact]
    public void Tables_do_not_depend_on_the_input_order()
    {
        var runs = Runs();
        var reference = Csvs(SweepTables.Build(runs));
        var reversed = runs.Reverse().ToList();
        var random = new Random(20251129);
        var shuffled = runs.OrderBy(_ => random.Next()).ToList();
        var shuffledFixed = runs.Select((r, i) => (r, k: (i * 7) % runs.Count)).OrderBy(x => x.k).Select(x => x.r).ToList();
        Assert.Equal(reference, Csvs(SweepTables.Build(reversed)));
        Assert.Equal(reference, Csvs(SweepTables.Build(shuffled)));
        Assert.Equal(reference, Csvs(SweepTables.Build(shuffledFixed)));
    }

    [Fact]
    public void WriteAll_writes_four_invariant_csv_files_under_a_comma_decimal_culture()
    {
        var directory = Path.Combine(Path.GetTempPath(), "smartmixed-tables-" + Guid.NewGuid().ToString("N"));
        var previous = CultureInfo.CurrentCulture;
        // The build runs with InvariantGlobalization, so de-DE cannot be loaded: build its number format by hand.
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = german;
            Assert.Equal("0,5", 0.5.ToString()); // the culture is in effect
            var paths = SweepTables.WriteAll(directory, SweepId, Runs());

            Assert.Equal(["runs.csv", "accuracy.csv", "diversity.csv", "curves.csv"], paths.Select(Path.GetFileName));
            Assert.Equal(4, Directory.GetFiles(directory).Length); // no temporary files left
            var expected = SweepTables.Build(Runs());
            var counts = new[] { expected.Runs, expected.Accuracy, expected.Diversity, expected.Curves };
            for (int i = 0; i < 4; i++)
            {
                var text = File.ReadAllText(paths[i]);
                Assert.Equal(counts[i].ToCsv(), text);
                var records = ParseCsv(text);
                Assert.Equal(counts[i].Header, records[0]);
                Assert.Equal(counts[i].Rows.Count + 1, records.Count);
                Assert.Equal(1, records.Count(rec => rec[0] == counts[i].Header[0])); // one header row
            }

            var runs = ParseCsv(File.ReadAllText(paths[0]));
            var header = runs[0].ToList();
            var a2 = runs.Single(r => r[1] == "a2");
            Assert.Equal("0.92", a2[header.IndexOf("test_accuracy")]);
            Assert.Equal("12.5", a2[header.IndexOf("wall_seconds")]);
            Assert.Equal("0.25", runs.Single(r => r[1] == "a1")[header.IndexOf("share.L1.tanh")]);
            Assert.Contains("\r\n", File.ReadAllText(paths[0]));
            Assert.DoesNotContain("0,92", File.ReadAllText(paths[0]));

            var accuracy = ParseCsv(File.ReadAllText(paths[1]));
            var cellA = accuracy.Single(r => r[0] == CellA);
            var mean = cellA[accuracy[0].ToList().IndexOf("test_accuracy_mean")];
            Assert.Matches(@"^0\.9[0-9]*$", mean);
            Assert.Equal(0.92, double.Parse(mean, CultureInfo.InvariantCulture), 14);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WriteAll_refuses_runs_of_another_sweep()
    {
        var runs = Runs().Append(Runs()[0] with { SweepId = "other" }).ToList();
        var directory = Path.Combine(Path.GetTempPath(), "smartmixed-tables-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<ArgumentException>(() => SweepTables.WriteAll(directory, SweepId, runs));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void No_runs_give_headers_only()
    {
        var tables = SweepTables.Build([]);
        Assert.Empty(tables.Runs.Rows);
        Assert.Empty(tables.Accuracy.Rows);
        Assert.Empty(tables.Diversity.Rows);
        Assert.Empty(tables.Curves.Rows);
        Assert.Equal("sweep_id", tables.Runs.Header[0]);
    }

    private static string[] Csvs(SweepTableSet set) => [set.Runs.ToCsv(), set.Accuracy.ToCsv(), set.Diversity.ToCsv(), set.Curves.ToCsv()];
}
