using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Tests.Changes;

public sealed class ChangeBatchBuilderTests
{
    private static readonly ChangeColumn[] s_allTypes =
    [
        new("id", Int64Type.Default, IsNullable: false),
        new("units", UInt64Type.Default),
        new("ratio", DoubleType.Default),
        new("price", new Decimal128Type(10, 2)),
        new("huge", new Decimal256Type(50, 5)),
        new("created", new TimestampType(TimeUnit.Microsecond, (string?)null)),
        new("stamped", new TimestampType(TimeUnit.Microsecond, "UTC")),
        new("day", Date32Type.Default),
        new("elapsed", DurationType.Microsecond),
        new("name", StringType.Default),
        new("blob", BinaryType.Default),
        new("flag", BooleanType.Default),
    ];

    [Fact]
    public void Every_type_round_trips_with_nulls_and_survives_an_ipc_round_trip()
    {
        using var builder = new ChangeBatchBuilder(s_allTypes);

        builder.BeginRow(1);
        builder.AppendInt64(0, long.MinValue);
        builder.AppendUInt64(1, ulong.MaxValue);
        builder.AppendDouble(2, -0.125);
        builder.AppendDecimal(3, -12345678, 2);
        builder.AppendDecimalText(4, "-123456789012345678901234567890123456789012345.12345"u8);
        builder.AppendDateTime(5, 2024, 2, 29, 23, 59, 58, 999_999);
        builder.AppendTimestampMicros(6, 1_700_000_000_123_456);
        builder.AppendDate(7, 1969, 12, 31);
        builder.AppendTimeMicros(8, -((838L * 3600) + (59 * 60) + 59) * 1_000_000);
        builder.AppendBytes(9, "héllo wörld ✓ 😀"u8);
        builder.AppendBytes(10, [0, 255, 1]);
        builder.AppendBoolean(11, true);
        builder.EndRow();

        builder.BeginRow(-1);
        for (var c = 0; c < s_allTypes.Length; c++)
        {
            builder.AppendNull(c);
        }

        builder.EndRow();

        builder.BeginRow(1);
        builder.AppendInt64(0, long.MaxValue);
        builder.AppendUInt64(1, 0);
        builder.AppendDouble(2, double.MaxValue);
        builder.AppendDecimal(3, 5, 0);
        builder.AppendDecimal(4, Int128.MaxValue, 2);
        builder.AppendDateTime(5, 1000, 1, 1, 0, 0, 0, 0);
        builder.AppendTimestampMicros(6, -1);
        builder.AppendDate(7, 9999, 12, 31);
        builder.AppendTimeMicros(8, 0);
        builder.AppendBytes(9, ""u8);
        builder.AppendBytes(10, []);
        builder.AppendBoolean(11, false);
        builder.EndRow();

        using var batch = builder.Close();
        Assert.NotNull(batch);
        var original = batch.RecordBatch;
        ArrowBatchChecks.AssertWellFormed(original);
        var copy = ArrowBatchChecks.IpcRoundTrip(original);

        foreach (var record in new[] { original, copy })
        {
            Assert.Equal(3, record.Length);
            Assert.Equal(13, record.ColumnCount);
            Assert.Equal([1, -1, 1], ((Int8Array)record.Column("__weight")).Values.ToArray());
            Assert.Equal([long.MinValue, null, long.MaxValue], ((Int64Array)record.Column(0)).ToList(true));
            Assert.Equal([ulong.MaxValue, null, 0UL], ((UInt64Array)record.Column(1)).ToList(true));
            Assert.Equal([-0.125, null, double.MaxValue], ((DoubleArray)record.Column(2)).ToList(true));
            var price = (Decimal128Array)record.Column(3);
            Assert.Equal("-123456.78", price.GetString(0));
            Assert.True(price.IsNull(1));
            Assert.Equal("5.00", price.GetString(2));
            var huge = (Decimal256Array)record.Column(4);
            Assert.Equal("-123456789012345678901234567890123456789012345.12345", huge.GetString(0));
            Assert.True(huge.IsNull(1));
            Assert.Equal("1701411834604692317316873037158841057.27", huge.GetString(2)!.TrimEnd('0'));
            var created = (TimestampArray)record.Column(5);
            Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(9_999_990),
                created.GetTimestamp(0)!.Value.UtcDateTime);
            Assert.Equal(new DateTime(1000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                created.GetTimestamp(2)!.Value.UtcDateTime);
            Assert.Null(((TimestampType)created.Data.DataType).Timezone);
            var stamped = (TimestampArray)record.Column(6);
            Assert.Equal(1_700_000_000_123_456L, stamped.Values[0]);
            Assert.Equal("UTC", ((TimestampType)stamped.Data.DataType).Timezone);
            Assert.Equal([-1, null, 2_932_896], ((Date32Array)record.Column(7)).ToList(true));
            Assert.Equal(TimeSpan.FromSeconds(-((838 * 3600) + (59 * 60) + 59)),
                ((DurationArray)record.Column(8)).GetTimeSpan(0));
            var name = (StringArray)record.Column(9);
            Assert.Equal("héllo wörld ✓ 😀", name.GetString(0));
            Assert.Null(name.GetString(1));
            Assert.Equal("", name.GetString(2));
            var blob = (BinaryArray)record.Column(10);
            Assert.Equal([0, 255, 1], blob.GetBytes(0).ToArray());
            Assert.True(blob.IsNull(1));
            Assert.Equal(0, blob.GetValueLength(2));
            var flags = (BooleanArray)record.Column(11);
            Assert.Equal([true, null, false], Enumerable.Range(0, 3).Select(i => flags.GetValue(i)));
        }

        Assert.Equal(0, builder.Counts.Total);
    }

