namespace Monolith.Binlog.Decoding;

/// <summary>How a transaction ended in the binlog.</summary>
public enum TransactionEnding : byte
{
    /// <summary>An XID event (transactional engines).</summary>
    Xid,

    /// <summary>A QUERY <c>COMMIT</c> (non-transactional engines, or MariaDB without XID).</summary>
    Commit,

    /// <summary>A QUERY <c>ROLLBACK</c>: its rows are non-transactional changes that persisted.</summary>
    Rollback,

    /// <summary>A DDL statement, its own transaction.</summary>
    SchemaChange,

    /// <summary>Another statement outside a transaction (GRANT, ALTER USER, XA COMMIT of a prepared XA, ...).</summary>
    Statement,

    /// <summary><c>XA PREPARE</c>: the XA transaction's changes, delivered when prepared.</summary>
    XaPrepare,
}
