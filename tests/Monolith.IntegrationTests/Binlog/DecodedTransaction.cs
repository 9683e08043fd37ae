using Monolith.Binlog;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Rows;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>A committed transaction as the decoder delivered it.</summary>
internal sealed class DecodedTransaction
{
    public required string Gtid { get; init; }

    public required BinlogPosition Begin { get; init; }

    public BinlogPosition End { get; set; }

    public TransactionEnding Ending { get; set; }

    public List<DecodedRow> Rows { get; } = [];

    public List<string> Statements { get; } = [];

    /// <summary>The rows events as delivered (body copied), for checks through the typed accessors.</summary>
    public List<CapturedRowsEvent> Events { get; } = [];

    public override string ToString() => $"{Gtid} {Begin}..{End} ({Rows.Count} rows, {Ending})";
}

/// <summary>A rows event kept after its call: the table decoder, the parsed header and a copy of the body.</summary>
internal sealed record CapturedRowsEvent(TableDecoder Table, RowsEventHeader Header, byte[] Body)
{
    public RowsEventReader Read(int[] scratch) => new(Table, Header, Body, scratch);
}
