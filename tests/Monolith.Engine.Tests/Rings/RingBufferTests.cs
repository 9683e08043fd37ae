using Monolith.Engine.Rings;

namespace Monolith.Engine.Tests.Rings;

public sealed class RingBufferTests
{
    public static TheoryData<string> Strategies => new() { "busy-spin", "yielding", "blocking" };

    // Three spinning threads on a two-core machine starve each other: busy-spin is for a core per thread.
    public static TheoryData<string> SharingStrategies => new() { "yielding", "blocking" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Two_threads_see_every_item_once_and_in_order_across_many_wraps(string strategy)
    {
        const int Items = 100_000;
        var ring = new RingBuffer<long>(16, waitStrategy: RingTestHarness.Strategy(strategy));
        var reader = ring.AddReader();
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);
        long received = 0;
        long firstMismatch = -1;

        var producer = RingTestHarness.Start(() =>
        {
            var random = new Random(7);
            long value = 0;
            while (value < Items)
            {
                var count = (int)Math.Min(random.Next(1, 9), Items - value);
                var range = ring.Claim(count, deadline.Token);
                for (var s = range.First; s <= range.Last; s++)
                {
                    ring[s] = value++;
                }

                ring.Publish(range.Last);
            }

            ring.Complete();
        });
        var consumer = RingTestHarness.Start(() =>
        {
            long expected = 0;
            while (reader.WaitRead(out var range, deadline.Token, maxCount: 5))
            {
                for (var s = range.First; s <= range.Last; s++)
                {
                    if (reader[s] != expected && firstMismatch < 0)
                    {
                        firstMismatch = expected;
                    }

                    expected++;
                }

                reader.Release(range.Last);
            }

            received = expected;
        });

        RingTestHarness.AwaitAll(producer, consumer);
        Assert.Equal(-1, firstMismatch);
        Assert.Equal(Items, received);
        Assert.True(reader.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(SharingStrategies))]
    public void A_chained_reader_sees_what_the_stage_before_it_wrote_in_place(string strategy)
    {
        // 390 wraps. Each wrap needs all three threads to run; on a machine with more runnable threads than cores
        // a thread runs once per scheduling period (milliseconds), so a smaller ring makes the test a measure of
        // the scheduler rather than of the hand-over.
        const int Items = 100_000;
        var ring = new RingBuffer<long>(256, waitStrategy: RingTestHarness.Strategy(strategy));
        var first = ring.AddReader();
        var second = ring.AddReader(after: first);
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);
        long sum = 0;
        long count = 0;

        var producer = RingTestHarness.Start(() =>
        {
            for (long i = 0; i < Items; i++)
            {
                var range = ring.Claim(1, deadline.Token);
                ring[range.First] = i;
                ring.Publish(range);
            }

            ring.Complete();
        });
        var doubler = RingTestHarness.Start(() =>
        {
            while (first.WaitRead(out var range, deadline.Token))
            {
                for (var s = range.First; s <= range.Last; s++)
                {
                    first[s] *= 2;
                }

                first.Release(range);
            }
        });
        var summer = RingTestHarness.Start(() =>
        {
            while (second.WaitRead(out var range, deadline.Token))
            {
                for (var s = range.First; s <= range.Last; s++)
                {
                    sum += second[s];
                    count++;
                }

                second.Release(range);
            }
        });

