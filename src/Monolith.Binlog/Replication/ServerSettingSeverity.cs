namespace Monolith.Binlog.Replication;

/// <summary>How much a server setting matters to a change-data-capture replica.</summary>
public enum ServerSettingSeverity
{
    /// <summary>A recommendation: replication works, something could be better.</summary>
    Notice,

    /// <summary>Replication works with weaker guarantees than it could have.</summary>
    Warning,

    /// <summary>Replication cannot work, or would deliver wrong or incomplete changes.</summary>
    Error,
}
