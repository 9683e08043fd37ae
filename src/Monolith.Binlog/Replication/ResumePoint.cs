namespace Monolith.Binlog.Replication;

/// <summary>
/// Where to resume reading: the end of the last committed transaction the consumer has taken in, so that
/// nothing is lost and nothing repeated. Never the offset of a row event inside a transaction.
/// </summary>
/// <param name="Position">The binlog file and the offset just past the transaction's last event (its XID, or
/// the COMMIT query): the header's next-position field of that event, with the file named by the last ROTATE.</param>
/// <param name="Gtids">The GTID state after that transaction, when known completely: the start's GTID set or
/// position plus every GTID delivered since (MySQL: the executed set; MariaDB: the last GTID per domain). Used
/// to resume when the replication started from GTIDs; leave it null when only part of the state is known.</param>
public sealed record ResumePoint(BinlogPosition Position, GtidSet? Gtids = null)
{
    /// <inheritdoc />
    public override string ToString() => Gtids is null ? Position.ToString() : $"{Position} (GTIDs {Gtids})";
}
