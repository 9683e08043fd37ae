using FASTER.core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Monolith.Engine.Enrichment.State;

/// <summary>
/// Keyed state backed by FASTER: a 64-bit key (a primary key value) to a variable-length byte record. Records live
/// in FASTER's hybrid log: in memory up to <see cref="EnrichmentOptions.MemoryBytes"/>, and past that in an
/// on-disk log when a state directory is configured. Used by one thread (the compute stage) through one session;
/// reads and writes of records in memory allocate nothing.
/// </summary>
/// <remarks>
/// <para>FASTER appends a new version of a record whenever it cannot update in place, and deletes leave
/// tombstones, so the log grows with churn rather than with live keys. The store compacts it (copies live records
/// forward and drops the rest): in memory whenever it has doubled since the last compaction, on disk in slices
/// once it is mostly superseded records (see <see cref="Maintain"/>). In memory a log that reached the
/// end of its memory would have its oldest pages dropped; the store compacts well before that, and stops with
/// <see cref="EnrichmentStateException"/> if live records alone approach the budget, so that no record is ever
/// lost silently.</para>
/// <para>Checkpoints are not taken yet. The design leaves room for them: FASTER checkpoints the log and index
/// together, and a caller can take one at a commit boundary, next to the binlog position.</para>
/// </remarks>
internal sealed unsafe partial class KeyedStateStore : IDisposable
{
    private readonly FasterKVSettings<long, SpanByte> _settings;
    private readonly FasterKV<long, SpanByte> _kv;
    private readonly ClientSession<long, SpanByte, SpanByte, StoreReadBuffer, Empty, StoreFunctions> _session;
    private readonly StoreReadBuffer _read = new();
    private readonly IDevice? _device;
    private readonly string? _directory;
    private readonly ILogger _logger;
    private readonly long _memoryBytes;
    private readonly int _maxRecordBytes;
    private long _compactAt;
    private long _buckets;
    private long _liveKeys;
    private long _diskReads;
    private long _compactions;
    private long _recordsInLog;
    private bool _disposed;

    /// <summary>Opens an empty store.</summary>
    /// <param name="name">The store's name, for messages and its folder (letters, digits, dots, dashes).</param>
    /// <param name="options">Memory, page and index sizes, and the state directory (null: memory only).</param>
    /// <param name="copyReadsToMemory">Whether records read from disk are copied back into memory, for stores
    /// whose records are read again and again (dimension rows).</param>
    /// <param name="logger">Operator log.</param>
    public KeyedStateStore(string name, EnrichmentOptions options, bool copyReadsToMemory = false,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        _logger = logger ?? NullLogger.Instance;
        _memoryBytes = long.MinValue;
        for (var bits = 62; bits >= 0; bits--)
        {
            if ((options.MemoryBytes & (1L << bits)) != 0)
            {
                _memoryBytes = 1L << bits;
                break;
            }
        }

        _maxRecordBytes = options.PageBytes / 2;
        _buckets = options.IndexBuckets;
        if (options.StateDirectory is { } root)
        {
            _directory = Path.Combine(root, "enrichment", name);
            if (Directory.Exists(_directory))
            {
                // Without checkpoints a previous run's log cannot be trusted: start from nothing.
                Directory.Delete(_directory, recursive: true);
            }

            Directory.CreateDirectory(_directory);
            _device = Devices.CreateLogDevice(Path.Combine(_directory, "log"), preallocateFile: false,
                deleteOnClose: true);
        }

        _settings = new FasterKVSettings<long, SpanByte>(null)
        {
            IndexSize = options.IndexBuckets * 64,
            MemorySize = _memoryBytes,
            PageSize = options.PageBytes,
            LogDevice = _device ?? new NullDevice(),
            ConcurrencyControlMode = ConcurrencyControlMode.None,
            ReadCopyOptions = copyReadsToMemory && _device is not null
                ? new ReadCopyOptions(ReadCopyFrom.Device, ReadCopyTo.MainLog)
                : ReadCopyOptions.None,
        };
        _kv = new FasterKV<long, SpanByte>(_settings);
        _session = _kv.For(new StoreFunctions()).NewSession<StoreFunctions>();
        _compactAt = InitialCompactionThreshold;
        EnrichmentLog.StoreOpened(_logger, name, _directory is null
            ? $"in memory, up to {_memoryBytes} bytes"
            : $"{_memoryBytes} bytes in memory, the rest in {_directory}");
    }