    [Fact]
    public void An_update_is_the_old_image_at_minus_one_then_the_new_at_plus_one()
    {
        using var builder = new ChangeBatchBuilder([new ChangeColumn("qty", Int64Type.Default)]);
        AppendRow(builder, 1, 10);
        AppendRow(builder, -1, 10);
        AppendRow(builder, 1, 12);

        using var batch = builder.Close()!;

        Assert.Equal([1, -1, 1], batch.Weights.Values.ToArray());
        Assert.Equal([10L, 10L, 12L], ((Int64Array)batch.RecordBatch.Column(0)).Values.ToArray());
        Assert.Equal(0, batch.Number);
    }

    [Fact]
    public void Only_needed_columns_are_materialised_and_appends_to_the_rest_are_ignored()
    {
        using var builder = new ChangeBatchBuilder(s_allTypes, ["NAME", "id"]);
        builder.BeginRow(1);
        builder.AppendInt64(0, 7);
        builder.AppendDouble(2, 1.5);
        builder.AppendBytes(9, "x"u8);
        builder.AppendBytes(10, "ignored"u8);
        builder.EndRow();

        using var batch = builder.Close()!;

        Assert.Equal(["id", "name", "__weight"], batch.RecordBatch.Schema.FieldsList.Select(f => f.Name));
        Assert.True(builder.IsMaterialized(9));
        Assert.False(builder.IsMaterialized(2));
        Assert.Equal("x", ((StringArray)batch.RecordBatch.Column(1)).GetString(0));
        Assert.Throws<ArgumentException>(() => new ChangeBatchBuilder(s_allTypes, ["nope"]));
    }

    [Fact]
    public void Zero_dates_and_values_that_do_not_fit_become_null_and_are_counted()
    {
        using var builder = new ChangeBatchBuilder(s_allTypes);
        builder.BeginRow(1);
        builder.AppendUInt64(0, ulong.MaxValue);
        builder.AppendInt64(1, -1);
        builder.AppendInt64(2, (1L << 53) + 1);
        builder.AppendDecimal(3, 123_456_789_012, 2);
        builder.AppendDecimal(4, 1, 9);
        builder.AppendDateTime(5, 0, 0, 0, 0, 0, 0, 0);
        builder.AppendDateTime(6, 2023, 2, 29, 0, 0, 0, 0);
        builder.AppendDate(7, 2024, 0, 15);
        builder.AppendBytes(8, "wrong kind"u8);
        builder.AppendBytes(9, [0xC3, 0x28]);
        builder.AppendDouble(10, 1.0);
        builder.AppendDecimal(11, 1, 0);
        builder.EndRow();

        using var batch = builder.Close()!;

        foreach (var column in batch.RecordBatch.Arrays.Take(s_allTypes.Length))
        {
            Assert.True(column.IsNull(0), $"{column.Data.DataType.Name} should be NULL");
        }

        Assert.Equal(new ChangeConversionCounts(ZeroDates: 2, Unfit: 10, Missing: 0), builder.Counts);
    }

