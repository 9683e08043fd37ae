namespace Monolith.Binlog.Text;

/// <summary>Where a row change came from, for the envelope of its JSON line.</summary>
/// <param name="File">The binlog file.</param>
/// <param name="Position">The rows event's offset in the file.</param>
/// <param name="Timestamp">The event's timestamp, seconds since the Unix epoch.</param>
/// <param name="Gtid">The transaction's GTID as text, or null.</param>
public readonly record struct RowJsonContext(string File, long Position, uint Timestamp, string? Gtid);
