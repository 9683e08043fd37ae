namespace Monolith.Binlog.Replication;

/// <summary>One binlog file the server still has, as <c>SHOW BINARY LOGS</c> lists it.</summary>
public sealed record BinaryLogFile(string Name, long Size);
