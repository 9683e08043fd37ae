using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Text;

namespace Monolith.Binlog.Tests.Support;

/// <summary>Records everything a decoder delivers, rows as the JSON lines <see cref="RowJsonWriter"/> makes.</summary>
internal sealed class RecordingConsumer : IBinlogConsumer
{
    private int[] _scratch = new int[64];
    private TransactionInfo _current;

    public List<TransactionInfo> Starts { get; } = [];

    public List<TransactionCommit> Commits { get; } = [];

    public List<SchemaChange> SchemaChanges { get; } = [];

    public List<BinlogProgress> Progress { get; } = [];

    public List<DecoderNotice> Notices { get; } = [];

    public List<string> Rows { get; } = [];

    public List<JsonElement> RowElements => Rows.Select(r => JsonDocument.Parse(r).RootElement).ToList();

    public List<(Monolith.Binlog.Rows.RowsEventHeader Header, byte[] Body, Monolith.Binlog.Rows.TableDecoder Table)>
        RowsEvents { get; } = [];

    public List<string> Sequence { get; } = [];

    public void OnTransactionStart(in TransactionInfo transaction)
    {
        _current = transaction;
        Starts.Add(transaction);
        Sequence.Add("start");
    }

    public void OnRows(in RowsEvent rows)
    {
        Sequence.Add("rows");
        RowsEvents.Add((rows.Header, rows.Body.ToArray(), rows.Table));
        if (_scratch.Length < rows.Table.ScratchLength)
        {
            _scratch = new int[rows.Table.ScratchLength];
        }

        var buffer = new ArrayBufferWriter<byte>();
        var position = rows.Position ?? default;
        var context = new RowJsonContext(position.File, position.Offset, rows.Header.Timestamp,
            _current.Gtid.IsEmpty ? null : _current.Gtid.ToString());
        foreach (var change in rows.GetRows(_scratch))
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer,
                       new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                RowJsonWriter.Write(writer, change, rows.Table, context);
            }

            Rows.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    public void OnSchemaChange(in SchemaChange change)
    {
        Sequence.Add("schema");
        SchemaChanges.Add(change);
    }

    public void OnTransactionCommit(in TransactionCommit commit)
    {
        Sequence.Add("commit");
        Commits.Add(commit);
    }

    public void OnProgress(in BinlogProgress progress) => Progress.Add(progress);

    public void OnNotice(in DecoderNotice notice) => Notices.Add(notice);
}
