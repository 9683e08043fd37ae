namespace Monolith.Binlog.Decoding;

/// <summary>The kinds of <see cref="DecoderNotice"/>.</summary>
public enum DecoderNoticeKind : byte
{
    /// <summary>An event of a type this decoder does not know was
    /// skipped by its length (reported once per type).</summary>
    UnknownEventSkipped,

    /// <summary>The schema provider's schema did not fit a TABLE_MAP;
    /// columns are named @1, @2, ... (once per table).</summary>
    SchemaMismatch,

    /// <summary>A statement-based change inside a transaction cannot be decoded into rows (reported once).</summary>
    StatementNotDecoded,

    /// <summary>The source logged an INCIDENT: changes may be missing from the stream.</summary>
    Incident,

    /// <summary>An open transaction was discarded without being delivered (a new GTID or a server restart).</summary>
    TransactionAbandoned,

    /// <summary>A transaction grew past the memory limit and is staged in a temporary file.</summary>
    TransactionSpilled,
}
