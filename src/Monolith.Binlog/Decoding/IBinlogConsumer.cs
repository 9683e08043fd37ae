namespace Monolith.Binlog.Decoding;

/// <summary>
/// Receives what a <see cref="BinlogDecoder"/> decodes. Row changes arrive only for committed transactions, at
/// their commit, in this order: <see cref="OnTransactionStart"/>, then <see cref="OnRows"/> once per rows event
/// in log order (and <see cref="OnSchemaChange"/> for DDL), then <see cref="OnTransactionCommit"/>. Calls come on
/// the thread that feeds the decoder; the spans they carry are valid only during the call, so a consumer either
/// decodes the rows right there or copies the body bytes (with the <see cref="RowsEvent.Header"/> and
/// <see cref="RowsEvent.Table"/>) to decode later elsewhere.
/// </summary>
/// <remarks>
/// A transaction that ends with ROLLBACK is delivered too: in row-based logging the only rows a rolled-back
/// transaction leaves in the binlog are changes to non-transactional tables (MyISAM, MEMORY), which persisted.
/// DDL statements and other statements outside a transaction (GRANT, ALTER USER, ...) are delivered as
/// transactions of their own without rows, so that every commit carries a position to resume from.
/// </remarks>
public interface IBinlogConsumer
{
    /// <summary>A committed transaction begins; its rows follow.</summary>
    void OnTransactionStart(in TransactionInfo transaction);

    /// <summary>One rows event of the committed transaction.</summary>
    void OnRows(in RowsEvent rows);

    /// <summary>A DDL statement passed; cached table decoders and schemas of the tables it names are dropped.</summary>
    void OnSchemaChange(in SchemaChange change);

    /// <summary>The transaction is complete; <see cref="TransactionCommit.EndPosition"/>
    /// is where to resume after it.</summary>
    void OnTransactionCommit(in TransactionCommit commit);

    /// <summary>
    /// The stream moved without a transaction (a heartbeat, a rotate to the next file); the position is safe to
    /// resume from, so an idle stream can still be checkpointed. Only sent while no transaction is open.
    /// </summary>
    void OnProgress(in BinlogProgress progress);

    /// <summary>Something worth knowing that is not an error: an
    /// unknown event skipped, a schema that did not fit.</summary>
    void OnNotice(in DecoderNotice notice);
}
