using Microsoft.Playwright;

namespace SmartMixed.Sweep.Tests.Report;

/// <summary>
/// Debian's chromium driven by Playwright (never a browser Playwright downloads: <c>playwright install</c> is
/// unreachable here). A missing browser fails the test with the command that installs it; it never passes silently.
/// </summary>
internal static class Chromium
{
    /// <summary>SMARTMIXED_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SMARTMIXED_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"no browser at {ExecutablePath}: install it with 'apt-get install -y chromium fonts-dejavu-core' (test.sh does), or set SMARTMIXED_CHROMIUM");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            // Without the background-networking flags the browser tries to reach its own services and is refused.
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}

/// <summary>A page with everything a test checks about it recorded: console errors, page errors and every request.</summary>
internal sealed class WatchedPage
{
    public List<string> Errors { get; } = [];
    public List<string> Requests { get; } = [];

    public IPage Page { get; }

    private WatchedPage(IPage page)
    {
        Page = page;
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Errors.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => Errors.Add("page error: " + e);
        page.RequestFailed += (_, r) => Errors.Add($"request failed: {r.Url} {r.Failure}");
        page.Request += (_, r) => { lock (Requests) Requests.Add(r.Url); };
    }

    public static async Task<WatchedPage> OpenAsync(IBrowser browser, BrowserNewPageOptions? options = null) =>
        new(await browser.NewPageAsync(options ?? new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } }));
}
