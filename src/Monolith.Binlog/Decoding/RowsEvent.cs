using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Decoding;

/// <summary>
/// One rows event of a committed transaction, as handed to <see cref="IBinlogConsumer.OnRows"/>. Decode it on the
/// spot with <see cref="GetRows"/>, or copy <see cref="Body"/> and keep <see cref="Header"/> and
/// <see cref="Table"/> to decode later with <c>new RowsEventReader(table, header, copiedBody, scratch)</c>.
/// </summary>
public readonly ref struct RowsEvent
{
    /// <summary>Creates the view of a rows event.</summary>
    public RowsEvent(TableDecoder table, scoped in RowsEventHeader header, ReadOnlySpan<byte> body)
    {
        Table = table;
        Header = header;
        Body = body;
    }

    /// <summary>The decoder for the event's table (immutable, shareable across threads).</summary>
    public TableDecoder Table { get; }

    /// <summary>The parsed post-header; copyable.</summary>
    public RowsEventHeader Header { get; }

    /// <summary>The event body: post-header and row images, without the event header and checksum.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Insert, update or delete.</summary>
    public RowChangeKind Kind => Header.Kind;

    /// <summary>Where the event starts in the binlog (inner events
    /// of a compressed payload: the payload's start).</summary>
    public BinlogPosition? Position => Header.Position;

    /// <summary>A reader over the row changes, using the caller's scratch
    /// of <see cref="TableDecoder.ScratchLength"/> ints.</summary>
    /// <exception cref="BinlogFormatException">The column count
    /// or bitmaps do not fit the table or the body.</exception>
    public RowsEventReader GetRows(Span<int> scratch) => new(Table, Header, Body, scratch);
}
