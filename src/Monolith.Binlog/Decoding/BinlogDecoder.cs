using System.IO.Hashing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Events;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Decoding;

/// <summary>
/// Turns a sequence of binlog events (from a file or from the replication stream) into committed transactions for
/// an <see cref="IBinlogConsumer"/>. It keeps the FORMAT_DESCRIPTION (checksum algorithm, post-header lengths), the
/// current file name and position, a cache of table decoders keyed by table id and TABLE_MAP bytes, and stages the
/// rows events of the open transaction until it commits. Not thread-safe: one thread feeds it; the
/// <see cref="TableDecoder"/>s it hands out may be used anywhere.
/// </summary>
/// <remarks>
/// <code>
///   Feed(event) ──▶ header, checksum ──▶ FORMAT_DESCRIPTION / ROTATE / HEARTBEAT ──▶ position, OnProgress
///                                    ├─▶ TABLE_MAP ──▶ table decoder cache (ISchemaProvider on a miss)
///                                    ├─▶ GTID / BEGIN ──▶ open transaction
///                                    ├─▶ rows events ──▶ stage (memory, then a temporary file)
///                                    ├─▶ XID / COMMIT / ROLLBACK ──▶ replay the stage to the consumer
///                                    ├─▶ DDL ──▶ invalidate schema and decoders, OnSchemaChange
///                                    └─▶ TRANSACTION_PAYLOAD ──▶ decompress, feed the inner events
/// </code>
/// </remarks>
public sealed partial class BinlogDecoder : IDisposable
{
    private readonly IBinlogConsumer _consumer;
    private readonly ISchemaProvider? _schemas;
    private readonly BinlogDecoderOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, CachedTable> _tables = [];
    private readonly TransactionStage _stage;
    private readonly List<TableDecoder> _transactionTables = [];
    private readonly GrowableBuffer _decompressed = new();
    private readonly GrowableBuffer _payload = new();
    private readonly HashSet<int> _reportedUnknownTypes = [];
    private readonly HashSet<string> _reportedMismatches = new(StringComparer.Ordinal);
    private ZstdSharp.Decompressor? _zstd;
    private FormatDescriptionEvent? _format;
    private string _file = string.Empty;
    private long _nextOffset = BinlogPosition.FirstEventOffset;
    private bool _inPayload;
    private bool _statementNoticeSent;
    private DecoderStatistics _statistics;

    private bool _transactionOpen;
    private TransactionInfo _transaction;
    private bool _hasPendingGtid;
    private TransactionInfo _pending;

    /// <summary>Creates a decoder that delivers to <paramref name="consumer"/>.</summary>
    /// <param name="consumer">Receives committed transactions.</param>
    /// <param name="schemaProvider">Supplies column names and types the TABLE_MAP lacks; optional.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="logger">Receives operator messages; none when null.</param>
    public BinlogDecoder(IBinlogConsumer consumer, ISchemaProvider? schemaProvider = null,
        BinlogDecoderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumer = consumer;
        _schemas = schemaProvider;
        _options = options ?? new BinlogDecoderOptions();
        _logger = logger ?? NullLogger.Instance;
        _stage = new TransactionStage(_options.StagingMemoryLimit, _options.StagingDirectory);
    }

    /// <summary>The binlog file the decoder is in, from a ROTATE or <see cref="SetPosition"/>.</summary>
    public string CurrentFile => _file;

    /// <summary>Where the next event starts: the end of the last event fed.</summary>
    public BinlogPosition Position => new(_file, _nextOffset);

    /// <summary>The FORMAT_DESCRIPTION in force, or null before the first one.</summary>
    public FormatDescriptionEvent? FormatDescription => _format;

    /// <summary>Whether a transaction is open (begun, not yet committed).</summary>
    public bool InTransaction => _transactionOpen;

    /// <summary>The options in force.</summary>
    public BinlogDecoderOptions Options => _options;

    /// <summary>Counters since creation.</summary>
    public DecoderStatistics Statistics => _statistics;

    /// <summary>Sets the file and offset of the next event (a file
    /// reader at a file's start, a client after connecting).</summary>
    public void SetPosition(string file, long offset)
    {
        ArgumentNullException.ThrowIfNull(file);
        _file = file;
        _nextOffset = offset;
    }

