namespace Monolith.Binlog.Events;

/// <summary>
/// MySQL ROWS_QUERY_LOG_EVENT (type 29, with <c>binlog_rows_query_log_events</c>): the statement that produced the
/// rows events after it, for information only. The first byte is a length that overflows for long statements,
/// so the text is taken as the rest of the body.
/// </summary>
public static class RowsQueryEvent
{
    /// <summary>The statement text's bytes, in the client's character set.</summary>
    public static ReadOnlySpan<byte> ReadStatement(ReadOnlySpan<byte> body) => body.Length > 0 ? body[1..] : body;
}
