using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Events;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Files;

/// <summary>
/// Reads binlog and relay-log files (with or without checksums, plain or gzip-compressed) through a
/// <see cref="PipeReader"/> and feeds their events to a <see cref="BinlogDecoder"/> with their file offsets.
/// </summary>
public sealed class BinlogFileReader
{
    /// <summary>The four bytes every binlog file starts with: 0xFE 'b' 'i' 'n'.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFE, 0x62, 0x69, 0x6E];

    private const int ReadBufferSize = 256 * 1024;

    private readonly BinlogDecoder _decoder;
    private readonly ILogger _logger;

    /// <summary>Creates a reader that feeds <paramref name="decoder"/>.</summary>
    public BinlogFileReader(BinlogDecoder decoder, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoder = decoder;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Reads a whole file. A name ending in <c>.gz</c> is decompressed on the fly and named without the suffix.
    /// </summary>
    /// <exception cref="BinlogFormatException">Not a binlog file,
    /// or a malformed event (with file and offset).</exception>
    /// <exception cref="BinlogTruncatedException">The file ends inside an event.</exception>
    public async Task ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        Log.ReadingFile(_logger, path);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
            ReadBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await ReadAsync(gzip, name[..^3], cancellationToken);
            return;
        }

        await ReadAsync(file, name, cancellationToken);
    }

    /// <summary>Reads a binlog from a stream that starts with the
    /// magic bytes, naming it <paramref name="fileName"/>.</summary>
    /// <exception cref="BinlogFormatException">Not a binlog, or a malformed event (with file and offset).</exception>
    /// <exception cref="BinlogTruncatedException">The stream ends inside an event.</exception>
    public async Task ReadAsync(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize,
            minimumReadSize: ReadBufferSize / 4, leaveOpen: true));
        var state = new ReadState(fileName);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var consumed = Process(ref buffer, state, result.IsCompleted);
                reader.AdvanceTo(consumed, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Feeds every whole event in <paramref name="buffer"/>; returns where the unread part starts.</summary>
    private SequencePosition Process(ref ReadOnlySequence<byte> buffer, ReadState state, bool completed)
    {
        var position = buffer.Start;
        var remaining = buffer;
        if (!state.MagicChecked)
        {
            if (remaining.Length < Magic.Length)
            {
                if (completed)
                {
                    ThrowHelper.ThrowTruncated(
                        $"The file is {remaining.Length} bytes long, too short for the binlog magic number",
                        new BinlogPosition(state.FileName, 0));
                }

                return position;
            }

            Span<byte> magic = stackalloc byte[4];
            remaining.Slice(0, 4).CopyTo(magic);
            if (!magic.SequenceEqual(Magic))
            {
                ThrowHelper.ThrowFormat(
                    $"Not a binlog file: it starts with {Convert.ToHexString(magic)}, expected FE62696E",
                    new BinlogPosition(state.FileName, 0));
            }

            state.MagicChecked = true;
            state.Offset = BinlogPosition.FirstEventOffset;
            _decoder.SetPosition(state.FileName, state.Offset);
            remaining = remaining.Slice(4);
            position = remaining.Start;
        }

        Span<byte> head = stackalloc byte[EventHeader.Size];
        while (remaining.Length >= EventHeader.Size)
        {
            remaining.Slice(0, EventHeader.Size).CopyTo(head);
            var here = new BinlogPosition(state.FileName, state.Offset);
            var header = EventHeader.Read(head, here);
            if (header.EventSize > (uint)_decoder.Options.MaxEventSize)
            {
                ThrowHelper.ThrowFormat(
                    $"{header.Type} event declares {header.EventSize} bytes, above the limit of " +
                    $"{_decoder.Options.MaxEventSize}", here);
            }

            if (remaining.Length < header.EventSize)
            {
                break;
            }

            var slice = remaining.Slice(0, header.EventSize);
            if (slice.IsSingleSegment)
            {
                _decoder.Feed(slice.FirstSpan, state.Offset);
            }
            else
            {
                var rented = ArrayPool<byte>.Shared.Rent((int)header.EventSize);
                try
                {
                    slice.CopyTo(rented);
                    _decoder.Feed(rented.AsSpan(0, (int)header.EventSize), state.Offset);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            state.Offset += header.EventSize;
            remaining = remaining.Slice(header.EventSize);
            position = remaining.Start;
        }

        if (completed && remaining.Length > 0)
        {
            var declared = remaining.Length >= EventHeader.Size ? $" of {ReadSize(remaining)}" : string.Empty;
            ThrowHelper.ThrowTruncated(
                $"The file ends inside an event: {remaining.Length}{declared} bytes present",
                new BinlogPosition(state.FileName, state.Offset));
        }

        return position;
    }

    private static uint ReadSize(ReadOnlySequence<byte> remaining)
    {
        Span<byte> size = stackalloc byte[4];
        remaining.Slice(9, 4).CopyTo(size);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    private sealed class ReadState(string fileName)
    {
        public string FileName { get; } = fileName;

        public bool MagicChecked { get; set; }

        public long Offset { get; set; }
    }
}
