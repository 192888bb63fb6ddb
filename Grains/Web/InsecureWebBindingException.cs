namespace SmartMixed.Grains.Web;

/// <summary>
/// The web pages were asked to listen off loopback without a token: a configuration error, refused before anything
/// listens (an <see cref="ArgumentException"/>, so the command line reports it as bad input in one line).
/// </summary>
public sealed class InsecureWebBindingException(string url)
    : ArgumentException($"the web pages would listen on {url}, which is not loopback, without credentials: set a token (Web__Token in the environment, or Web:TokenFile) or listen on 127.0.0.1")
{
    public string Url { get; } = url;
}
