namespace Monolith.Binlog.Replication;

/// <summary>How a <see cref="ReplicationStart"/> names the place to start reading.</summary>
public enum ReplicationStartKind
{
    /// <summary>The oldest binlog the server still has.</summary>
    Earliest,

    /// <summary>The end of the binlog when the client first connects: only changes from then on.</summary>
    Latest,

    /// <summary>An explicit binlog file and offset.</summary>
    Position,

    /// <summary>A MySQL GTID set: every transaction not in it.</summary>
    MySqlGtids,

    /// <summary>A MariaDB GTID position: every transaction after it, per domain.</summary>
    MariaDbGtids,
}
