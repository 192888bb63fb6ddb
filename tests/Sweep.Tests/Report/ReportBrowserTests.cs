using Microsoft.Playwright;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// report.html opened from disk in headless Chromium: no console or page errors, no request outside the file, the
/// heat-maps drawn with one cell per layer × function, a tooltip on hover, and the figures rendered (not empty).
/// SMARTMIXED_SCREENSHOTS=DIR keeps a screenshot of the page for a person to look at.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("smartmixed-report-browser-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task The_report_opens_without_errors_or_requests_and_shows_the_heat_maps()
    {
        ReportPageTests.Write(_directory.FullName);
        var path = Path.Combine(_directory.FullName, "report.html");
        var url = new Uri(path).AbsoluteUri;
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var watched = await WatchedPage.OpenAsync(browser);
        var page = watched.Page;
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(watched.Errors);
        Assert.All(watched.Requests, r => Assert.True(r == url || r.StartsWith("data:", StringComparison.Ordinal), $"a request left the file: {r}"));

        var maps = page.Locator(".heatmap");
        Assert.Equal(2, await maps.CountAsync());
        for (int i = 0; i < 2; i++)
        {
            var map = maps.Nth(i);
            int layers = int.Parse(await map.GetAttributeAsync("data-layers") ?? "0");
            int functions = int.Parse(await map.GetAttributeAsync("data-functions") ?? "0");
            Assert.Equal(layers * functions, await map.Locator(".hm-cell").CountAsync());
            // drawn: each cell has a size and a colour of its own
            var box = await map.Locator(".hm-cell").First.BoundingBoxAsync();
            Assert.True(box is { Width: > 10, Height: > 10 }, "a heat-map cell has no size");
        }
        var colours = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('.hm-cell:not(.empty)')).map(e => getComputedStyle(e).backgroundColor)");
        Assert.True(colours.Distinct().Count() > 3, "the heat-map cells are not coloured by their shares");

        var tooltip = page.Locator("#tooltip");
        Assert.False(await tooltip.IsVisibleAsync());
        await page.Locator(".heatmap .hm-cell[data-layer='1'][data-function='relu']").First.HoverAsync();
        Assert.True(await tooltip.IsVisibleAsync());
        Assert.Matches(@"layer 1 · relu: \d+\.\d % of neurons, mean over \d runs", await tooltip.TextContentAsync());

        // every inline figure rendered with its lines and text (a wrong or empty figure has no paths or no text)
        var svgs = page.Locator("figure svg");
        Assert.True(await svgs.CountAsync() >= 5);
        for (int i = 0; i < await svgs.CountAsync(); i++)
        {
            var svg = svgs.Nth(i);
            var size = await svg.BoundingBoxAsync();
            Assert.True(size is { Width: > 100, Height: > 100 }, $"figure {i} is not drawn");
            Assert.True(await svg.Locator("path, polyline, line").CountAsync() > 3, $"figure {i} has no lines");
            Assert.True(await svg.Locator("text").CountAsync() > 3, $"figure {i} has no text");
        }

        if (Environment.GetEnvironmentVariable("SMARTMIXED_SCREENSHOTS") is { Length: > 0 } shots)
        {
            Directory.CreateDirectory(shots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "report.png"), FullPage = true });
        }
    }
}

/// <summary>A browser test without its browser fails, naming the install command; it never passes silently.</summary>
[Collection(ChromiumPathCollection.Name)]
public class MissingBrowserTests
{
    [Fact]
    public async Task A_missing_browser_fails_the_test_with_the_command_that_installs_it()
    {
        var previous = Environment.GetEnvironmentVariable("SMARTMIXED_CHROMIUM");
        Environment.SetEnvironmentVariable("SMARTMIXED_CHROMIUM", "/nonexistent/chromium");
        try
        {
            var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(Chromium.LaunchAsync);
            Assert.Contains("apt-get install -y chromium", failure.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SMARTMIXED_CHROMIUM", previous);
        }
    }
}

/// <summary>Tests that change SMARTMIXED_CHROMIUM run apart from the tests that launch the browser.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChromiumPathCollection
{
    public const string Name = "chromium path";
}