    [Fact]
    public void Decimals_rescale_exactly_and_reject_lost_digits()
    {
        using var builder = new ChangeBatchBuilder([new ChangeColumn("d", new Decimal128Type(6, 3))]);
        var inputs = new (long, int)[] { (15, 1), (-1500, 3), (150000, 5), (150001, 5), (999999, 3), (1000000, 3) };
        foreach (var (unscaled, scale) in inputs)
        {
            builder.BeginRow(1);
            builder.AppendDecimal(0, unscaled, scale);
            builder.EndRow();
        }

        using var batch = builder.Close()!;
        var values = (Decimal128Array)batch.RecordBatch.Column(0);

        Assert.Equal(["1.500", "-1.500", "1.500", null, "999.999", null],
            Enumerable.Range(0, values.Length).Select(values.GetString));
        Assert.Equal(2, builder.Counts.Unfit);
    }

    [Fact]
    public void A_column_a_row_does_not_supply_is_null_and_counted_and_two_values_are_rejected()
    {
        using var builder = new ChangeBatchBuilder(
            [new ChangeColumn("a", Int64Type.Default), new ChangeColumn("b", StringType.Default)]);
        builder.BeginRow(1);
        builder.AppendInt64(0, 1);
        builder.EndRow();

        builder.BeginRow(1);
        builder.AppendInt64(0, 2);
        builder.AppendInt64(0, 3);
        var error = Assert.Throws<InvalidOperationException>(builder.EndRow);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        builder.AbortRow();

        using var batch = builder.Close()!;
        Assert.Equal(1, batch.Length);
        Assert.True(batch.RecordBatch.Column(1).IsNull(0));
        Assert.Equal(1, builder.Counts.Missing);
    }

    [Fact]
    public void An_aborted_row_leaves_no_trace()
    {
        using var builder = new ChangeBatchBuilder(
            [new ChangeColumn("a", Int64Type.Default), new ChangeColumn("b", StringType.Default)]);
        builder.BeginRow(1);
        builder.AppendNull(0);
        builder.AppendBytes(1, "gone"u8);
        builder.AbortRow();
        builder.BeginRow(-1);
        builder.AppendInt64(0, 5);
        builder.AppendBytes(1, "kept"u8);
        builder.EndRow();

        using var batch = builder.Close()!;

        ArrowBatchChecks.AssertWellFormed(batch.RecordBatch);
        Assert.Equal(1, batch.Length);
        Assert.Equal(0, batch.RecordBatch.Column(0).NullCount);
        Assert.Equal("kept", ((StringArray)batch.RecordBatch.Column(1)).GetString(0));
        Assert.Equal([-1], batch.Weights.Values.ToArray());
    }

    [Fact]
    public void Buffers_of_a_disposed_batch_are_reused_without_leftovers()
    {
        var options = new ChangeBatchOptions { MaxRows = 1024, InitialBytesPerValue = 1 };
        using var builder = new ChangeBatchBuilder(
            [new ChangeColumn("n", Int64Type.Default), new ChangeColumn("s", StringType.Default)], options: options);
        for (var i = 0; i < 1024; i++)
        {
            builder.BeginRow(1);
            builder.AppendInt64(0, i);
            builder.AppendBytes(1, Encoding.UTF8.GetBytes(new string('x', i % 50)));
            builder.EndRow();
        }

        Assert.True(builder.IsFull);
        Assert.Throws<InvalidOperationException>(() => builder.BeginRow(1));
        var first = builder.Close()!;
        var firstManager = ManagerOf(first.RecordBatch.Column(0));
        var second = builder.Close();
        Assert.Null(second);
        first.Dispose();

        // The next batch is built on fresh buffers; the one after reuses the first batch's set.
        FillNulls(builder, 3);
        using var middle = builder.Close()!;
        FillNulls(builder, 5);
        using var reused = builder.Close()!;

        Assert.Same(firstManager, ManagerOf(reused.RecordBatch.Column(0)));
        ArrowBatchChecks.AssertWellFormed(reused.RecordBatch);
        var numbers = (Int64Array)reused.RecordBatch.Column(0);
        Assert.Equal(5, numbers.NullCount);
        Assert.All(numbers.Values.ToArray(), v => Assert.Equal(0, v));
        Assert.Equal(5, reused.RecordBatch.Column(1).NullCount);
        Assert.Equal(2, reused.Number);
    }

