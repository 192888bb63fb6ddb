using System.Net;
using Microsoft.Playwright;
using SmartMixed.Sweep.Testing;
using SmartMixed.Sweep.Tests.CommandLine;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// <c>sweep run</c> on a small synthetic sweep prints its live page's address; the page, opened in headless Chromium
/// while the sweep runs, changes its progress through server-sent events, shows the heat-maps of the cells as their
/// runs end, and stays within its own origin without errors. The run then writes report.html beside the tables, and
/// <c>sweep report</c> writes it again from the stored sweep.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LivePageBrowserTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-live-");

    private string In(string name) => Path.Combine(_directory.FullName, name);

    private const string Spec = """
        name: livetiny
        data: { name: synthetic }
        epochs: 6
        fixed: { hidden: [16, 8], switch: { rule: epoch, epoch: 3 } }
        factors: { temperature: [0.5, 1.0] }
        seeds: 2
        baselines: [relu]
        """;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("Web__Urls", null);
        Environment.SetEnvironmentVariable("Web__UpdateSeconds", null);
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_live_page_follows_a_running_sweep_and_the_report_is_written_after_it()
    {
        File.WriteAllText(In("livetiny.yaml"), Spec);
        int port = RedisServer.FreePort();
        var page = $"http://127.0.0.1:{port}/sweeps/livetiny";
        Environment.SetEnvironmentVariable("Web__Urls", $"http://127.0.0.1:{port}");
        Environment.SetEnvironmentVariable("Web__UpdateSeconds", "0.3");
        var (playwright, browser) = await Chromium.LaunchAsync(); // before the sweep: a missing browser fails at once
        using var _ = playwright;
        await using var __ = browser;

        var run = Task.Run(() => ConsoleCapture.Run(["sweep", "run", In("livetiny.yaml"), "--data-dir", In("store"), "--out", In("results"), "--slots", "1"]));
        using (var http = new HttpClient())
        {
            var until = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (run.IsCompleted) Assert.Fail("the sweep ended before its live page answered: " + (await run).Text);
                try
                {
                    if ((await http.GetAsync(page)).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { } // not listening yet
                Assert.True(DateTime.UtcNow < until, "the live page never answered");
                await Task.Delay(100);
            }
        }

        var watched = await WatchedPage.OpenAsync(browser);
        await watched.Page.GotoAsync(page);
        var first = await watched.Page.Locator("#progress-text").TextContentAsync();
        var changed = watched.Page.WaitForFunctionAsync("t => document.getElementById('progress-text').textContent !== t", first,
            new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 100 });
        await changed;
        // a SmartMixed run ends, and its cell's heat-map appears: one element per layer × function
        await watched.Page.WaitForSelectorAsync(".heatmap", new PageWaitForSelectorOptions { Timeout = 120_000 });
        var map = watched.Page.Locator(".heatmap").First;
        int layers = int.Parse(await map.GetAttributeAsync("data-layers") ?? "0"), functions = int.Parse(await map.GetAttributeAsync("data-functions") ?? "0");
        Assert.Equal(2, layers);
        Assert.Equal(layers * functions, await map.Locator(".hm-cell").CountAsync());
        Assert.Empty(watched.Errors);
        lock (watched.Requests)
            Assert.All(watched.Requests, r => Assert.StartsWith($"http://127.0.0.1:{port}/sweeps/livetiny", r));
        if (Environment.GetEnvironmentVariable("SMARTMIXED_SCREENSHOTS") is { Length: > 0 } shots)
        {
            Directory.CreateDirectory(shots);
            await watched.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "live.png"), FullPage = true });
        }

        var (code, text) = await run;
        Assert.True(code == 0, text);
        Assert.Contains($"live page: {page}", text);
        Assert.Contains("report: ", text);
        Assert.True(File.Exists(In("results/livetiny/report.html")));
        foreach (var table in new[] { "comparisons.csv", "effects.csv", "ranks.csv" }) Assert.True(File.Exists(In("results/livetiny/" + table)), table);

        (code, text) = ConsoleCapture.Run(["sweep", "report", "livetiny", "--data-dir", In("store"), "--out", In("again")]);
        Assert.True(code == 0, text);
        Assert.True(File.Exists(In("again/livetiny/report.html")));
        Assert.True(File.Exists(In("again/livetiny/figures/learning-curves.png")));
        Assert.False(File.Exists(In("again/livetiny/runs.csv"))); // the report alone

        (code, text) = ConsoleCapture.Run(["sweep", "report", "nope", "--data-dir", In("store"), "--out", In("again")]);
        Assert.Equal(2, code);
        Assert.Contains("no sweep 'nope' here", text);
        Assert.DoesNotContain("   at ", text);

        File.WriteAllText(In("a-file"), "");
        (code, text) = ConsoleCapture.Run(["sweep", "report", "livetiny", "--data-dir", In("store"), "--out", In("a-file")]);
        Assert.Equal(2, code); // bad input, as everywhere else (ExitCodes)
        Assert.Contains("--out", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public void Sweep_run_refuses_live_pages_open_to_the_network_without_a_token_before_anything_runs()
    {
        File.WriteAllText(In("livetiny.yaml"), Spec);
        Environment.SetEnvironmentVariable("Web__Urls", "http://0.0.0.0:0");
        var (code, text) = ConsoleCapture.Run(["sweep", "run", In("livetiny.yaml"), "--data-dir", In("store"), "--out", In("results")]);
        Assert.Equal(2, code);
        Assert.Contains("http://0.0.0.0:0, which is not loopback, without credentials", text);
        Assert.DoesNotContain("   at ", text);
        Assert.False(Directory.Exists(In("results/livetiny")));
    }
}
