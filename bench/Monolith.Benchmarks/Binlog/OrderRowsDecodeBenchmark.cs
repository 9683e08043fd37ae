using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Text;

namespace Monolith.Benchmarks.Binlog;

/// <summary>
/// Decodes a WRITE_ROWS event of a demo-shop <c>orders</c> table (BIGINT UNSIGNED id, INT UNSIGNED user id,
/// DECIMAL(12,2) total, DATETIME(6) created_at, ENUM status, VARCHAR(200) utf8mb4 note) as MySQL 8 writes it with
/// full row metadata, reading every column through the typed accessors. Results are per row
/// (<see cref="BenchmarkAttribute"/> with OperationsPerInvoke = rows in the event).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class OrderRowsDecodeBenchmark
{
    private const int Rows = 100;

    private TableDecoder _table = null!;
    private RowsEventHeader _header;
    private byte[] _body = [];
    private int[] _scratch = [];
    private ArrayBufferWriter<byte> _json = null!;
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var map = TableMapEvent.Read(TableMapBody(), 8);
        _table = TableDecoder.Create(map, null);
        _body = RowsBody();
        _header = RowsEventHeader.Read(_body, BinlogEventType.WriteRowsV2, 10);
        _scratch = new int[_table.ScratchLength];
        _json = new ArrayBufferWriter<byte>(1 << 20);
        _writer = new Utf8JsonWriter(_json);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    /// <summary>Reads every column of every row with the typed accessors.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ReadEveryColumn()
    {
        long sum = 0;
        foreach (var change in new RowsEventReader(_table, _header, _body, _scratch))
        {
            var row = change.After;
            sum += (long)row.GetUInt64(0);
            sum += (long)row.GetUInt64(1);
            if (row.TryGetDecimal(2, out var total, out _))
            {
                sum += (long)total;
            }

            sum += row.GetDateTime(3).Microsecond;
            sum += row.GetInt64(4);
            sum += row.IsNull(5) ? 0 : row.GetBytes(5).Length;
        }

        return sum;
    }

    /// <summary>Writes every row as the JSON line of <c>monolith binlog dump</c>.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int WriteJsonLines()
    {
        _json.ResetWrittenCount();
        var context = new RowJsonContext("binlog.000001", 4, 1_700_000_000, null);
        foreach (var change in new RowsEventReader(_table, _header, _body, _scratch))
        {
            _writer.Reset(_json);
            RowJsonWriter.Write(_writer, change, _table, context);
            _writer.Flush();
        }

        return _json.WrittenCount;
    }

    private static byte[] TableMapBody()
    {
        var body = new List<byte> { 42, 0, 0, 0, 0, 0, 1, 0 };
        body.AddRange([4, .. "shop"u8, 0, 6, .. "orders"u8, 0, 6]);
        body.AddRange([8, 3, 246, 18, 254, 15]);
        byte[] meta = [12, 2, 6, 0xF7, 1, 200 * 4 & 0xFF, 200 * 4 >> 8];
        body.Add((byte)meta.Length);
        body.AddRange(meta);
        body.Add(0b100000);

        // Optional metadata: SIGNEDNESS (id, user id, total unsigned), COLUMN_CHARSET (note: utf8mb4_0900_ai_ci),
        // COLUMN_NAME and ENUM_STR_VALUE, as binlog_row_metadata=FULL writes them.
        body.AddRange([1, 1, 0b1100_0000]);
        body.AddRange([3, 3, 0xFC, 0xFF, 0x00]);
        var names = new List<byte>();
        foreach (var name in new[] { "id", "user_id", "total", "created_at", "status", "note" })
        {
            names.Add((byte)name.Length);
            names.AddRange(Encoding.UTF8.GetBytes(name));
        }

        body.AddRange([4, (byte)names.Count, .. names]);
        var labels = new List<byte> { 4 };
        foreach (var label in new[] { "new", "paid", "shipped", "cancelled" })
        {
            labels.Add((byte)label.Length);
            labels.AddRange(Encoding.UTF8.GetBytes(label));
        }

        body.AddRange([6, (byte)labels.Count, .. labels]);
        return [.. body];
    }

    private static byte[] RowsBody()
    {
        var body = new List<byte> { 42, 0, 0, 0, 0, 0, 1, 0, 2, 0, 6, 0b111111 };
        var random = new Random(7);
        for (var i = 0; i < Rows; i++)
        {
            body.Add(0);
            body.AddRange(BitConverter.GetBytes(10_000_000_000UL + (ulong)i));
            body.AddRange(BitConverter.GetBytes((uint)random.Next(1, 100_000)));

            // DECIMAL(12,2): 10 integer digits as a 1-digit group (1 byte) and a 9-digit group, then 2 digits.
            var cents = random.Next(100, 5_000_000);
            var integer = cents / 100;
            byte[] total = [0x80, (byte)(integer >> 24), (byte)(integer >> 16), (byte)(integer >> 8), (byte)integer,
                (byte)(cents % 100)];
            body.AddRange(total);

            var ymd = ((long)((2024 * 13) + 6) << 5) | 15;
            var packed = ((ymd << 17) | (uint)((12 << 12) | (30 << 6) | (i % 60))) + 0x80_0000_0000L;
            body.AddRange([(byte)(packed >> 32), (byte)(packed >> 24), (byte)(packed >> 16), (byte)(packed >> 8),
                (byte)packed]);
            var micros = random.Next(1_000_000);
            body.AddRange([(byte)(micros >> 16), (byte)(micros >> 8), (byte)micros]);
            body.Add((byte)random.Next(1, 5));
            var note = Encoding.UTF8.GetBytes($"Order {i} – deliver to the back door, please ✓");
            body.AddRange([(byte)note.Length, (byte)(note.Length >> 8)]);
            body.AddRange(note);
        }

        return [.. body];
    }
}
