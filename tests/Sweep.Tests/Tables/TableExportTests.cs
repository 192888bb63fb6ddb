using System.Globalization;
using static SmartMixed.Sweep.Tests.Tables.SampleSweep;

namespace SmartMixed.Sweep.Tests.Tables;

public class TableExportTests
{
    [Fact]
    public void The_export_writes_seven_invariant_csv_files_and_leaves_no_temporary_file()
    {
        var previous = CultureInfo.CurrentCulture;
        // The build runs with InvariantGlobalization, so de-DE cannot be loaded: build its number format by hand.
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = german;
            Assert.Equal("0,5", 0.5.ToString()); // the culture is in effect
            var tables = Export();
            Assert.Equal(["accuracy.csv", "comparisons.csv", "curves.csv", "diversity.csv", "effects.csv", "ranks.csv", "runs.csv"], tables.Files);
            Assert.Equal("0.92", tables.Runs.Text(RowOf(tables.Runs, ("run_hash", "a2")), "test_accuracy"));
            Assert.Equal(0.92, Number(tables.Accuracy, RowOf(tables.Accuracy, ("cell", CellA)), "test_accuracy_mean"), 14);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Fields_are_quoted_per_RFC_4180()
    {
        var runs = Export().Runs;
        int b3 = RowOf(runs, ("run_hash", "b3"));
        Assert.Equal(FailureReason, runs.Text(b3, "failure_reason")); // it round-trips through "" quoting
        Assert.All(runs.Rows, row => Assert.Equal(runs.Header.Count, row.Count));
    }

    [Fact]
    public void No_runs_give_headers_only()
    {
        var tables = Export([]);
        Assert.Empty(tables.Runs.Rows);
        Assert.Empty(tables.Accuracy.Rows);
        Assert.Empty(tables.Diversity.Rows);
        Assert.Empty(tables.Curves.Rows);
        Assert.Equal("sweep_id", tables.Runs.Header[0]);
    }

    [Fact]
    public void A_failed_export_leaves_the_previous_tables()
    {
        var directory = Directory.CreateTempSubdirectory("smartmixed-export-");
        try
        {
            var target = Path.Combine(directory.FullName, "runs.csv");
            File.WriteAllText(target, "previous");
            var layout = new Grains.Tables.TableLayout(SweepId);
            foreach (var row in Rows()) layout.Add(row.Spec, Grains.Tables.ConfigColumns.Read(row.Spec.ConfigJson));
            using (var export = new Grains.Tables.SweepTableExport(directory.FullName, layout))
                export.Add(Rows()[0]); // never completed
            Assert.Equal("previous", File.ReadAllText(target));
            Assert.Equal(["runs.csv"], Directory.GetFiles(directory.FullName).Select(Path.GetFileName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
