using System.Buffers.Binary;
using Monolith.Engine.Enrichment;
using Monolith.Engine.Enrichment.State;

namespace Monolith.Engine.Tests.Enrichment;

public sealed class KeyedStateStoreTests
{
    private static readonly EnrichmentOptions s_small = new()
    {
        MemoryBytes = 1 << 16,
        PageBytes = 1 << 12,
        IndexBuckets = 64,
    };

    [Fact]
    public void Written_records_read_back_and_deleted_keys_are_gone()
    {
        using var store = new KeyedStateStore("test", s_small);
        store.Write(1, "one"u8, isNew: true);
        store.Write(-7, "minus seven"u8, isNew: true);
        store.Write(1, "one again, longer than before"u8, isNew: false);
        store.Delete(-7, existed: true);

        Assert.True(store.TryRead(1, out var one));
        Assert.Equal("one again, longer than before"u8.ToArray(), one.ToArray());
        Assert.False(store.TryRead(-7, out _));
        Assert.False(store.TryRead(2, out _));
        Assert.Equal(1, store.LiveKeys);
    }

    [Fact]
    public void Records_past_the_memory_budget_spill_to_the_state_directory_and_read_back()
    {
        var directory = Directory.CreateTempSubdirectory("monolith-state-");
        try
        {
            using (var store = new KeyedStateStore("spill", s_small with { StateDirectory = directory.FullName }))
            {
                const int keys = 4000;
                for (var key = 0; key < keys; key++)
                {
                    store.Write(key, Record(key, 96), isNew: true);
                }

                Assert.True(store.LogBytes > s_small.MemoryBytes, "the records must outgrow the memory budget");
                Assert.True(Directory.EnumerateFiles(Path.Combine(directory.FullName, "enrichment", "spill"),
                    "*", SearchOption.AllDirectories).Any(), "the log must be written under State:Directory");
                for (var key = 0; key < keys; key++)
                {
                    Assert.True(store.TryRead(key, out var value), $"key {key} lost");
                    Assert.Equal(key, BinaryPrimitives.ReadInt64LittleEndian(value));
                    Assert.Equal(96, value.Length);
                }

                Assert.True(store.DiskReads > 0, "old records must have been read from disk");
            }

            Assert.False(Directory.Exists(Path.Combine(directory.FullName, "enrichment", "spill")),
                "a store without checkpoints removes its log when closed");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Churn_is_compacted_so_that_a_memory_only_store_keeps_every_live_record()
    {
        using var store = new KeyedStateStore("churn", s_small);
        for (var round = 0; round < 400; round++)
        {
            for (var key = 0; key < 50; key++)
            {
                store.Write(key, Record(key * 1000 + round, 40 + round % 20), isNew: round == 0);
            }
        }

        Assert.True(store.Compactions > 0, "the log must have been compacted");
        for (var key = 0; key < 50; key++)
        {
            Assert.True(store.TryRead(key, out var value), $"key {key} lost");
            Assert.Equal(key * 1000 + 399, BinaryPrimitives.ReadInt64LittleEndian(value));
        }
    }

    [Fact]
    public void An_insert_only_store_on_disk_is_never_compacted()
    {
        var directory = Directory.CreateTempSubdirectory("monolith-state-");
        try
        {
            using var store = new KeyedStateStore("facts", s_small with { StateDirectory = directory.FullName });
            for (var key = 0; key < 8000; key++)
            {
                store.Write(key, Record(key, 96), isNew: true);
            }

            Assert.True(store.LogBytes > 4 * s_small.MemoryBytes, "the log must outgrow twice the memory budget");
            Assert.Equal(0, store.Compactions);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Churn_on_disk_is_compacted_in_slices_and_keeps_every_live_record()
    {
        var directory = Directory.CreateTempSubdirectory("monolith-state-");
        try
        {
            using var store = new KeyedStateStore("churn", s_small with { StateDirectory = directory.FullName });
            const int keys = 600;
            var latest = new int[keys];
            var random = new Random(7);
            for (var write = 0; write < 60_000; write++)
            {
                var key = random.Next(keys);
                var isNew = latest[key] == 0;
                latest[key] = write + 1;
                store.Write(key, Record(write + 1, 48 + write % 40), isNew);
                if (write % 997 == 0)
                {
                    store.Delete(key, existed: true);
                    latest[key] = 0;
                }
            }

            Assert.True(store.Compactions > 1, "the churned log must have been compacted, slice by slice");
            Assert.True(store.LogBytes < 16 * s_small.MemoryBytes, $"the log kept {store.LogBytes} bytes");
            for (var key = 0; key < keys; key++)
            {
                if (latest[key] == 0)
                {
                    Assert.False(store.TryRead(key, out _), $"deleted key {key} came back");
                    continue;
                }

                Assert.True(store.TryRead(key, out var value), $"key {key} lost");
                Assert.Equal(latest[key], BinaryPrimitives.ReadInt64LittleEndian(value));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_memory_only_store_stops_with_a_clear_error_rather_than_lose_records()
    {
        using var store = new KeyedStateStore("full", s_small);
        var error = Assert.Throws<EnrichmentStateException>(() =>
        {
            for (var key = 0; key < 100_000; key++)
            {
                store.Write(key, Record(key, 64), isNew: true);
            }
        });

        Assert.Contains("full", error.Message, StringComparison.Ordinal);
        Assert.Contains("State:Directory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2049)]
    public void A_record_that_does_not_fit_half_a_page_is_refused(int length)
    {
        using var store = new KeyedStateStore("sizes", s_small);
        var error = Assert.Throws<EnrichmentStateException>(() => store.Write(1, new byte[length], isNew: true));

        Assert.Contains($"{length} bytes", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Record(long value, int length)
    {
        var record = new byte[length];
        BinaryPrimitives.WriteInt64LittleEndian(record, value);
        record.AsSpan(8).Fill((byte)value);
        return record;
    }
}
