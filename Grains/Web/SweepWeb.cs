using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartMixed.GrainInterfaces;
using SmartMixed.Grains.Report;

namespace SmartMixed.Grains.Web;

/// <summary>
/// The web pages of a silo: <c>/sweeps</c> lists the sweeps, <c>/sweeps/ID</c> is a sweep's live page (the report's
/// page, drawn from what has ended so far), <c>/sweeps/ID/events</c> streams its updates as server-sent events until
/// the sweep is finished. Every request passes <see cref="WebAccess"/> first.
/// </summary>
public static class SweepWeb
{
    public static void Map(WebApplication app, SweepWebOptions options, WebAccess access)
    {
        app.Use((context, next) => access.Check(context, () => next()));
        app.MapGet("/", () => Results.Redirect("/sweeps"));
        app.MapGet("/sweeps", async (IGrainFactory grains) => Results.Content(await ListAsync(grains), "text/html; charset=utf-8"));
        app.MapGet("/sweeps/{id}", async (string id, IGrainFactory grains, CancellationToken cancellation) =>
        {
            if (!SweepIds.IsValid(id)) return Results.NotFound($"'{id}' is not a sweep id\n");
            var model = await LiveSweep.ModelAsync(grains, id, cancellation);
            return model is null
                ? Results.NotFound($"no sweep '{id}' here\n")
                : Results.Content(ReportPage.Render(model, new FigureSet(null)), "text/html; charset=utf-8");
        });
        app.MapGet("/sweeps/{id}/events", (string id, IGrainFactory grains, CancellationToken cancellation) =>
            SweepIds.IsValid(id)
                ? TypedResults.ServerSentEvents(Updates(grains, id, TimeSpan.FromSeconds(Math.Max(0.2, options.UpdateSeconds)), cancellation))
                : (IResult)Results.NotFound());
    }

    /// <summary>An update now, then one every <paramref name="interval"/> until the sweep is finished (that one included).</summary>
    public static async IAsyncEnumerable<SseItem<string>> Updates(IGrainFactory grains, string sweepId, TimeSpan interval,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var model = await LiveSweep.ModelAsync(grains, sweepId, cancellation);
            if (model is null) yield break;
            var update = LiveUpdate.Of(model);
            yield return new SseItem<string>(JsonSerializer.Serialize(update), "update");
            if (update.Finished) yield break;
            try { await Task.Delay(interval, cancellation); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    private static async Task<string> ListAsync(IGrainFactory grains)
    {
        var sweeps = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Sweeps</title></head><body>\n<h1>Sweeps</h1>\n<ul>\n");
        foreach (var s in sweeps)
            html.Append($"<li><a href=\"/sweeps/{WebUtility.UrlEncode(s.SweepId)}\">{WebUtility.HtmlEncode(s.SweepId)}</a> ({WebUtility.HtmlEncode(s.State.ToString().ToLowerInvariant())})</li>\n");
        return html.Append("</ul>\n</body></html>\n").ToString();
    }
}
