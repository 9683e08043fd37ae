using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Schema;

namespace Monolith.Benchmarks.Pipeline;

/// <summary>
/// The demo shop's <c>orders</c> table as MariaDB 10.11 writes it to the binlog with its defaults (rows events
/// v1, full row images, no optional TABLE_MAP metadata, so names and ENUM labels come from the schema), and
/// rows events for it built byte by byte: inserts of new orders and status changes (UPDATE with before and
/// after images), cut into events of at most 8 KB as <c>binlog_row_event_max_size</c> cuts them.
/// </summary>
internal static class OrdersBinlog
{
    /// <summary>2024-06-03T08:00 as the shop's wall clock.</summary>
    public static readonly DateTime Start = new(2024, 6, 3, 8, 0, 0);

    public static readonly string[] Statuses = ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"];

    private const int MaxEventBytes = 8192;
    private const ulong TableId = 42;

    private static readonly (string Country, string Currency)[] s_markets =
    [
        ("DE", "EUR"), ("FR", "EUR"), ("GB", "GBP"), ("US", "USD"), ("ES", "EUR"), ("IT", "EUR"), ("NL", "EUR"),
        ("PL", "PLN"), ("SE", "SEK"), ("AT", "EUR"), ("CH", "CHF"), ("JP", "JPY"), ("CN", "CNY"), ("BR", "BRL"),
    ];

    private static readonly string[] s_coupons = ["WELCOME10", "SUMMER15", "FREESHIP", "VIP20", "HERBST5"];

    // Column types and metadata of the TABLE_MAP, in ordinal order (see data/shop.sql).
    private static readonly (ColumnType Type, ushort Meta, bool Nullable)[] s_columns =
    [
        (ColumnType.LongLong, 0, false), // id BIGINT UNSIGNED
        (ColumnType.LongLong, 0, false), // user_id BIGINT UNSIGNED
        (ColumnType.String, 0xF701, false), // status ENUM
        (ColumnType.String, 0xFE02, false), // country CHAR(2) ascii
        (ColumnType.String, 0xFE03, false), // currency CHAR(3) ascii
        (ColumnType.Tiny, 0, false), // item_count TINYINT UNSIGNED
        (ColumnType.NewDecimal, 12 | (2 << 8), false), // subtotal DECIMAL(12,2)
        (ColumnType.NewDecimal, 12 | (2 << 8), false), // discount
        (ColumnType.NewDecimal, 12 | (2 << 8), false), // shipping_fee
        (ColumnType.NewDecimal, 12 | (2 << 8), false), // tax
        (ColumnType.NewDecimal, 12 | (2 << 8), false), // total
        (ColumnType.VarChar, 128, true), // coupon_code VARCHAR(32) utf8mb4
        (ColumnType.DateTime2, 6, false), // created_at DATETIME(6)
        (ColumnType.Timestamp2, 6, false), // updated_at TIMESTAMP(6)
        (ColumnType.Timestamp2, 6, true), // paid_at
        (ColumnType.Timestamp2, 6, true), // shipped_at
        (ColumnType.Timestamp2, 6, true), // delivered_at
        (ColumnType.VarChar, 800, true), // cancel_reason VARCHAR(200) utf8mb4
    ];

    /// <summary>The table's decoder, built as the source builds it from a TABLE_MAP and the schema.</summary>
    public static TableDecoder Decoder() => TableDecoder.Create(TableMapEvent.Read(TableMapBody(), 8), Schema());

    /// <summary>Rows events inserting <paramref name="count"/> new orders placed <paramref name="spacing"/> apart
    /// from <see cref="Start"/>.</summary>
    public static List<RowsEventData> Inserts(int count, TimeSpan spacing, int seed = 42)
    {
        var orders = Orders(count, spacing, seed);
        return Pack(orders.Select(o => Image(o)), update: false);
    }

    /// <summary>
    /// Rows events with <paramref name="count"/> status changes (UPDATE, both images) of the first
    /// <paramref name="count"/> / 2 orders <see cref="Inserts"/> makes with the same seed: each moves one step
    /// forward, then, in the second half, back, so that replaying the events leaves the rollups as they were.
    /// </summary>
    public static List<RowsEventData> StatusChanges(int count, TimeSpan spacing, int seed = 42)
    {
        var orders = Orders(count / 2, spacing, seed);
        var forward = orders.Select(o => (Before: o, After: o with { Status = o.Status + 1 })).ToList();
        var changes = forward.Concat(forward.Select(c => (Before: c.After, After: c.Before)));
        return Pack(changes.Select(c => (byte[])[.. Image(c.Before), .. Image(c.After)]), update: true);
    }

