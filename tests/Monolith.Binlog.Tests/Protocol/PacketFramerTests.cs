using System.Buffers;
using System.Runtime.InteropServices;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

public sealed class PacketFramerTests
{
    private const int Max = 64 * 1024 * 1024;

    [Fact]
    public void Packet_in_one_segment_is_returned_without_a_copy()
    {
        var bytes = Packets.Frame(0, [1, 2, 3, 4, 5]);
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var framer = new PacketFramer(Max);

        Assert.True(framer.TryReadPacket(ref buffer, out var payload));

        Assert.Equal([1, 2, 3, 4, 5], payload.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(payload, out var segment));
        Assert.Same(bytes, segment.Array);
        Assert.Equal(4, segment.Offset);
        Assert.Equal(0, buffer.Length);
        Assert.Equal(1, framer.Sequence);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(20)]
    public void Packet_cut_across_segments_is_joined(int cut)
    {
        var payload = Packets.Pattern(40);
        var buffer = Segments.CutAt(Packets.Frame(0, payload), cut);
        using var framer = new PacketFramer(Max);

        Assert.True(framer.TryReadPacket(ref buffer, out var read));

        Assert.Equal(payload, read.ToArray());
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Several_packets_in_one_buffer_are_read_in_order()
    {
        var buffer = new ReadOnlySequence<byte>(
            [.. Packets.Frame(3, [10]), .. Packets.Frame(4, [20, 21]), .. Packets.Frame(5, [])]);
        using var framer = new PacketFramer(Max) { Sequence = 3 };

        Assert.True(framer.TryReadPacket(ref buffer, out var first));
        Assert.Equal([10], first.ToArray());
        Assert.True(framer.TryReadPacket(ref buffer, out var second));
        Assert.Equal([20, 21], second.ToArray());
        Assert.True(framer.TryReadPacket(ref buffer, out var third));
        Assert.True(third.IsEmpty);
        Assert.False(framer.TryReadPacket(ref buffer, out _));
        Assert.Equal(6, framer.Sequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    public void Incomplete_packet_consumes_nothing(int available)
    {
        var bytes = Packets.Frame(0, Packets.Pattern(10))[..available];
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var framer = new PacketFramer(Max);

        Assert.False(framer.TryReadPacket(ref buffer, out _));

        Assert.Equal(available, buffer.Length);
        Assert.Equal(0, framer.Sequence);
        Assert.Equal(0, framer.ConsumedBytes);
    }

    [Fact]
    public void Sequence_id_out_of_order_is_a_protocol_error_naming_both_ids()
    {
        var buffer = new ReadOnlySequence<byte>(Packets.Frame(5, [1]));
        using var framer = new PacketFramer(Max) { Sequence = 2 };

        var error = Assert.Throws<BinlogProtocolException>(() => framer.TryReadPacket(ref buffer, out _));

        Assert.Contains("expected sequence id 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("received 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_id_wraps_from_255_to_0()
    {
        var buffer = new ReadOnlySequence<byte>([.. Packets.Frame(255, [1]), .. Packets.Frame(0, [2])]);
        using var framer = new PacketFramer(Max) { Sequence = 255 };

        Assert.True(framer.TryReadPacket(ref buffer, out _));
        Assert.True(framer.TryReadPacket(ref buffer, out var second));
        Assert.Equal([2], second.ToArray());
    }

    [Fact]
    public void Packet_over_the_maximum_is_refused_before_its_bytes_arrive()
    {
        // Only the header is there: the length alone must be enough to refuse it.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x00, 0x00, 0x20, 0x00 });
        using var framer = new PacketFramer(1024 * 1024);

        var error = Assert.Throws<BinlogProtocolException>(() => framer.TryReadPacket(ref buffer, out _));

        Assert.Contains("2097152", error.Message, StringComparison.Ordinal);
        Assert.Contains("maximum of 1048576", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0xFFFFFF - 1)]
    [InlineData(0xFFFFFF)]
    [InlineData(0xFFFFFF + 1)]
    [InlineData((2 * 0xFFFFFF) + 100)]
    public void Payload_around_the_16_MB_boundary_is_joined_from_its_chunks(int length)
    {
        var payload = Packets.Pattern(length);
        var bytes = Packets.FrameSplit(0, payload);
        var buffer = Segments.CutAt(bytes, bytes.Length / 3, bytes.Length / 2);
        using var framer = new PacketFramer(Max);

        Assert.True(framer.TryReadPacket(ref buffer, out var read));

        Assert.Equal(length, read.Length);
        Assert.True(payload.AsSpan().SequenceEqual(read.Span));
        Assert.Equal(0, buffer.Length);
        var chunks = (length / 0xFFFFFF) + 1;
        Assert.Equal(chunks, framer.Sequence);
    }

    [Fact]
    public void Chunks_of_a_long_packet_are_consumed_as_they_arrive()
    {
        var payload = Packets.Pattern(0xFFFFFF + 10);
        var bytes = Packets.FrameSplit(0, payload);
        var firstChunkEnd = 4 + 0xFFFFFF;
        using var framer = new PacketFramer(Max);

        // The first chunk and part of the second: the first chunk moves to the framer, the rest waits.
        var buffer = new ReadOnlySequence<byte>(bytes[..(firstChunkEnd + 6)]);
        Assert.False(framer.TryReadPacket(ref buffer, out _));
        Assert.Equal(6, buffer.Length);
        Assert.True(framer.IsJoining);

        buffer = new ReadOnlySequence<byte>(bytes[firstChunkEnd..]);
        Assert.True(framer.TryReadPacket(ref buffer, out var read));
        Assert.True(payload.AsSpan().SequenceEqual(read.Span));
        Assert.False(framer.IsJoining);
    }

    [Fact]
    public void End_of_stream_inside_a_packet_is_described_as_truncated()
    {
        var bytes = Packets.Frame(0, Packets.Pattern(100))[..50];
        var buffer = new ReadOnlySequence<byte>(bytes);
        using var framer = new PacketFramer(Max);
        Assert.False(framer.TryReadPacket(ref buffer, out _));

        var error = framer.DescribeEndOfStream(buffer);

        Assert.NotNull(error);
        Assert.Contains("announced 100 payload bytes, 46 arrived", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_of_stream_between_packets_is_clean()
    {
        using var framer = new PacketFramer(Max);

        Assert.Null(framer.DescribeEndOfStream(ReadOnlySequence<byte>.Empty));
    }
}
