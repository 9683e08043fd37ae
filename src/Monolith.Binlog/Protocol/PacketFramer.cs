using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// Cuts the byte stream of a connection into packets: a 3-byte little-endian payload length, a 1-byte sequence
/// id, then the payload. A payload of 16 MB - 1 bytes or more travels as several chunks of exactly 0xFFFFFF
/// bytes followed by a shorter one (possibly empty); the framer joins them into one logical packet.
/// </summary>
/// <remarks>
/// <para>
/// It follows <see cref="System.IO.Pipelines.PipeReader"/>'s consumed/examined model: <see cref="TryReadPacket"/>
/// slices what it used off the front of the buffer and returns false when the next packet is not complete yet,
/// so the caller advances to the new start and examines to the end.
/// </para>
/// <para>
/// A packet lying in one segment of the buffer is returned as that segment's memory, without a copy; it stays
/// valid until the caller advances the reader. A packet crossing segments, or joined from chunks, is copied
/// into a scratch buffer that stays valid until the next call. The scratch buffer only grows as bytes arrive
/// and never past the configured maximum, so a length read off the wire allocates nothing by itself.
/// </para>
/// </remarks>
internal sealed class PacketFramer : IDisposable
{
    /// <summary>The largest payload one physical packet carries; a chunk of this size means more follow.</summary>
    public const int MaxChunkLength = 0xFF_FFFF;

    public const int HeaderLength = 4;

    // A scratch buffer past this size is handed back after use, so that one huge event does not pin its
    // memory for the rest of the connection.
    private const int KeptScratchCapacity = 256 * 1024;

    private readonly int _maxPacketSize;
    private byte[]? _scratch;
    private int _joinedLength;
    private bool _joining;
    private long _consumedBytes;

    /// <param name="maxPacketSize">The largest logical payload accepted, joined chunks included.</param>
    public PacketFramer(int maxPacketSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketSize, 1024);
        _maxPacketSize = maxPacketSize;
    }

    /// <summary>
    /// The sequence id the next packet must carry. Reading a packet and writing one both move it on; a new
    /// command resets it to 0.
    /// </summary>
    public byte Sequence { get; set; }

    /// <summary>Bytes of the connection consumed so far, for error messages.</summary>
    public long ConsumedBytes => _consumedBytes;

    /// <summary>Whether a multi-chunk packet has been started and not finished.</summary>
    public bool IsJoining => _joining;

    /// <summary>
    /// Takes the next whole packet from the front of <paramref name="buffer"/>. Returns false when it is not
    /// complete yet; <paramref name="buffer"/> may still have been shortened by the chunks of a long packet that
    /// were moved to the scratch buffer.
    /// </summary>
    /// <exception cref="BinlogProtocolException">A sequence id out of order, or a packet over the maximum.</exception>
    public bool TryReadPacket(ref ReadOnlySequence<byte> buffer, out ReadOnlyMemory<byte> payload)
    {
        payload = default;
        if (!_joining)
        {
            ReleaseLargeScratch();
        }

        while (true)
        {
            if (buffer.Length < HeaderLength)
            {
                return false;
            }

            var (length, sequence) = ReadHeader(buffer);
            if (sequence != Sequence)
            {
                ThrowOutOfOrder(sequence);
            }

            if ((long)_joinedLength + length > _maxPacketSize)
            {
                ThrowTooLarge((long)_joinedLength + length);
            }

            if (buffer.Length < HeaderLength + length)
            {
                return false;
            }

            var chunk = buffer.Slice(HeaderLength, length);
            var isLast = length < MaxChunkLength;
            if (!_joining && isLast)
            {
                payload = chunk.IsSingleSegment ? chunk.First : CopyToScratch(chunk);
                Consume(ref buffer, HeaderLength + length);
                return true;
            }

            Append(chunk);
            _joining = true;
            Consume(ref buffer, HeaderLength + length);
            if (isLast)
            {
                payload = _scratch.AsMemory(0, _joinedLength);
                _joining = false;
                _joinedLength = 0;
                return true;
            }
        }
    }

    /// <summary>
    /// The error for a stream that ended with <paramref name="remaining"/> bytes that do not make a packet, or
    /// null when it ended cleanly between packets.
    /// </summary>
    public BinlogTruncatedException? DescribeEndOfStream(in ReadOnlySequence<byte> remaining)
    {
        if (remaining.Length == 0 && !_joining)
        {
            return null;
        }

        if (remaining.Length < HeaderLength)
        {
            return new BinlogTruncatedException(
                $"The connection closed inside a packet header: {remaining.Length} of {HeaderLength} header bytes " +
                $"arrived at byte {_consumedBytes} of the stream" +
                (_joining ? $", after {_joinedLength} bytes of a multi-packet payload." : "."));
        }

        var (length, _) = ReadHeader(remaining);
        return new BinlogTruncatedException(
            $"The connection closed inside a packet: its header at byte {_consumedBytes} of the stream announced " +
            $"{length} payload bytes, {remaining.Length - HeaderLength} arrived.");
    }

    public void Dispose()
    {
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }

    private static (int Length, byte Sequence) ReadHeader(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        return (header[0] | (header[1] << 8) | (header[2] << 16), header[3]);
    }

    private void Consume(ref ReadOnlySequence<byte> buffer, int count)
    {
        buffer = buffer.Slice(count);
        _consumedBytes += count;
        Sequence = unchecked((byte)(Sequence + 1));
    }

    private ReadOnlyMemory<byte> CopyToScratch(in ReadOnlySequence<byte> chunk)
    {
        var length = (int)chunk.Length;
        EnsureScratch(length, preserve: 0);
        chunk.CopyTo(_scratch);
        return _scratch.AsMemory(0, length);
    }

    private void Append(in ReadOnlySequence<byte> chunk)
    {
        var length = (int)chunk.Length;
        EnsureScratch(_joinedLength + length, preserve: _joinedLength);
        chunk.CopyTo(_scratch.AsSpan(_joinedLength));
        _joinedLength += length;
    }

    [MemberNotNull(nameof(_scratch))]
    private void EnsureScratch(int needed, int preserve)
    {
        if (_scratch is not null && _scratch.Length >= needed)
        {
            return;
        }

        // Doubling keeps the number of copies of a long joined packet logarithmic; the cap keeps a forged
        // length from reserving more than the configured maximum.
        var size = (int)Math.Min(_maxPacketSize, Math.Max(needed, Math.Max(4096L, (_scratch?.Length ?? 0) * 2L)));
        var next = ArrayPool<byte>.Shared.Rent(size);
        if (_scratch is not null)
        {
            _scratch.AsSpan(0, preserve).CopyTo(next);
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        _scratch = next;
    }

    private void ReleaseLargeScratch()
    {
        if (_scratch is { Length: > KeptScratchCapacity })
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutOfOrder(byte received) =>
        throw new BinlogProtocolException(
            $"Packet out of order at byte {_consumedBytes} of the stream: expected sequence id {Sequence}, " +
            $"received {received}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTooLarge(long size) =>
        throw new BinlogProtocolException(
            $"The packet at byte {_consumedBytes} of the stream is at least {size} bytes long, over the configured " +
            $"maximum of {_maxPacketSize} bytes.");
}
