using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rings;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Changes;

/// <summary>The compute stage records every transaction's added latency once, when a version holding it is
/// published.</summary>
public class AddedLatencyTests
{
    [Fact]
    public void Every_committed_transaction_is_recorded_from_its_hand_off_to_the_publish()
    {
        var ring = new RingBuffer<ChangeSlot>(64, () => new ChangeSlot(), WaitStrategy.Blocking());
        var counters = new PipelineCounters();
        using var processor = new ChangeProcessor(ring.AddReader(), new RollupStore(), [], (_, _) => null,
            new PipelineOptions(), counters, NullLogger.Instance);

        // Three transactions handed on 40, 30 and 20 ms ago, in one run of the ring: one publish covers them all.
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3; i++)
        {
            var sequence = ring.Claim(1).First;
            var slot = ring[sequence];
            slot.Kind = ChangeSlotKind.Commit;
            slot.Table = null;
            slot.Position = new BinlogPosition("binlog.000001", 1000 + i);
            slot.PublishedTicks = now - (Stopwatch.Frequency * (40 - (10 * i)) / 1000);
            ring.Publish(sequence);
        }

        ring.Complete();
        processor.Run(CancellationToken.None);

        var latency = counters.CommitToVisible.Snapshot();
        Assert.Equal(3, latency.Count);
        Assert.InRange(latency.Max, TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(30));
        Assert.InRange(latency.P50, TimeSpan.FromMilliseconds(30), latency.Max);
        Assert.Equal(1, counters.Publishes);
    }

    [Fact]
    public void An_idle_stage_lets_the_source_thread_process_and_publish_the_transaction()
    {
        var ring = new RingBuffer<ChangeSlot>(64, () => new ChangeSlot(), WaitStrategy.Blocking());
        var counters = new PipelineCounters();
        using var processor = new ChangeProcessor(ring.AddReader(), new RollupStore(), [], (_, _) => null,
            new PipelineOptions(), counters, NullLogger.Instance);

        PublishCommit(ring, 1);
        Assert.True(processor.TryRunInline());
        Assert.Equal(1, counters.Publishes);
        Assert.Equal(1, counters.CommitToVisible.Snapshot().Count);
        Assert.Equal(1, counters.PublishedPosition!.Position.Offset);
    }

    [Fact]
    public void Source_and_compute_threads_taking_turns_apply_every_transaction_once()
    {
        const int Transactions = 20_000;
        var ring = new RingBuffer<ChangeSlot>(16, () => new ChangeSlot(), WaitStrategy.Blocking());
        var counters = new PipelineCounters();
        using var processor = new ChangeProcessor(ring.AddReader(), new RollupStore(), [], (_, _) => null,
            new PipelineOptions(), counters, NullLogger.Instance);
        var compute = new Thread(() => processor.Run(CancellationToken.None)) { IsBackground = true };
        compute.Start();

        var inline = 0;
        for (var i = 1; i <= Transactions; i++)
        {
            PublishCommit(ring, i);
            inline += processor.TryRunInline() ? 1 : 0;
        }

        ring.Complete();
        Assert.True(compute.Join(TimeSpan.FromMinutes(1)));
        Assert.Equal(Transactions, counters.Transactions);
        Assert.Equal(Transactions, counters.CommitToVisible.Snapshot().Count);
        Assert.Equal(Transactions, counters.PublishedPosition!.Position.Offset);
        Assert.InRange(inline, 1, Transactions);
    }

    private static void PublishCommit(RingBuffer<ChangeSlot> ring, long offset)
    {
        var sequence = ring.Claim(1).First;
        var slot = ring[sequence];
        slot.Kind = ChangeSlotKind.Commit;
        slot.Table = null;
        slot.Position = new BinlogPosition("binlog.000001", offset);
        slot.PublishedTicks = Stopwatch.GetTimestamp();
        ring.Publish(sequence);
    }
}
