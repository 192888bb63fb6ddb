namespace SmartMixed.Grains.Hosting;

/// <summary>
/// A cluster setting that cannot be used as it is (a secret file that cannot be read, a certificate that does not load,
/// a Redis that wants another password). The message is one line that names the setting; programs show it as it is.
/// </summary>
public sealed class ClusterConfigurationException(string message, Exception? inner = null) : ArgumentException(message, inner);
