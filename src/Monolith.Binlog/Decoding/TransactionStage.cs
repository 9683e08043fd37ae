using System.Buffers;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Decoding;

/// <summary>
/// Holds the rows events of the open transaction until it commits: in pooled memory segments up to a limit, then
/// in a temporary file (deleted on close), so that a transaction of any size passes in bounded memory. Replay reads
/// the records back in order, one at a time.
/// </summary>
internal sealed class TransactionStage : IDisposable
{
    private const int SegmentSize = 1024 * 1024;
    private const int FileBufferSize = 256 * 1024;

    private readonly long _memoryLimit;
    private readonly string _directory;
    private readonly List<byte[]> _segments = [];

    // Bytes used in each closed segment (a segment closes when the next record does not fit in it).
    private readonly List<int> _segmentUsed = [];
    private readonly GrowableBuffer _replayBuffer = new(64 * 1024);
    private int _lastSegmentUsed;
    private long _memoryBytes;
    private FileStream? _spill;
    private BufferedStream? _spillWriter;
    private string? _spillPath;

    public TransactionStage(long memoryLimit, string? directory)
    {
        _memoryLimit = memoryLimit;
        _directory = directory ?? Path.GetTempPath();
    }

    /// <summary>The number of records staged.</summary>
    public int Count { get; private set; }

    /// <summary>Total bytes staged (memory and file).</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether the stage spilled to a file.</summary>
    public bool IsSpilled => _spill is not null;

    /// <summary>The staging file, while spilled.</summary>
    public string? SpillPath => _spillPath;

    /// <summary>Appends a record; returns true when this append made the stage spill to a file.</summary>
    public bool Append(in StagedRowsRecord record, ReadOnlySpan<byte> body)
    {
        var size = StagedRowsRecord.Size + body.Length;
        var spilledNow = false;
        if (_spill is null && _memoryBytes + size > _memoryLimit)
        {
            StartSpill();
            spilledNow = true;
        }

        Span<byte> head = stackalloc byte[StagedRowsRecord.Size];
        record.Write(head);
        if (_spillWriter is not null)
        {
            _spillWriter.Write(head);
            _spillWriter.Write(body);
        }
        else
        {
            var destination = Reserve(size);
            head.CopyTo(destination);
            body.CopyTo(destination[StagedRowsRecord.Size..]);
        }

        Count++;
        Bytes += size;
        return spilledNow;
    }

    /// <summary>Starts reading the records back from the first.</summary>
    public Replay StartReplay()
    {
        _spillWriter?.Flush();
        _spill?.Seek(0, SeekOrigin.Begin);
        return new Replay(this);
    }

    /// <summary>Discards everything staged and returns memory to the pool.</summary>
    public void Clear()
    {
        foreach (var segment in _segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        _segments.Clear();
        _segmentUsed.Clear();
        _lastSegmentUsed = 0;
        _memoryBytes = 0;
        Count = 0;
        Bytes = 0;
        CloseSpill();
        _replayBuffer.Length = 0;
        _replayBuffer.Shrink(64 * 1024);
    }

    public void Dispose()
    {
        Clear();
        _replayBuffer.Dispose();
    }

    private Span<byte> Reserve(int size)
    {
        if (_segments.Count == 0 || _segments[^1].Length - _lastSegmentUsed < size)
        {
            if (_segments.Count > 0)
            {
                _segmentUsed.Add(_lastSegmentUsed);
            }

            _segments.Add(ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, size)));
            _lastSegmentUsed = 0;
        }

        var segment = _segments[^1];
        var slice = segment.AsSpan(_lastSegmentUsed, size);
        _lastSegmentUsed += size;
        _memoryBytes += size;
        return slice;
    }

    private void StartSpill()
    {
        Directory.CreateDirectory(_directory);
        _spillPath = Path.Combine(_directory, $"monolith-stage-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        _spill = new FileStream(_spillPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1,
            FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        _spillWriter = new BufferedStream(_spill, FileBufferSize);

        // Move what is in memory to the file so that replay reads one sequence.
        for (var i = 0; i < _segments.Count; i++)
        {
            var used = i == _segments.Count - 1 ? _lastSegmentUsed : SegmentUsed(i);
            _spillWriter.Write(_segments[i], 0, used);
            ArrayPool<byte>.Shared.Return(_segments[i]);
        }

        _segments.Clear();
        _segmentUsed.Clear();
        _lastSegmentUsed = 0;
        _memoryBytes = 0;
    }

    private int SegmentUsed(int index) => _segmentUsed[index];

    private void CloseSpill()
    {
        _spillWriter?.Dispose();
        _spill?.Dispose();
        _spillWriter = null;
        _spill = null;
        _spillPath = null;
    }

    /// <summary>Reads staged records in order.</summary>
    internal struct Replay
    {
        private readonly TransactionStage _stage;
        private int _segment;
        private int _offset;
        private int _read;

        public Replay(TransactionStage stage)
        {
            _stage = stage;
            _segment = 0;
            _offset = 0;
            _read = 0;
        }

        /// <summary>The next record and its body; the body stays valid until the next call.</summary>
        public bool TryReadNext(out StagedRowsRecord record, out ReadOnlySpan<byte> body)
        {
            if (_read >= _stage.Count)
            {
                record = default;
                body = default;
                return false;
            }

            _read++;
            if (_stage._spill is { } file)
            {
                Span<byte> head = stackalloc byte[StagedRowsRecord.Size];
                file.ReadExactly(head);
                record = StagedRowsRecord.Read(head);
                var buffer = _stage._replayBuffer;
                buffer.EnsureCapacity(record.BodyLength);
                file.ReadExactly(buffer.Array, 0, record.BodyLength);
                body = buffer.Array.AsSpan(0, record.BodyLength);
                return true;
            }

            var segments = _stage._segments;
            var used = _segment == segments.Count - 1 ? _stage._lastSegmentUsed : _stage._segmentUsed[_segment];
            if (_offset >= used)
            {
                _segment++;
                _offset = 0;
            }

            var data = segments[_segment];
            record = StagedRowsRecord.Read(data.AsSpan(_offset));
            body = data.AsSpan(_offset + StagedRowsRecord.Size, record.BodyLength);
            _offset += StagedRowsRecord.Size + record.BodyLength;
            return true;
        }
    }
}
