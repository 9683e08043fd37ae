using System.Globalization;
using Apache.Arrow.Types;
using Monolith.Binlog.Schema;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// The change-batch columns a table will have, worked out from its <c>information_schema</c> description before
/// any of its rows arrive, so that rollups are bound, and their errors reported, at start-up. The types agree
/// with <see cref="RowImageAppender.ArrowTypeOf"/> for the same columns.
/// </summary>
public static class SchemaColumns
{
    /// <summary>The change-batch columns of a table described by <c>information_schema</c>.</summary>
    public static IReadOnlyList<ChangeColumn> Of(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Columns.OrderBy(c => c.Ordinal).Select(c => new ChangeColumn(c.Name, TypeOf(c)))];
    }

    /// <summary>The Arrow type of one column's values in change batches.</summary>
    public static IArrowType TypeOf(ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.DataType.ToLowerInvariant() switch
        {
            "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" =>
                column.IsUnsigned ? UInt64Type.Default : Int64Type.Default,
            "year" => Int64Type.Default,
            "bit" => UInt64Type.Default,
            "float" or "double" or "real" or "double precision" => DoubleType.Default,
            "decimal" or "numeric" or "dec" or "fixed" => DecimalOf(column.ColumnType),
            "date" => Date32Type.Default,
            "datetime" => new TimestampType(TimeUnit.Microsecond, (string?)null),
            "timestamp" => new TimestampType(TimeUnit.Microsecond, "UTC"),
            "time" => DurationType.Microsecond,
            "enum" or "set" when column.Labels is not { Count: > 0 } =>
                column.DataType == "enum" ? Int64Type.Default : UInt64Type.Default,
            "char" or "varchar" or "tinytext" or "text" or "mediumtext" or "longtext" or "enum" or "set" or "json" =>
                StringType.Default,
            _ => BinaryType.Default,
        };
    }

    private static IArrowType DecimalOf(string columnType)
    {
        // COLUMN_TYPE reads "decimal(12,2)" or "decimal(12,2) unsigned".
        var open = columnType.IndexOf('(', StringComparison.Ordinal);
        var close = columnType.IndexOf(')', StringComparison.Ordinal);
        var precision = 10;
        var scale = 0;
        if (open > 0 && close > open)
        {
            var parts = columnType[(open + 1)..close].Split(',');
            precision = int.Parse(parts[0], CultureInfo.InvariantCulture);
            scale = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        }

        return precision <= 38 ? new Decimal128Type(precision, scale) : new Decimal256Type(precision, scale);
    }
}
