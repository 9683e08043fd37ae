using Monolith.Binlog.Events;
using Monolith.Binlog.Statements;

namespace Monolith.Binlog.Decoding;

/// <summary>A DDL statement from the stream.</summary>
public readonly struct SchemaChange
{
    /// <summary>What the statement does.</summary>
    public StatementKind Kind { get; init; }

    /// <summary>The database the statement affects (the named one, or the session's default database).</summary>
    public string? Database { get; init; }

    /// <summary>The session's default database when the statement ran (for names it left unqualified).</summary>
    public string? DefaultDatabase { get; init; }

    /// <summary>The first table the statement names, or null for database-level statements.</summary>
    public string? Table { get; init; }

    /// <summary>Every table the statement names (RENAME: old and new names in pairs).</summary>
    public IReadOnlyList<TableName> Tables { get; init; }

    /// <summary>Whether the statement concerns a TEMPORARY table.</summary>
    public bool IsTemporary { get; init; }

    /// <summary>The statement text, decoded with the client character set.</summary>
    public string Statement { get; init; }

    /// <summary>Where the QUERY event starts.</summary>
    public BinlogPosition Position { get; init; }

    /// <summary>Where the QUERY event ends.</summary>
    public BinlogPosition EndPosition { get; init; }

    /// <summary>The event's timestamp (seconds since the Unix epoch).</summary>
    public uint Timestamp { get; init; }

    /// <summary>The statement's GTID, when it had one.</summary>
    public Gtid Gtid { get; init; }
}
