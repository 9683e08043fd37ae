using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monolith.Binlog.Decoding;

namespace Monolith.Binlog.Text;

/// <summary>
/// An <see cref="IBinlogConsumer"/> that writes every committed row change as a JSON line to a stream, and notices
/// to an optional diagnostics writer.
/// </summary>
public sealed class BinlogDumpConsumer : IBinlogConsumer, IDisposable
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly Stream _output;
    private readonly TextWriter? _diagnostics;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private int[] _scratch = new int[256];
    private string? _gtid;

    /// <summary>Creates a consumer that writes lines to <paramref name="output"/>.</summary>
    public BinlogDumpConsumer(Stream output, TextWriter? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _diagnostics = diagnostics;
        _writer = new Utf8JsonWriter(_buffer, s_writerOptions);
    }

    /// <summary>The number of row changes written.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void OnTransactionStart(in TransactionInfo transaction) =>
        _gtid = transaction.Gtid.IsEmpty ? null : transaction.Gtid.ToString();

    /// <inheritdoc />
    public void OnRows(in RowsEvent rows)
    {
        if (_scratch.Length < rows.Table.ScratchLength)
        {
            _scratch = new int[rows.Table.ScratchLength];
        }

        var position = rows.Position ?? default;
        var context = new RowJsonContext(position.File ?? string.Empty, position.Offset, rows.Header.Timestamp, _gtid);
        foreach (var change in rows.GetRows(_scratch))
        {
            _writer.Reset(_buffer);
            RowJsonWriter.Write(_writer, change, rows.Table, context);
            _writer.Flush();
            _buffer.Write("\n"u8);
            Rows++;
            if (_buffer.WrittenCount >= 48 * 1024)
            {
                FlushBuffer();
            }
        }
    }

    /// <inheritdoc />
    public void OnSchemaChange(in SchemaChange change) =>
        _diagnostics?.WriteLine($"# {change.Position}: {change.Kind} {change.Database}.{change.Table}");

    /// <inheritdoc />
    public void OnTransactionCommit(in TransactionCommit commit) => FlushBuffer();

    /// <inheritdoc />
    public void OnProgress(in BinlogProgress progress)
    {
    }

    /// <inheritdoc />
    public void OnNotice(in DecoderNotice notice) =>
        _diagnostics?.WriteLine($"# {notice.Position}: {notice.Kind}: {notice.Message}");

    /// <summary>Writes what is buffered to the stream.</summary>
    public void FlushBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        FlushBuffer();
        _writer.Dispose();
    }
}