    /// <summary>
    /// Decodes one event: header, body and the CRC32 trailer if the FORMAT_DESCRIPTION announced checksums, exactly
    /// as stored in a file or as the server sends it after the packet's OK byte.
    /// </summary>
    /// <param name="eventBytes">The whole event.</param>
    /// <param name="eventOffset">
    /// Where the event starts in the current file when the caller knows (a file reader); otherwise -1 and the
    /// header's log position is used.
    /// </param>
    /// <exception cref="BinlogFormatException">The event is
    /// malformed; the message names the file and offset.</exception>
    /// <exception cref="BinlogChecksumException">The event's CRC32 does not match.</exception>
    public void Feed(ReadOnlySpan<byte> eventBytes, long eventOffset = -1)
    {
        var here = new BinlogPosition(_file, eventOffset >= 0 ? eventOffset : _nextOffset);
        var header = EventHeader.Read(eventBytes, here);
        if (header.EventSize != eventBytes.Length)
        {
            ThrowHelper.ThrowFormat(
                $"{header.Type} event declares {header.EventSize} bytes but {eventBytes.Length} were fed", here);
        }

        if (header.EventSize > (uint)_options.MaxEventSize)
        {
            ThrowHelper.ThrowFormat(
                $"{header.Type} event of {header.EventSize} bytes exceeds the limit of {_options.MaxEventSize}", here);
        }

        long start, end;
        if (eventOffset >= 0)
        {
            (start, end) = (eventOffset, eventOffset + header.EventSize);
        }
        else if (header.LogPosition >= header.EventSize)
        {
            (start, end) = (header.LogPosition - header.EventSize, header.LogPosition);
        }
        else
        {
            (start, end) = (_nextOffset, _nextOffset);
        }

        var position = new BinlogPosition(_file, start);
        _statistics = _statistics with
        {
            Events = _statistics.Events + 1,
            Bytes = _statistics.Bytes + eventBytes.Length,
        };
        if (header.Type == BinlogEventType.FormatDescription)
        {
            OnFormatDescription(eventBytes, position, end);
            return;
        }

        var body = eventBytes[EventHeader.Size..];
        if (HasChecksum(eventBytes))
        {
            if (body.Length < EventChecksum.Size)
            {
                ThrowHelper.ThrowFormat(
                    $"{header.Type} event of {eventBytes.Length} bytes is too short for its CRC32 trailer", position);
            }

            if (_options.VerifyChecksums)
            {
                EventChecksum.Verify(eventBytes, position);
            }

            body = body[..^EventChecksum.Size];
        }

        _nextOffset = end;
        Dispatch(header, body, position, end);
    }

    /// <summary>
    /// Discards the open transaction without delivering any of it: after a dropped connection the reader resumes
    /// from the last commit's end and reads the transaction again.
    /// </summary>
    public void AbandonTransaction()
    {
        ClearTransaction();
        _hasPendingGtid = false;
    }

    /// <summary>
    /// Starts over: discards the open transaction, the FORMAT_DESCRIPTION and the table decoder cache (a new
    /// connection sends them again).
    /// </summary>
    public void Reset()
    {
        AbandonTransaction();
        _format = null;
        _tables.Clear();
        _inPayload = false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stage.Dispose();
        _decompressed.Dispose();
        _payload.Dispose();
        _zstd?.Dispose();
    }

    private void OnFormatDescription(ReadOnlySpan<byte> eventBytes, BinlogPosition position, long end)
    {
        var format = FormatDescriptionEvent.Read(eventBytes, position, _options.VerifyChecksums);
        if (_transactionOpen)
        {
            Abandon("a FORMAT_DESCRIPTION arrived inside it (the source restarted)", position);
        }

        _format = format;
        _nextOffset = end;
        _fileHeaderEnd = position.Offset == BinlogPosition.FirstEventOffset ? end : -1;
    }

    /// <summary>
    /// Whether the event ends with a CRC32. Before any FORMAT_DESCRIPTION (the fake ROTATE that opens a replication
    /// stream) the trailer is detected by checking it.
    /// </summary>
    private bool HasChecksum(ReadOnlySpan<byte> eventBytes)
    {
        if (_format is not null)
        {
            return _format.HasChecksum;
        }

        return eventBytes.Length >= EventHeader.Size + EventChecksum.Size &&
            Crc32.HashToUInt32(eventBytes[..^EventChecksum.Size]) ==
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[^EventChecksum.Size..]);
    }

    private int PostHeaderLength(BinlogEventType type, int fallback)
    {
        var length = _format?.GetPostHeaderLength(type) ?? 0;
        return length > 0 ? length : fallback;
    }

    private sealed record CachedTable(byte[] Body, TableDecoder Decoder);
}
