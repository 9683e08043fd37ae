using Monolith.Engine.Rings;

namespace Monolith.Engine.Tests.Rings;

public sealed class RingSpanTests
{
    public static TheoryData<string> SharingStrategies => new() { "yielding", "blocking" };

    [Fact]
    public void A_claim_that_crosses_the_end_of_the_array_splits_into_head_and_tail_over_the_same_slots()
    {
        var ring = new RingBuffer<long>(8);
        var reader = ring.AddReader();
        ring.Publish(ring.Claim(5));
        Assert.True(reader.TryRead(out var first, maxCount: 8));
        Assert.Equal(4, first.Last);
        reader.Release(first);

        var claimed = ring.ClaimSpan(6);
        Assert.Equal(new RingRange(5, 10), claimed.Range);
        Assert.Equal(3, claimed.Head.Length);
        Assert.Equal(3, claimed.Tail.Length);
        Assert.Equal(6, claimed.Length);
        claimed.CopyFrom([50, 60, 70, 80, 90, 100]);
        ring.Publish(claimed);

        // The spans are the slots the sequences index: the plain per-sequence view sees what the spans wrote.
        for (long s = 5; s <= 10; s++)
        {
            Assert.Equal(s * 10, ring[s]);
        }

        Assert.True(reader.TryReadSpan(out var read, maxCount: 8));
        Assert.Equal(new RingRange(5, 10), read.Range);
        Assert.Equal([50L, 60, 70], read.Head.ToArray());
        Assert.Equal([80L, 90, 100], read.Tail.ToArray());
        var copy = new long[7];
        read.CopyTo(copy);
        Assert.Equal([50L, 60, 70, 80, 90, 100, 0], copy);
        reader.Release(read);
        Assert.Equal(10, reader.Sequence.Value);
    }

    [Fact]
    public void A_run_that_ends_at_the_end_of_the_array_has_an_empty_tail()
    {
        var ring = new RingBuffer<int>(4);
        var reader = ring.AddReader();
        var claimed = ring.ClaimSpan(4);
        Assert.Equal(4, claimed.Head.Length);
        Assert.True(claimed.Tail.IsEmpty);
        claimed.Head.Fill(7);
        ring.Publish(claimed);

        Assert.True(reader.WaitReadSpan(out var read, maxCount: 4));
        Assert.Equal([7, 7, 7, 7], read.Head.ToArray());
        Assert.True(read.Tail.IsEmpty);
    }

    [Fact]
    public void Reads_are_capped_by_the_maximum_count_and_resume_after_the_release()
    {
        var ring = new RingBuffer<long>(16);
        var reader = ring.AddReader();
        var claimed = ring.ClaimSpan(7);
        claimed.CopyFrom([0, 1, 2, 3, 4, 5, 6]);
        ring.Publish(claimed);

        Assert.True(reader.TryReadSpan(out var part, maxCount: 3));
        Assert.Equal([0L, 1, 2], part.Head.ToArray());
        Assert.True(part.Tail.IsEmpty);
        reader.Release(part);

        Assert.True(reader.TryReadSpan(out var rest, maxCount: 10));
        Assert.Equal(new RingRange(3, 6), rest.Range);
        Assert.Equal([3L, 4, 5, 6], rest.Head.ToArray());
        reader.Release(rest);

        Assert.False(reader.TryReadSpan(out var none));
        Assert.True(none.IsEmpty);
        Assert.Equal(0, none.Length);
    }

    [Fact]
    public void A_full_ring_refuses_a_span_claim_until_the_reader_releases()
    {
        var ring = new RingBuffer<long>(8);
        var reader = ring.AddReader();
        ring.Publish(ring.ClaimSpan(6));

        Assert.False(ring.TryClaimSpan(3, out var refused));
        Assert.True(refused.IsEmpty);

        Assert.True(reader.TryReadSpan(out var read, maxCount: 1));
        reader.Release(read);
        Assert.True(ring.TryClaimSpan(3, out var granted));
        Assert.Equal(new RingRange(6, 8), granted.Range);
        Assert.Equal(2, granted.Head.Length);
        Assert.Equal(1, granted.Tail.Length);
    }