    private static List<Order> Orders(int count, TimeSpan spacing, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => NewOrder(random, i, spacing))];
    }

    /// <summary>Cuts row images into events of at most 8 KB.</summary>
    private static List<RowsEventData> Pack(IEnumerable<byte[]> images, bool update)
    {
        var events = new List<RowsEventData>();
        var body = new List<byte>();
        var rows = 0;
        foreach (var image in images)
        {
            if (rows > 0 && body.Count + image.Length > MaxEventBytes)
            {
                events.Add(Close(body, update, rows));
                body.Clear();
                rows = 0;
            }

            body.AddRange(image);
            rows++;
        }

        if (rows > 0)
        {
            events.Add(Close(body, update, rows));
        }

        return events;
    }

    private static Order NewOrder(Random random, int index, TimeSpan spacing)
    {
        var (country, currency) = s_markets[random.Next(s_markets.Length)];
        var subtotal = random.Next(500, 40_000);
        var discount = random.Next(10) == 0 ? subtotal / 10 : 0;
        var shipping = subtotal >= 5000 ? 0 : 495;
        var total = subtotal - discount + shipping;
        var created = Start + (spacing * index);
        var coupon = discount > 0 ? s_coupons[random.Next(s_coupons.Length)] : null;
        return new Order(10_000_000UL + (ulong)index, (ulong)random.Next(1, 100_000), random.Next(0, 4), country,
            currency, (byte)random.Next(1, 6), subtotal, discount, shipping, total * 19 / 119, total, coupon, created);
    }

    private static byte[] Image(Order order)
    {
        var nulls = new byte[3];
        var values = new List<byte>();
        values.AddRange(BitConverter.GetBytes(order.Id));
        values.AddRange(BitConverter.GetBytes(order.UserId));
        values.Add((byte)(order.Status + 1));
        values.Add(2);
        values.AddRange(Encoding.ASCII.GetBytes(order.Country));
        values.Add(3);
        values.AddRange(Encoding.ASCII.GetBytes(order.Currency));
        values.Add(order.ItemCount);
        foreach (var cents in new[] { order.Subtotal, order.Discount, order.Shipping, order.Tax, order.Total })
        {
            values.AddRange(Decimal12Scale2(cents));
        }

        if (order.Coupon is null)
        {
            nulls[11 / 8] |= 1 << (11 % 8);
        }
        else
        {
            values.Add((byte)order.Coupon.Length);
            values.AddRange(Encoding.UTF8.GetBytes(order.Coupon));
        }

        values.AddRange(DateTime2(order.Created));
        var seconds = (uint)(new DateTimeOffset(order.Created, TimeSpan.Zero).ToUnixTimeSeconds() + 60);
        values.AddRange(Timestamp2(seconds, order.Created.Microsecond));
        if (order.Status >= 1)
        {
            values.AddRange(Timestamp2(seconds + 120, 0));
        }
        else
        {
            nulls[14 / 8] |= 1 << (14 % 8);
        }

        nulls[15 / 8] |= 1 << (15 % 8);
        nulls[16 / 8] |= 1 << (16 % 8);
        nulls[17 / 8] |= 1 << (17 % 8);
        return [.. nulls, .. values];
    }

    /// <summary>DECIMAL(12,2) in the binlog's binary format: one leftover integer digit (1 byte), a group of nine
    /// (4 bytes, big-endian), two fractional digits (1 byte); the sign bit set for a positive value.</summary>
    private static byte[] Decimal12Scale2(long cents)
    {
        var integer = (uint)(cents / 100);
        return [0x80, (byte)(integer >> 24), (byte)(integer >> 16), (byte)(integer >> 8), (byte)integer,
            (byte)(cents % 100)];
    }

    private static byte[] DateTime2(DateTime value)
    {
        var ym = (value.Year * 13) + value.Month;
        var packed = ((((long)ym << 5) | (uint)value.Day) << 17) |
            (uint)((value.Hour << 12) | (value.Minute << 6) | value.Second);
        packed += 0x80_0000_0000L;
        var micros = value.Microsecond;
        return [(byte)(packed >> 32), (byte)(packed >> 24), (byte)(packed >> 16), (byte)(packed >> 8), (byte)packed,
            (byte)(micros >> 16), (byte)(micros >> 8), (byte)micros];
    }

    private static byte[] Timestamp2(uint seconds, int micros)
    {
        var bytes = new byte[7];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, seconds);
        bytes[4] = (byte)(micros >> 16);
        bytes[5] = (byte)(micros >> 8);
        bytes[6] = (byte)micros;
        return bytes;
    }

    private static RowsEventData Close(List<byte> images, bool update, int rows)
    {
        var body = new List<byte>();
        body.AddRange(BitConverter.GetBytes(TableId).AsSpan(0, 6).ToArray());
        body.AddRange([1, 0]);
        body.Add((byte)s_columns.Length);
        byte[] present = [0xFF, 0xFF, 0x03];
        body.AddRange(present);
        if (update)
        {
            body.AddRange(present);
        }

        body.AddRange(images);
        var type = update ? BinlogEventType.UpdateRowsV1 : BinlogEventType.WriteRowsV1;
        var bytes = body.ToArray();
        return new RowsEventData(RowsEventHeader.Read(bytes, type, 8), bytes, rows);
    }

    private static byte[] TableMapBody()
    {
        var body = new List<byte>();
        body.AddRange(BitConverter.GetBytes(TableId).AsSpan(0, 6).ToArray());
        body.AddRange([1, 0]);
        body.AddRange([4, .. "shop"u8, 0, 6, .. "orders"u8, 0]);
        body.Add((byte)s_columns.Length);
        body.AddRange(s_columns.Select(c => (byte)c.Type));
        var meta = new List<byte>();
        foreach (var (type, value, _) in s_columns)
        {
            switch (type)
            {
                case ColumnType.String:
                    meta.AddRange([(byte)(value >> 8), (byte)value]);
                    break;
                case ColumnType.NewDecimal or ColumnType.VarChar:
                    meta.AddRange([(byte)value, (byte)(value >> 8)]);
                    break;
                case ColumnType.DateTime2 or ColumnType.Timestamp2:
                    meta.Add((byte)value);
                    break;
            }
        }

        body.Add((byte)meta.Count);
        body.AddRange(meta);
        var nulls = new byte[3];
        for (var i = 0; i < s_columns.Length; i++)
        {
            if (s_columns[i].Nullable)
            {
                nulls[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        body.AddRange(nulls);
        return [.. body];
    }

    private static TableSchema Schema()
    {
        var enumType = "enum(" + string.Join(",", Statuses.Select(s => $"'{s}'")) + ")";
        (string Name, string DataType, string ColumnType, string? Charset)[] columns =
        [
            ("id", "bigint", "bigint(20) unsigned", null), ("user_id", "bigint", "bigint(20) unsigned", null),
            ("status", "enum", enumType, "utf8mb4"), ("country", "char", "char(2)", "ascii"),
            ("currency", "char", "char(3)", "ascii"), ("item_count", "tinyint", "tinyint(3) unsigned", null),
            ("subtotal", "decimal", "decimal(12,2)", null), ("discount", "decimal", "decimal(12,2)", null),
            ("shipping_fee", "decimal", "decimal(12,2)", null), ("tax", "decimal", "decimal(12,2)", null),
            ("total", "decimal", "decimal(12,2)", null), ("coupon_code", "varchar", "varchar(32)", "utf8mb4"),
            ("created_at", "datetime", "datetime(6)", null), ("updated_at", "timestamp", "timestamp(6)", null),
            ("paid_at", "timestamp", "timestamp(6)", null), ("shipped_at", "timestamp", "timestamp(6)", null),
            ("delivered_at", "timestamp", "timestamp(6)", null),
            ("cancel_reason", "varchar", "varchar(200)", "utf8mb4"),
        ];
        return new TableSchema("shop", "orders", [
            .. columns.Select((c, i) => new ColumnSchema(c.Name, i, c.DataType, c.ColumnType, s_columns[i].Nullable,
                c.ColumnType.EndsWith("unsigned", StringComparison.Ordinal), c.Charset,
                c.DataType == "enum" ? Statuses : null, i == 0)),
        ]);
    }

    private sealed record Order(ulong Id, ulong UserId, int Status, string Country, string Currency, byte ItemCount,
        long Subtotal, long Discount, long Shipping, long Tax, long Total, string? Coupon, DateTime Created);
}
