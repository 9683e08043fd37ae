namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB ANNOTATE_ROWS_EVENT (type 160, with <c>binlog_annotate_row_events</c>): the statement that produced the
/// rows events after it. The whole body is the statement text.
/// </summary>
public static class MariaAnnotateRowsEvent
{
    /// <summary>The statement text's bytes.</summary>
    public static ReadOnlySpan<byte> ReadStatement(ReadOnlySpan<byte> body) => body;
}