        RingTestHarness.AwaitAll(producer, doubler, summer);
        Assert.Equal(Items, count);
        Assert.Equal((long)Items * (Items - 1), sum);
    }

    [Fact]
    public void A_full_ring_holds_the_producer_until_the_reader_releases()
    {
        var ring = new RingBuffer<long>(8, waitStrategy: WaitStrategy.Blocking());
        var reader = ring.AddReader();
        ring.Publish(ring.Claim(8));
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);

        Assert.False(ring.TryClaim(1, out _));
        var blocked = RingTestHarness.Start(() => ring.Publish(ring.Claim(2, deadline.Token)));
        Assert.False(RingTestHarness.FinishesWithin(blocked, TimeSpan.FromMilliseconds(200)));

        Assert.True(reader.TryRead(out var range, maxCount: 1));
        reader.Release(range);
        Assert.False(RingTestHarness.FinishesWithin(blocked, TimeSpan.FromMilliseconds(100)));

        Assert.True(reader.TryRead(out range, maxCount: 1));
        reader.Release(range);
        RingTestHarness.AwaitAll(blocked);
        Assert.Equal(9, ring.Cursor.Value);
    }

    [Fact]
    public void Try_claim_succeeds_for_exactly_the_free_slots()
    {
        var ring = new RingBuffer<long>(8);
        var reader = ring.AddReader();

        Assert.True(ring.TryClaim(5, out var first));
        Assert.False(ring.TryClaim(4, out _));
        Assert.True(ring.TryClaim(3, out var second));
        Assert.Equal(new RingRange(0, 4), first);
        Assert.Equal(new RingRange(5, 7), second);
        ring.Publish(second.Last);

        Assert.True(reader.TryRead(out var read));
        reader.Release(read.First + 3);
        Assert.True(ring.TryClaim(4, out var third));
        Assert.Equal(new RingRange(8, 11), third);
    }

    [Fact]
    public void A_read_takes_at_most_a_quarter_of_the_ring_unless_told_otherwise()
    {
        var ring = new RingBuffer<long>(16);
        var reader = ring.AddReader();
        ring.Publish(ring.Claim(16));

        Assert.True(reader.TryRead(out var read));
        Assert.Equal(new RingRange(0, 3), read);
        Assert.True(reader.TryRead(out read, maxCount: 100));
        Assert.Equal(new RingRange(0, 15), read);
    }

    [Fact]
    public void Spans_cover_a_wrapping_range_in_two_contiguous_pieces()
    {
        var ring = new RingBuffer<long>(8);
        var reader = ring.AddReader();
        ring.Publish(ring.Claim(6));
        Assert.True(reader.TryRead(out var read, maxCount: 8));
        reader.Release(read);

        var range = ring.Claim(5);
        var head = ring.GetSpan(range.First, range.Last);
        var tail = ring.GetSpan(range.First + head.Length, range.Last);
        head.Fill(1);
        tail.Fill(2);
        ring.Publish(range);

        Assert.Equal(2, head.Length);
        Assert.Equal(3, tail.Length);
        Assert.True(reader.TryRead(out read, maxCount: 8));
        Assert.Equal(new RingRange(6, 10), read);
        Assert.Equal([1L, 1L], reader.GetSpan(6, 10).ToArray());
        Assert.Equal([2L, 2L, 2L], reader.GetSpan(8, 10).ToArray());
        Assert.Equal(2, reader[10]);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Completion_lets_the_reader_drain_what_is_in_flight_and_then_report_the_end(string strategy)
    {
        var ring = new RingBuffer<long>(64, waitStrategy: RingTestHarness.Strategy(strategy));
        var reader = ring.AddReader();
        var range = ring.Claim(40);
        for (var s = range.First; s <= range.Last; s++)
        {
            ring[s] = s * 10;
        }

        ring.Publish(range);
        ring.Complete();
        var values = new List<long>();
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);

        var consumer = RingTestHarness.Start(() =>
        {
            while (reader.WaitRead(out var read, deadline.Token, maxCount: 7))
            {
                for (var s = read.First; s <= read.Last; s++)
                {
                    values.Add(reader[s]);
                }

                reader.Release(read);
            }
        });

        RingTestHarness.AwaitAll(consumer);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10L), values);
        Assert.True(reader.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => ring.Claim(1));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Completion_wakes_a_reader_waiting_on_an_empty_ring(string strategy)
    {
        var ring = new RingBuffer<long>(8, waitStrategy: RingTestHarness.Strategy(strategy));
        var reader = ring.AddReader();
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);
        var result = true;

        var consumer = RingTestHarness.Start(() => result = reader.WaitRead(out _, deadline.Token));
        Thread.Sleep(50);
        ring.Complete();

        RingTestHarness.AwaitAll(consumer);
        Assert.False(result);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Cancellation_ends_a_reader_waiting_on_an_empty_ring(string strategy)
    {
        var ring = new RingBuffer<long>(8, waitStrategy: RingTestHarness.Strategy(strategy));
        var reader = ring.AddReader();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var consumer = RingTestHarness.Start(() => reader.WaitRead(out _, cancel.Token));

        var error = Assert.Throws<AggregateException>(() => RingTestHarness.AwaitAll(consumer));
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Cancellation_ends_a_producer_waiting_on_a_full_ring(string strategy)
    {
        var ring = new RingBuffer<long>(4, waitStrategy: RingTestHarness.Strategy(strategy));
        ring.AddReader();
        ring.Publish(ring.Claim(4));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var producer = RingTestHarness.Start(() => ring.Claim(1, cancel.Token));

        var error = Assert.Throws<AggregateException>(() => RingTestHarness.AwaitAll(producer));
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal(3, ring.Cursor.Value);
    }

    [Fact]
    public void Misuse_is_reported_with_the_offending_sequence()
    {
        var ring = new RingBuffer<long>(8);
        Assert.Throws<InvalidOperationException>(() => ring.Claim(1));

        var reader = ring.AddReader();
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Claim(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Claim(9));

        var range = ring.Claim(2);
        var publishError = Assert.Throws<ArgumentOutOfRangeException>(() => ring.Publish(range.Last + 1));
        Assert.Equal(range.Last + 1, publishError.ActualValue);
        ring.Publish(range);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Publish(range.Last));

        Assert.Throws<InvalidOperationException>(() => ring.AddReader());
        Assert.True(reader.TryRead(out var read));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Release(read.Last + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<long>(12));
        Assert.Throws<ArgumentException>(() => new RingBuffer<long>(4).AddReader(reader));
    }

    [Fact]
    public void Byte_slots_reach_a_steady_state_without_allocating()
    {
        var ring = new RingBuffer<ByteSlot>(16, () => new ByteSlot(4));
        var reader = ring.AddReader();
        Span<byte> payload = stackalloc byte[100];
        payload.Fill(0x5A);
        long total = 0;

        void RunRound(Span<byte> data)
        {
            for (var i = 0; i < 1_000; i++)
            {
                var range = ring.Claim(4);
                for (var s = range.First; s <= range.Last; s++)
                {
                    var slot = ring[s];
                    slot.Kind = i;
                    slot.Set(data[..(int)(s % 100)]);
                }

                ring.Publish(range);
                Assert.True(reader.TryRead(out var read));
                for (var s = read.First; s <= read.Last; s++)
                {
                    total += reader[s].Length;
                }

                reader.Release(read);
            }
        }

        RunRound(payload);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunRound(payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void WaitAvailable_waits_without_reading_and_ends_once_completed_and_released()
    {
        var ring = new RingBuffer<long>(8, waitStrategy: WaitStrategy.Blocking());
        var reader = ring.AddReader();
        var range = ring.Claim(3);
        ring.Publish(range.Last);

        Assert.True(reader.WaitAvailable());
        Assert.True(reader.WaitAvailable());
        Assert.True(reader.TryRead(out var read, maxCount: 8));
        Assert.Equal(new RingRange(0, 2), read);
        reader.Release(read);

        // Nothing new: a wait ends when the producer publishes from another thread, and after completion.
        var woke = false;
        var waiter = RingTestHarness.Start(() => woke = reader.WaitAvailable());
        Thread.Sleep(20);
        Assert.False(waiter.IsCompleted);
        ring.Publish(ring.Claim(1).Last);
        RingTestHarness.AwaitAll(waiter);
        Assert.True(woke);
        ring.Complete();
        Assert.True(reader.WaitAvailable());
        Assert.True(reader.TryRead(out read));
        reader.Release(read);
        Assert.False(reader.WaitAvailable());
    }

    [Fact]
    public void Slots_of_plain_values_start_a_128_byte_block_and_keep_their_padding()
    {
        for (var i = 0; i < 20; i++)
        {
            var ring = new RingBuffer<long>(1024);
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(ring.Slots,
                System.Runtime.InteropServices.GCHandleType.Pinned);
            var first = (long)handle.AddrOfPinnedObject() + (ring.SlotOffset * sizeof(long));
            handle.Free();
            Assert.Equal(0, first % 128);
            Assert.InRange(ring.SlotOffset, 16, ring.Slots.Length - 1024 - 16);
            _ = new byte[i * 24];
        }
    }
}
