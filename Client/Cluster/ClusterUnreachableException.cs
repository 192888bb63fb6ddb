namespace SmartMixed.Client.Cluster;

/// <summary>No silo of the configured cluster answered.</summary>
public class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
