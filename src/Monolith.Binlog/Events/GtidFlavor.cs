namespace Monolith.Binlog.Events;

/// <summary>Which server family's global transaction identifier a <see cref="Gtid"/> holds.</summary>
public enum GtidFlavor : byte
{
    /// <summary>No GTID: the transaction was anonymous, or GTIDs are off.</summary>
    None = 0,

    /// <summary>MySQL's <c>source_uuid[:tag]:transaction_number</c>.</summary>
    MySql = 1,

    /// <summary>MariaDB's <c>domain-server_id-sequence</c>.</summary>
    MariaDb = 2,
}
