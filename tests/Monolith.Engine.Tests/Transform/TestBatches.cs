using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Tests.Transform;

/// <summary>Builds input batches for kernel tests through the change batch builder (the real producer).
/// </summary>
internal static class TestBatches
{
    public static readonly Decimal128Type Price = new(12, 2);
    public static readonly TimestampType WallClock = new(TimeUnit.Microsecond, (string?)null);

    /// <summary>Columns: 0 n Int64, 1 x Double, 2 price Decimal(12,2), 3 name String, 4 at Timestamp,
    /// 5 day Date32, 6 flag Boolean, 7 u UInt64, 8 doc String (JSON). Null values are given as null.</summary>
    public static readonly ChangeColumn[] Columns =
    [
        new("n", Int64Type.Default),
        new("x", DoubleType.Default),
        new("price", Price),
        new("name", StringType.Default),
        new("at", WallClock),
        new("day", Date32Type.Default),
        new("flag", BooleanType.Default),
        new("u", UInt64Type.Default),
        new("doc", StringType.Default),
    ];

    public static (ChangeBatch Batch, RecordBatch Data) Build(IReadOnlyList<Row> rows)
    {
        var options = new ChangeBatchOptions { MaxRows = Math.Max(1, rows.Count) };
        var builder = new ChangeBatchBuilder(Columns, options: options);
        foreach (var row in rows)
        {
            builder.BeginRow(1);
            Append(builder, 0, row.N, v => builder.AppendInt64(0, v));
            Append(builder, 1, row.X, v => builder.AppendDouble(1, v));
            Append(builder, 2, row.Price, v => builder.AppendDecimal(2, v, 2));
            Append(builder, 3, row.Name, v => builder.AppendBytes(3, Encoding.UTF8.GetBytes(v)));
            Append(builder, 4, row.At, v => builder.AppendTimestampMicros(4, v));
            Append(builder, 5, row.Day, v => builder.AppendDate(5, v.Year, v.Month, v.Day));
            Append(builder, 6, row.Flag, v => builder.AppendBoolean(6, v));
            Append(builder, 7, row.U, v => builder.AppendUInt64(7, v));
            Append(builder, 8, row.Doc, v => builder.AppendBytes(8, Encoding.UTF8.GetBytes(v)));
            builder.EndRow();
        }

        var batch = builder.Close()!;
        return (batch, WithoutWeight(batch.RecordBatch));
    }

    /// <summary>The batch without its weight column, so column indexes match <see cref="Columns"/>.</summary>
    private static RecordBatch WithoutWeight(RecordBatch batch)
    {
        var fields = batch.Schema.FieldsList.Take(Columns.Length).ToList();
        return new RecordBatch(new Schema(fields, null), batch.Arrays.Take(Columns.Length), batch.Length);
    }

    private static void Append<T>(ChangeBatchBuilder builder, int column, T? value, Action<T> append)
        where T : struct
    {
        if (value is { } present)
        {
            append(present);
        }
        else
        {
            builder.AppendNull(column);
        }
    }

    private static void Append(ChangeBatchBuilder builder, int column, string? value, Action<string> append)
    {
        if (value is not null)
        {
            append(value);
        }
        else
        {
            builder.AppendNull(column);
        }
    }
}

/// <summary>One input row; null fields are SQL NULL. Price is the unscaled value at scale 2.</summary>
internal sealed record Row(
    long? N = null,
    double? X = null,
    long? Price = null,
    string? Name = null,
    long? At = null,
    DateOnly? Day = null,
    bool? Flag = null,
    ulong? U = null,
    string? Doc = null);