    [Fact]
    public void Text_larger_than_the_initial_reservation_grows_the_buffer_and_stays_intact()
    {
        var options = new ChangeBatchOptions { MaxRows = 16, InitialBytesPerValue = 0 };
        using var builder = new ChangeBatchBuilder([new ChangeColumn("s", StringType.Default)], options: options);
        var values = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), i * 1000) + "é").ToArray();
        foreach (var value in values)
        {
            builder.BeginRow(1);
            builder.AppendBytes(0, Encoding.UTF8.GetBytes(value));
            builder.EndRow();
        }

        using var batch = builder.Close()!;
        var strings = (StringArray)batch.RecordBatch.Column(0);

        Assert.Equal(values, Enumerable.Range(0, 16).Select(i => strings.GetString(i)));
    }

    [Fact]
    public void A_byte_budget_marks_the_batch_full_before_the_row_count()
    {
        var options = new ChangeBatchOptions { MaxRows = 1000, MaxDataBytes = 1024 };
        using var builder = new ChangeBatchBuilder([new ChangeColumn("b", BinaryType.Default)], options: options);
        var rows = 0;
        while (!builder.IsFull)
        {
            builder.BeginRow(1);
            builder.AppendBytes(0, new byte[100]);
            builder.EndRow();
            rows++;
        }

        Assert.Equal(11, rows);
    }

    [Fact]
    public void Appending_rows_allocates_nothing_once_warm()
    {
        var options = new ChangeBatchOptions { MaxRows = 4096 };
        using var builder = new ChangeBatchBuilder(s_allTypes, options: options);
        AppendMixedRows(builder, 4000);
        builder.Close()!.Dispose();
        AppendMixedRows(builder, 4000);
        builder.Close()!.Dispose();

        var rows = 0;
        var (allocated, rounds) = SteadyAllocation.Measure(
            () =>
            {
                AppendMixedRows(builder, 4000);
                rows = builder.RowCount;
            },
            between: () => builder.Close()!.Dispose());

        Assert.True(allocated == 0, $"Appending 4000 rows allocated {rounds}.");
        Assert.Equal(4000, rows);
    }

    [Fact]
    public void Unsupported_types_and_bad_weights_are_rejected_with_the_column_named()
    {
        var error = Assert.Throws<NotSupportedException>(
            () => new ChangeBatchBuilder([new ChangeColumn("f", FloatType.Default)]));
        Assert.Contains("'f'", error.Message, StringComparison.Ordinal);

        using var builder = new ChangeBatchBuilder([new ChangeColumn("a", Int64Type.Default)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.BeginRow(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AppendInt64(1, 0));
        Assert.Throws<InvalidOperationException>(builder.EndRow);
    }

    private static void AppendRow(ChangeBatchBuilder builder, sbyte weight, long value)
    {
        builder.BeginRow(weight);
        builder.AppendInt64(0, value);
        builder.EndRow();
    }

    private static void FillNulls(ChangeBatchBuilder builder, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            builder.BeginRow(1);
            builder.AppendNull(0);
            builder.AppendNull(1);
            builder.EndRow();
        }
    }

    private static void AppendMixedRows(ChangeBatchBuilder builder, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            builder.BeginRow((sbyte)((i & 1) == 0 ? 1 : -1));
            builder.AppendInt64(0, i);
            builder.AppendUInt64(1, (ulong)i);
            builder.AppendDouble(2, i * 0.5);
            builder.AppendDecimal(3, i * 7, 1);
            builder.AppendDecimalText(4, "12345.678"u8);
            builder.AppendDateTime(5, 2024, 5, 17, 10, 11, 12, i);
            builder.AppendTimestampMicros(6, i * 1000L);
            builder.AppendDate(7, 2020, 1, 1 + (i % 28));
            builder.AppendTimeMicros(8, i);
            builder.AppendBytes(9, "naïve text"u8);
            builder.AppendBytes(10, "\x01\x02"u8);
            builder.AppendBoolean(11, (i & 2) == 0);
            builder.EndRow();
        }
    }

    private static MemoryManager<byte>? ManagerOf(IArrowArray array)
    {
        MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(array.Data.Buffers[1].Memory, out var manager);
        return manager;
    }
}