    /// <summary>The store's name.</summary>
    public string Name { get; }

    /// <summary>Whether records past the memory budget go to disk.</summary>
    public bool OnDisk => _device is not null;

    /// <summary>Keys with a record, as the callers report inserts and deletes.</summary>
    public long LiveKeys => Volatile.Read(ref _liveKeys);

    /// <summary>Bytes of log from its oldest live address to its tail (live records plus garbage).</summary>
    public long LogBytes => _kv.Log.TailAddress - _kv.Log.BeginAddress;

    /// <summary>Bytes of the log held in memory.</summary>
    public long MemoryBytes => _kv.Log.TailAddress - _kv.Log.HeadAddress;

    /// <summary>Reads that had to wait for the disk.</summary>
    public long DiskReads => Volatile.Read(ref _diskReads);

    /// <summary>Compactions run.</summary>
    public long Compactions => Volatile.Read(ref _compactions);

    private long InitialCompactionThreshold => _device is null ? _memoryBytes / 2 : _memoryBytes * 2;

    /// <summary>
    /// Reads a key's record. The span stays valid until the next call on this store.
    /// </summary>
    public bool TryRead(long key, out ReadOnlySpan<byte> value)
    {
        _read.Clear();
        var input = default(SpanByte);
        var output = _read;
        var status = _session.Read(ref key, ref input, ref output);
        if (status.IsPending)
        {
            Volatile.Write(ref _diskReads, _diskReads + 1);
            _session.CompletePending(wait: true);
        }

        value = _read.Found ? _read.Value : default;
        return _read.Found;
    }

    /// <summary>Writes a key's record, replacing any.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The record (at least one byte).</param>
    /// <param name="isNew">Whether the caller knows the key had no record (kept as <see cref="LiveKeys"/>).</param>
    /// <exception cref="EnrichmentStateException">The record is larger than half a page, or the store is full.
    /// </exception>
    public void Write(long key, ReadOnlySpan<byte> value, bool isNew)
    {
        if (value.Length > _maxRecordBytes || value.IsEmpty)
        {
            ThrowRecordSize(value.Length);
        }

        fixed (byte* bytes = value)
        {
            var record = SpanByte.FromPointer(bytes, value.Length);
            _session.Upsert(ref key, ref record);
        }

        _recordsInLog++;

        if (isNew)
        {
            Volatile.Write(ref _liveKeys, _liveKeys + 1);
            if (_liveKeys > _buckets * 4)
            {
                GrowIndex();
            }
        }

        Maintain();
    }

    /// <summary>Deletes a key's record, if any.</summary>
    /// <param name="key">The key.</param>
    /// <param name="existed">Whether the caller knows the key had a record (kept as <see cref="LiveKeys"/>).
    /// </param>
    public void Delete(long key, bool existed)
    {
        _session.Delete(ref key);
        _recordsInLog++;
        if (existed && _liveKeys > 0)
        {
            Volatile.Write(ref _liveKeys, _liveKeys - 1);
        }

        Maintain();
    }

    /// <summary>Adjusts <see cref="LiveKeys"/> by what a caller learnt from outside the store.</summary>
    public void CountKeys(long delta) => Volatile.Write(ref _liveKeys, Math.Max(0, _liveKeys + delta));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _kv.Dispose();
        _settings.Dispose();
        _device?.Dispose();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void ThrowRecordSize(int length) =>
        throw new EnrichmentStateException(
            $"A record of {length} bytes does not fit enrichment state {Name}: records take 1 to {_maxRecordBytes} " +
            "bytes (half a page); raise Enrichment PageBytes or join fewer or shorter columns.");
}
