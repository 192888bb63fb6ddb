using System.Text.Json.Serialization;
using SmartMixed.Grains.Report;

namespace SmartMixed.Grains.Web;

/// <summary>One server-sent update of a live page: the progress line and bar, state, ETA, and the page's content.</summary>
public sealed record LiveUpdate(
    [property: JsonPropertyName("percent")] double Percent,
    [property: JsonPropertyName("progress")] string Progress,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("eta")] string Eta,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("finished")] bool Finished)
{
    public static LiveUpdate Of(ReportModel model)
    {
        var (percent, progress) = ReportPage.Progress(model);
        return new LiveUpdate(percent, progress, ReportPage.State(model), ReportPage.Eta(model), ReportPage.Content(model, new FigureSet(null)),
            model.Status?.IsFinished ?? true);
    }
}
