using System.Buffers;
using Monolith.Binlog.Primitives;
using Decompressor = ZstdSharp.Decompressor;
using ZstdException = ZstdSharp.ZstdException;

namespace Monolith.Binlog.Events;

/// <summary>
/// Walks the inner events of a TRANSACTION_PAYLOAD, decompressing the zstd stream piece by piece into a buffer
/// that only ever holds the current event and the next chunk, so that a payload of any size passes in bounded
/// memory. Each event is returned as a span that stays valid until the next call.
/// </summary>
internal ref struct TransactionPayloadReader
{
    private const int ChunkSize = 64 * 1024;

    private readonly Decompressor? _zstd;
    private readonly GrowableBuffer _buffer;
    private readonly ulong _expected;
    private readonly int _maxEventSize;
    private readonly BinlogPosition? _position;
    private ReadOnlySpan<byte> _input;
    private int _start;
    private ulong _produced;
    private bool _frameDone;

    public TransactionPayloadReader(in TransactionPayloadEvent header, ReadOnlySpan<byte> payload,
        Decompressor zstd, GrowableBuffer buffer, int maxEventSize, BinlogPosition? position)
    {
        _zstd = header.CompressionType == TransactionPayloadEvent.CompressionZstd ? zstd : null;
        _buffer = buffer;
        _expected = header.UncompressedSize;
        _maxEventSize = maxEventSize;
        _position = position;
        _input = payload;
        _start = 0;
        _produced = 0;
        _frameDone = _zstd is null;
        buffer.Length = 0;
        if (_zstd is not null)
        {
            _zstd.ResetStream();
        }
    }

    /// <summary>The next inner event (header and body, no checksum), or false at the end of the payload.</summary>
    /// <exception cref="BinlogFormatException">Bad zstd data, a truncated inner event or a size mismatch.</exception>
    public bool TryReadNext(out ReadOnlySpan<byte> innerEvent)
    {
        if (_zstd is null)
        {
            return TryReadUncompressed(out innerEvent);
        }

        while (true)
        {
            var available = _buffer.Length - _start;
            if (available >= EventHeader.Size)
            {
                var header = EventHeader.Read(_buffer.Array.AsSpan(_start, available), _position);
                if (header.EventSize > (uint)_maxEventSize)
                {
                    ThrowHelper.ThrowFormat(
                        $"TRANSACTION_PAYLOAD inner event of {header.EventSize} bytes exceeds the limit of " +
                        $"{_maxEventSize}", _position);
                }

                if (available >= header.EventSize)
                {
                    innerEvent = _buffer.Array.AsSpan(_start, (int)header.EventSize);
                    _start += (int)header.EventSize;
                    return true;
                }

                Compact((int)header.EventSize);
            }
            else
            {
                Compact(EventHeader.Size);
            }

            if (_frameDone)
            {
                if (_buffer.Length - _start != 0)
                {
                    ThrowHelper.ThrowFormat(
                        $"TRANSACTION_PAYLOAD ends inside an inner event ({_buffer.Length - _start} bytes left over)",
                        _position);
                }

                if (_expected != 0 && _produced != _expected)
                {
                    ThrowHelper.ThrowFormat(
                        $"TRANSACTION_PAYLOAD decompressed to {_produced} bytes; its header announced {_expected}",
                        _position);
                }

                innerEvent = default;
                return false;
            }

            Inflate();
        }
    }

    private bool TryReadUncompressed(out ReadOnlySpan<byte> innerEvent)
    {
        if (_input.IsEmpty)
        {
            innerEvent = default;
            return false;
        }

        var header = EventHeader.Read(_input, _position);
        if (header.EventSize > (uint)_input.Length)
        {
            ThrowHelper.ThrowFormat(
                $"TRANSACTION_PAYLOAD inner event of {header.EventSize} bytes overruns the payload " +
                $"({_input.Length} left)", _position);
        }

        innerEvent = _input[..(int)header.EventSize];
        _input = _input[(int)header.EventSize..];
        return true;
    }

    /// <summary>Moves the unread bytes to the front and makes room for <paramref name="need"/> plus a chunk.</summary>
    private void Compact(int need)
    {
        var unread = _buffer.Length - _start;
        if (_start > 0)
        {
            _buffer.Array.AsSpan(_start, unread).CopyTo(_buffer.Array);
            _buffer.Length = unread;
            _start = 0;
        }

        _buffer.EnsureCapacity(Math.Max(need, unread) + ChunkSize);
    }

    private void Inflate()
    {
        var destination = _buffer.Array.AsSpan(_buffer.Length);
        OperationStatus status;
        int consumed, written;
        try
        {
            status = _zstd!.UnwrapStream(_input, destination, out consumed, out written);
        }
        catch (ZstdException e)
        {
            throw new BinlogFormatException($"TRANSACTION_PAYLOAD: bad zstd data ({e.Message})", _position, e);
        }

        if (consumed == 0 && written == 0 && status != OperationStatus.Done)
        {
            ThrowHelper.ThrowFormat(_input.IsEmpty
                ? "TRANSACTION_PAYLOAD: the zstd frame is truncated"
                : "TRANSACTION_PAYLOAD: the zstd stream makes no progress", _position);
        }

        _input = _input[consumed..];
        _buffer.Length += written;
        _produced += (ulong)written;
        if (_expected != 0 && _produced > _expected)
        {
            ThrowHelper.ThrowFormat(
                $"TRANSACTION_PAYLOAD decompresses to more than the {_expected} bytes its header announced",
                _position);
        }

        switch (status)
        {
            case OperationStatus.Done when _input.Length == 0:
                _frameDone = true;
                break;
            case OperationStatus.Done:
                // Concatenated zstd frames are one valid stream; start decoding the next frame.
                _zstd.ResetStream();
                break;
            case OperationStatus.NeedMoreData when _input.Length == 0 && written == 0:
                ThrowHelper.ThrowFormat("TRANSACTION_PAYLOAD: the zstd frame is truncated", _position);
                break;
            case OperationStatus.InvalidData:
                ThrowHelper.ThrowFormat("TRANSACTION_PAYLOAD: bad zstd data", _position);
                break;
        }
    }
}
