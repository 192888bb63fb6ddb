using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmartMixed.Grains.Web;

/// <summary>
/// Who may see the web pages: anyone on this machine when they listen on loopback only and no token is set; else only
/// a request with the token (<c>Authorization: Bearer TOKEN</c>, or Basic with TOKEN as the password). Checked before
/// the host starts, so a page reachable from the network is never served without credentials.
/// </summary>
public sealed class WebAccess(string? token)
{
    public const string Realm = "smartmixed";

    public bool RequiresToken => token is not null;

    /// <summary>Refuses a non-loopback address without a token, naming the address and the way to set one.</summary>
    public static WebAccess For(SweepWebOptions options)
    {
        var token = options.EffectiveToken();
        if (token is null)
            foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!IsLoopback(url)) throw new InsecureWebBindingException(url);
        return new WebAccess(token);
    }

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    public bool Allows(HttpRequest request)
    {
        if (token is null) return true;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Same(header["Bearer ".Length..].Trim(), token);
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                int colon = decoded.IndexOf(':');
                return colon >= 0 && Same(decoded[(colon + 1)..], token);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>The middleware: 401 with a Basic challenge (so a browser asks) for a request without the token.</summary>
    public async Task Check(HttpContext context, Func<Task> next)
    {
        if (Allows(context.Request))
        {
            await next();
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        await context.Response.WriteAsync("a token is needed: Authorization: Bearer TOKEN, or Basic with the token as the password\n");
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
