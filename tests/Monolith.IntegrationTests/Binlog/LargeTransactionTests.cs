using System.Globalization;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Replication;
using Monolith.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// A transaction of a million rows, larger than the decoder's staging memory, streams from the live server through
/// the replication client and the decoder with the managed heap bounded by the staging limit, not by the size of
/// the transaction, and every row is delivered once, at its commit.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class LargeTransactionTests(PrivateMariaDb server, ITestOutputHelper output)
{
    private const int Rows = 1_000_000;
    private const long StagingLimit = 4L * 1024 * 1024;

    [Fact]
    public async Task A_million_row_transaction_streams_through_with_bounded_memory()
    {
        var database = "million_" + Guid.NewGuid().ToString("N")[..8];
        var (file, offset) = await server.GetBinlogPositionAsync();
        await server.ExecuteAsync($"CREATE DATABASE {database}");
        await server.ExecuteAsync("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, amount DECIMAL(12,2), " +
            "note VARCHAR(64)) DEFAULT CHARSET=utf8mb4; " +
            $"INSERT INTO t SELECT seq, seq / 100, CONCAT('order note number ', seq, ' for the bulk test') " +
            $"FROM seq_1_to_{Rows.ToString(CultureInfo.InvariantCulture)}", database);
        var (endFile, endOffset) = await server.GetBinlogPositionAsync();
        Assert.Equal(file, endFile);
        var transactionBytes = endOffset - offset;

        var consumer = new CountingConsumer();
        using var decoder = new BinlogDecoder(consumer, options: new BinlogDecoderOptions
        {
            StagingMemoryLimit = StagingLimit,
        });
        var options = LiveDecoding.Options(server, $"{file}:{offset}");
        options.StopAtEnd = true;
        var handler = new FeedingHandler(decoder);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        consumer.Baseline = baseline;

        await new ReplicationClient(options, handler).RunAsync();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"binlog {transactionBytes / 1e6:F1} MB; heap baseline {baseline / 1e6:F1} MB, peak " +
            $"growth {consumer.PeakGrowth / 1e6:F1} MB; allocated {allocated / 1e6:F1} MB, " +
            $"{(double)allocated / Rows:F1} bytes a row; spilled {decoder.Statistics.TransactionsSpilled}");
        Assert.Equal(Rows, consumer.RowsInLastTransaction);
        Assert.Equal((long)Rows * (Rows + 1) / 2, consumer.IdSum);
        Assert.Equal(1, decoder.Statistics.TransactionsSpilled);
        Assert.True(consumer.PeakGrowth < 8 * StagingLimit, $"the heap grew by {consumer.PeakGrowth} bytes while " +
            $"decoding {transactionBytes} bytes of binlog with {StagingLimit} bytes of staging");
        Assert.True(allocated < Rows * 64L, $"{allocated} bytes allocated for {Rows} rows");
    }

    private sealed class FeedingHandler(BinlogDecoder decoder) : IBinlogEventHandler
    {
        public void OnEvent(ReadOnlySpan<byte> eventBytes) => decoder.Feed(eventBytes);

        public ResumePoint? GetResumePoint() => decoder.GetResumePoint();

        public void OnConnectionLost(Exception reason) => decoder.AbandonTransaction();

        public void OnStreamStarted(ReplicationStreamStart start)
        {
        }
    }

    /// <summary>Counts rows and sums the id column; samples the heap every rows event.</summary>
    private sealed class CountingConsumer : IBinlogConsumer
    {
        private readonly int[] _scratch = new int[64];
        private long _rows;

        public long Baseline { get; set; }

        public long PeakGrowth { get; private set; }

        public long RowsInLastTransaction { get; private set; }

        public long IdSum { get; private set; }

        public void OnTransactionStart(in TransactionInfo transaction) => _rows = 0;

        public void OnRows(in RowsEvent rows)
        {
            foreach (var change in rows.GetRows(_scratch))
            {
                IdSum += change.After.GetInt64(0);
                _rows++;
            }

            PeakGrowth = Math.Max(PeakGrowth, GC.GetTotalMemory(forceFullCollection: false) - Baseline);
        }

        public void OnSchemaChange(in SchemaChange change)
        {
        }

        public void OnTransactionCommit(in TransactionCommit commit) => RowsInLastTransaction = _rows;

        public void OnProgress(in BinlogProgress progress)
        {
        }

        public void OnNotice(in DecoderNotice notice)
        {
        }
    }
}
