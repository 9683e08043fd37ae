using System.Buffers;
using BenchmarkDotNet.Attributes;
using Monolith.Binlog.Protocol;

namespace Monolith.Benchmarks.Protocol;

/// <summary>
/// Cutting a replication stream into packets: 64 MB of event packets sized like a row-based binlog (mostly
/// small TABLE_MAP/XID events and rows events up to 8 KB), from one contiguous buffer, from 64 KB segments as a
/// PipeReader hands them out, and end to end through the channel over a stream. Throughput is the stream size
/// divided by the mean time; allocations per operation show that framing allocates nothing per packet.
/// </summary>
[MemoryDiagnoser]
public class PacketFramingBenchmarks
{
    private const int StreamBytes = 64 * 1024 * 1024;
    private const int SegmentSize = 64 * 1024;

    private byte[] _stream = [];
    private ReadOnlySequence<byte> _segmented;
    private int _packets;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var output = new MemoryStream(StreamBytes + 16 * 1024);
        byte sequence = 1;
        while (output.Length < StreamBytes)
        {
            // A transaction's events: GTID (~42 B), TABLE_MAP (~60 B), rows (up to 8 KB), XID (31 B).
            foreach (var size in new[] { 43, 60 + random.Next(40), random.Next(100, 8200), 32 })
            {
                var payload = new byte[size];
                random.NextBytes(payload);
                payload[0] = 0;
                output.Write([(byte)size, (byte)(size >> 8), (byte)(size >> 16), sequence++]);
                output.Write(payload);
                _packets++;
            }
        }

        _stream = output.ToArray();
        _segmented = Segment(_stream, SegmentSize);
    }

    [Benchmark(Baseline = true, Description = "contiguous buffer")]
    public long Contiguous() => Frame(new ReadOnlySequence<byte>(_stream));

    [Benchmark(Description = "64 KB segments")]
    public long Segmented() => Frame(_segmented);

    [Benchmark(Description = "channel over a stream")]
    public async Task<long> Channel()
    {
        await using var channel = new PacketChannel(new MemoryStream(_stream, writable: false), "benchmark",
            1 << 30)
        {
            Sequence = 1,
        };
        long total = 0;
        for (var i = 0; i < _packets; i++)
        {
            total += (await channel.ReadPacketAsync(TimeProvider.System, CancellationToken.None)).Length;
        }

        return total;
    }

    private long Frame(ReadOnlySequence<byte> buffer)
    {
        using var framer = new PacketFramer(1 << 30) { Sequence = 1 };
        long total = 0;
        while (framer.TryReadPacket(ref buffer, out var payload))
        {
            total += payload.Length;
        }

        return total;
    }

    private static ReadOnlySequence<byte> Segment(byte[] bytes, int size)
    {
        var first = new Chunk(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var offset = size; offset < bytes.Length; offset += size)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
