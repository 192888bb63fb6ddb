using SmartMixed.Client.Specs;
using SmartMixed.Training.Config;

namespace SmartMixed.Sweep.Tests.Specs;

public class ExampleSpecTests
{
    [Fact]
    public void Every_example_spec_validates()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "SmartMixed.Sweep.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var examples = Path.Combine(dir, "examples");
        Assert.True(Directory.Exists(examples), $"no examples folder at {examples}");

        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(examples, "*.yaml", SearchOption.AllDirectories).Order())
        {
            try
            {
                Assert.NotEmpty(SweepSpec.LoadPlan(file).Runs);
            }
            catch (ConfigException e)
            {
                failures.Add($"{Path.GetFileName(file)}:{Environment.NewLine}{e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(Directory.EnumerateFiles(examples, "*.yaml").Count() >= 6, "the examples are missing");
    }
}