    [Fact]
    public void A_completed_ring_drains_what_was_published_through_spans_and_then_reports_the_end()
    {
        var ring = new RingBuffer<long>(8);
        var reader = ring.AddReader();
        var claimed = ring.ClaimSpan(5);
        claimed.CopyFrom([1, 2, 3, 4, 5]);
        ring.Publish(claimed);
        ring.Complete();

        long sum = 0;
        var reads = 0;
        while (reader.WaitReadSpan(out var slots, maxCount: 2))
        {
            foreach (var value in slots.Head)
            {
                sum += value;
            }

            foreach (var value in slots.Tail)
            {
                sum += value;
            }

            reads++;
            reader.Release(slots);
        }

        Assert.Equal(15, sum);
        Assert.Equal(3, reads);
        Assert.True(reader.IsCompleted);
        Assert.False(reader.WaitReadSpan(out var after));
        Assert.True(after.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => ring.ClaimSpan(1));
    }

    [Fact]
    public void Copies_name_the_lengths_when_the_buffer_does_not_fit_the_run()
    {
        var ring = new RingBuffer<long>(8);
        ring.AddReader();
        var claimed = ring.ClaimSpan(3);

        // A ref struct cannot be captured by Assert.Throws' lambda.
        ArgumentException? copyFrom = null;
        try
        {
            claimed.CopyFrom(new long[4]);
        }
        catch (ArgumentException e)
        {
            copyFrom = e;
        }

        ArgumentException? copyTo = null;
        try
        {
            claimed.CopyTo(new long[2]);
        }
        catch (ArgumentException e)
        {
            copyTo = e;
        }

        Assert.NotNull(copyFrom);
        Assert.Contains("4 items", copyFrom.Message, StringComparison.Ordinal);
        Assert.NotNull(copyTo);
        Assert.Contains("2 items", copyTo.Message, StringComparison.Ordinal);
        Assert.Contains("3 slots", copyTo.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SharingStrategies))]
    public void Two_threads_hand_over_every_value_once_and_in_order_through_spans_across_many_wraps(string strategy)
    {
        const int Items = 200_000;
        var ring = new RingBuffer<long>(64, waitStrategy: RingTestHarness.Strategy(strategy));
        var reader = ring.AddReader();
        using var deadline = new CancellationTokenSource(RingTestHarness.Deadline);
        long received = 0;
        long firstMismatch = -1;
        var splitReads = 0;

        var producer = RingTestHarness.Start(() =>
        {
            var random = new Random(11);
            long value = 0;
            while (value < Items)
            {
                // Odd claim sizes that do not divide the capacity, so claims keep landing across the wrap point.
                var count = (int)Math.Min(random.Next(1, 40), Items - value);
                var slots = ring.ClaimSpan(count, deadline.Token);
                for (var i = 0; i < slots.Head.Length; i++)
                {
                    slots.Head[i] = value++;
                }

                for (var i = 0; i < slots.Tail.Length; i++)
                {
                    slots.Tail[i] = value++;
                }

                ring.Publish(slots);
            }

            ring.Complete();
        });
        var consumer = RingTestHarness.Start(() =>
        {
            long expected = 0;
            while (reader.WaitReadSpan(out var slots, deadline.Token, maxCount: 23))
            {
                if (!slots.Tail.IsEmpty)
                {
                    splitReads++;
                }

                foreach (var value in slots.Head)
                {
                    if (value != expected && firstMismatch < 0)
                    {
                        firstMismatch = expected;
                    }

                    expected++;
                }

                foreach (var value in slots.Tail)
                {
                    if (value != expected && firstMismatch < 0)
                    {
                        firstMismatch = expected;
                    }

                    expected++;
                }

                reader.Release(slots);
            }

            received = expected;
        });

        RingTestHarness.AwaitAll(producer, consumer);
        Assert.Equal(-1, firstMismatch);
        Assert.Equal(Items, received);
        Assert.True(splitReads > 0, "No read crossed the end of the array; the test does not cover the split.");
        Assert.True(reader.IsCompleted);
    }
}
