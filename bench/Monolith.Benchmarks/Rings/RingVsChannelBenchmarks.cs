using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Monolith.Engine.Rings;

namespace Monolith.Benchmarks.Rings;

/// <summary>
/// Hands <see cref="long"/> values from one thread to another through the ring and through a bounded
/// <see cref="Channel{T}"/> (single reader, single writer) in the same run. Every operation is one item, so
/// the mean is nanoseconds per item and Op/s is items per second. Ping-pong operations are one round trip:
/// the one-way hand-off latency is half the mean.
/// </summary>
/// <remarks>
/// Single items: the producer claims and publishes (or writes) one value at a time; the consumer takes
/// whatever is available. Batches: the ring producer claims 1024 slots as spans and publishes once, the channel
/// carries arrays of 1024 values drawn from a recycled set. Both consumers add every value up and the sum is
/// checked, so nothing can be skipped; ring and channel fill and add with the same span loops, so the difference
/// is the hand-off alone. The ring runs with the yielding wait strategy, its default, and with the
/// blocking one (the pipeline's), which, like a channel, puts a waiting thread to sleep and wakes it when the
/// other side moves: on a machine with more runnable threads than cores only a sleeping waiter is woken
/// promptly. Readers take their default batch (at most a quarter of the ring per read, released before the next).
/// </remarks>
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RingVsChannelBenchmarks
{
    private const int SingleItems = 2_000_000;
    private const int BatchItems = 96 * 1024 * 1024;
    private const int BatchSize = 1024;
    private const int RoundTrips = 100_000;
    private const int RingCapacity = 64 * 1024;
    private const int ChannelCapacity = 4 * 1024;
    private const int ChannelArrays = 64;

    [Benchmark(Baseline = true, OperationsPerInvoke = SingleItems)]
    [BenchmarkCategory("single")]
    public async Task<long> ChannelSingle()
    {
        var channel = Channel.CreateBounded<long>(
            new BoundedChannelOptions(ChannelCapacity) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            long sum = 0;
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var value))
                {
                    sum += value;
                }
            }

            return sum;
        });

        var writer = channel.Writer;
        for (long i = 0; i < SingleItems; i++)
        {
            await writer.WriteAsync(i).ConfigureAwait(false);
        }

        writer.Complete();
        return Check(await consumer.ConfigureAwait(false), SingleItems);
    }

    [Benchmark(OperationsPerInvoke = SingleItems)]
    [BenchmarkCategory("single")]
    public long RingSingle() => Single(WaitStrategy.Yielding());

    [Benchmark(OperationsPerInvoke = SingleItems)]
    [BenchmarkCategory("single")]
    public long RingSingleBlocking() => Single(WaitStrategy.Blocking());

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchItems)]
    [BenchmarkCategory("batch-1024")]
    public async Task<long> ChannelBatch()
    {
        // Bounded at N arrays, N + 2 recycled arrays suffice: when array k is refilled, the consumer has
        // already taken k + 1, so it is done with k.
        var arrays = new long[ChannelArrays + 2][];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = new long[BatchSize];
        }

        var channel = Channel.CreateBounded<long[]>(
            new BoundedChannelOptions(ChannelArrays) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            long sum = 0;
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var batch))
                {
                    sum += Sum(batch);
                }
            }

            return sum;
        });

        var writer = channel.Writer;
        long next = 0;
        for (var b = 0; b < BatchItems / BatchSize; b++)
        {
            var batch = arrays[b % arrays.Length];
            next = Fill(batch, next);
            await writer.WriteAsync(batch).ConfigureAwait(false);
        }

        writer.Complete();
        return Check(await consumer.ConfigureAwait(false), BatchItems);
    }

    [Benchmark(OperationsPerInvoke = BatchItems)]
    [BenchmarkCategory("batch-1024")]
    public long RingBatch() => Batch(WaitStrategy.Yielding());

    [Benchmark(OperationsPerInvoke = BatchItems)]
    [BenchmarkCategory("batch-1024")]
    public long RingBatchBlocking() => Batch(WaitStrategy.Blocking());

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    [BenchmarkCategory("round-trip")]
    public async Task<long> ChannelPingPong()
    {
        var options = new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateBounded<long>(options);
        var pong = Channel.CreateBounded<long>(options);
        var echo = Task.Run(async () =>
        {
            await foreach (var value in ping.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await pong.Writer.WriteAsync(value).ConfigureAwait(false);
            }

            pong.Writer.Complete();
        });

        long sum = 0;
        for (long i = 0; i < RoundTrips; i++)
        {
            await ping.Writer.WriteAsync(i).ConfigureAwait(false);
            sum += await pong.Reader.ReadAsync().ConfigureAwait(false);
        }

        ping.Writer.Complete();
        await echo.ConfigureAwait(false);
        return Check(sum, RoundTrips);
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    [BenchmarkCategory("round-trip")]
    public long RingPingPong() => PingPong(WaitStrategy.Yielding());

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    [BenchmarkCategory("round-trip")]
    public long RingPingPongBlocking() => PingPong(WaitStrategy.Blocking());

    private static long Single(WaitStrategy waitStrategy)
    {
        var ring = new RingBuffer<long>(ChannelCapacity, waitStrategy: waitStrategy);
        var reader = ring.AddReader();
        long sum = 0;
        var consumer = StartThread(() => sum = Drain(reader));

        for (long i = 0; i < SingleItems; i++)
        {
            var range = ring.Claim(1);
            ring[range.First] = i;
            ring.Publish(range.Last);
        }

        ring.Complete();
        consumer.Join();
        return Check(sum, SingleItems);
    }

    private static long Batch(WaitStrategy waitStrategy)
    {
        var ring = new RingBuffer<long>(RingCapacity, waitStrategy: waitStrategy);
        var reader = ring.AddReader();
        long sum = 0;
        var consumer = StartThread(() => sum = Drain(reader));

        long next = 0;
        for (var b = 0; b < BatchItems / BatchSize; b++)
        {
            var slots = ring.ClaimSpan(BatchSize);
            next = Fill(slots.Tail, Fill(slots.Head, next));
            ring.Publish(slots);
        }

        ring.Complete();
        consumer.Join();
        return Check(sum, BatchItems);
    }

    private static long PingPong(WaitStrategy waitStrategy)
    {
        var ping = new RingBuffer<long>(16, waitStrategy: waitStrategy);
        var pong = new RingBuffer<long>(16, waitStrategy: waitStrategy);
        var pingReader = ping.AddReader();
        var pongReader = pong.AddReader();
        var echo = StartThread(() =>
        {
            while (pingReader.WaitRead(out var range))
            {
                var reply = pong.Claim(range.Count);
                for (var s = range.First; s <= range.Last; s++)
                {
                    pong[reply.First + (s - range.First)] = pingReader[s];
                }

                pingReader.Release(range.Last);
                pong.Publish(reply.Last);
            }

            pong.Complete();
        });

        long sum = 0;
        for (long i = 0; i < RoundTrips; i++)
        {
            var range = ping.Claim(1);
            ping[range.First] = i;
            ping.Publish(range.Last);
            pongReader.WaitRead(out var answer);
            sum += pongReader[answer.First];
            pongReader.Release(answer.Last);
        }

        ping.Complete();
        echo.Join();
        return Check(sum, RoundTrips);
    }

    private static long Drain(RingReader<long> reader)
    {
        long sum = 0;
        while (reader.WaitReadSpan(out var slots))
        {
            sum += Sum(slots.Head) + Sum(slots.Tail);
            reader.Release(slots);
        }

        return sum;
    }

    /// <summary>Writes consecutive values from <paramref name="next"/>; the ring and the channel share it, so
    /// both producers do the same work per item.</summary>
    private static long Fill(Span<long> span, long next)
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = next + i;
        }

        return next + span.Length;
    }

    /// <summary>Adds the values up; shared by both consumers.</summary>
    private static long Sum(ReadOnlySpan<long> span)
    {
        long sum = 0;
        foreach (var value in span)
        {
            sum += value;
        }

        return sum;
    }

    private static Thread StartThread(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = "ring-consumer" };
        thread.Start();
        return thread;
    }

    private static long Check(long sum, long items)
    {
        var expected = items * (items - 1) / 2;
        return sum == expected
            ? sum
            : throw new InvalidOperationException($"Lost or duplicated items: sum {sum}, expected {expected}.");
    }
}
