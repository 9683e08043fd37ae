using System.Data.SqlTypes;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Results;

/// <summary>
/// Writes a <see cref="QueryResult"/> in Druid's SQL result formats with its <c>header</c>, <c>typesHeader</c> and
/// <c>sqlTypesHeader</c> options, or as an Arrow IPC stream.
/// </summary>
public static class ResultWriter
{
    /// <summary>Writes the result.</summary>
    /// <param name="result">The result.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="format">The format.</param>
    /// <param name="header">Write the column names first (Druid's <c>header</c>).</param>
    /// <param name="typesHeader">With the header, write Druid runtime types (<c>typesHeader</c>).</param>
    /// <param name="sqlTypesHeader">With the header, write SQL types (<c>sqlTypesHeader</c>).</param>
    public static void Write(QueryResult result, Stream output, SqlResultFormat format, bool header = false,
        bool typesHeader = false, bool sqlTypesHeader = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        typesHeader &= header;
        sqlTypesHeader &= header;
        switch (format)
        {
            case SqlResultFormat.Object:
            case SqlResultFormat.Array:
                WriteJson(result, output, format == SqlResultFormat.Object, header, typesHeader, sqlTypesHeader);
                break;
            case SqlResultFormat.ObjectLines:
            case SqlResultFormat.ArrayLines:
                WriteLines(result, output, format == SqlResultFormat.ObjectLines, header, typesHeader, sqlTypesHeader);
                break;
            case SqlResultFormat.Csv:
                WriteCsv(result, output, header, typesHeader, sqlTypesHeader);
                break;
            default:
                WriteArrow(result, output);
                break;
        }
    }

    /// <summary>The HTTP content type of a format.</summary>
    public static string ContentType(SqlResultFormat format) => format switch
    {
        SqlResultFormat.Object or SqlResultFormat.Array => "application/json",
        SqlResultFormat.Csv => "text/csv",
        SqlResultFormat.ArrowStream => "application/vnd.apache.arrow.stream",
        _ => "text/plain",
    };

    private static void WriteJson(QueryResult result, Stream output, bool objects, bool header, bool types,
        bool sqlTypes)
    {
        using var writer = new Utf8JsonWriter(output, JsonValues.Options);
        writer.WriteStartArray();
        WriteHeaders(writer, result, objects, header, types, sqlTypes);
        foreach (var row in result.Rows)
        {
            WriteRow(writer, result, row, objects);
        }

        writer.WriteEndArray();
    }

    private static void WriteLines(QueryResult result, Stream output, bool objects, bool header, bool types,
        bool sqlTypes)
    {
        var lines = new List<Action<Utf8JsonWriter>>();
        if (header)
        {
            if (objects)
            {
                lines.Add(w => WriteHeaders(w, result, true, true, types, sqlTypes));
            }
            else
            {
                lines.Add(w => WriteNames(w, result, c => c.Name));
                if (types)
                {
                    lines.Add(w => WriteNames(w, result, c => c.Type.DruidTypeName));
                }

                if (sqlTypes)
                {
                    lines.Add(w => WriteNames(w, result, c => c.Type.SqlTypeName));
                }
            }
        }

        foreach (var row in result.Rows)
        {
            lines.Add(w => WriteRow(w, result, row, objects));
        }

        foreach (var line in lines)
        {
            output.Write(JsonValues.Buffer(line).WrittenSpan);
            output.WriteByte((byte)'\n');
        }

        // Druid ends line formats with an empty line, so a client can tell a complete response from a cut one.
        output.WriteByte((byte)'\n');
    }

    private static void WriteHeaders(Utf8JsonWriter writer, QueryResult result, bool objects, bool header, bool types,
        bool sqlTypes)
    {
        if (!header)
        {
            return;
        }

        if (!objects)
        {
            WriteNames(writer, result, c => c.Name);
            if (types)
            {
                WriteNames(writer, result, c => c.Type.DruidTypeName);
            }

            if (sqlTypes)
            {
                WriteNames(writer, result, c => c.Type.SqlTypeName);
            }

            return;
        }

        writer.WriteStartObject();
        foreach (var column in result.Columns)
        {
            if (!types && !sqlTypes)
            {
                writer.WriteNull(column.Name);
                continue;
            }

            writer.WriteStartObject(column.Name);
            if (types)
            {
                writer.WriteString("type", column.Type.DruidTypeName);
            }

            if (sqlTypes)
            {
                writer.WriteString("sqlType", column.Type.SqlTypeName);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter writer, QueryResult result, Func<ResultColumn, string> name)
    {
        writer.WriteStartArray();
        foreach (var column in result.Columns)
        {
            writer.WriteStringValue(name(column));
        }

        writer.WriteEndArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, QueryResult result, QueryValue[] row, bool objects)
    {
        if (objects)
        {
            writer.WriteStartObject();
            var names = result.EncodedNames;
            for (var i = 0; i < row.Length; i++)
            {
                writer.WritePropertyName(names[i]);
                JsonValues.Write(writer, row[i]);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        foreach (var value in row)
        {
            JsonValues.Write(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteCsv(QueryResult result, Stream output, bool header, bool types, bool sqlTypes)
    {
        var text = new StringBuilder();
        if (header)
        {
            CsvLine(text, result.Columns.Select(c => c.Name));
            if (types)
            {
                CsvLine(text, result.Columns.Select(c => c.Type.DruidTypeName));
            }

            if (sqlTypes)
            {
                CsvLine(text, result.Columns.Select(c => c.Type.SqlTypeName));
            }
        }

        foreach (var row in result.Rows)
        {
            CsvLine(text, row.Select(v => v.IsNull ? string.Empty : v.ToString()));
        }

        text.Append('\n');
        output.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void CsvLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }

        text.Append('\n');
    }

    private static void WriteArrow(QueryResult result, Stream output)
    {
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        for (var c = 0; c < result.Columns.Count; c++)
        {
            var column = result.Columns[c];
            var values = result.Rows.Select(r => r[c]).ToList();
            var array = ArrowColumn(column.Type, values);
            fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
            arrays.Add(array);
        }

        var schema = new Schema(fields, null);
        using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
        writer.WriteStart();
        if (result.RowCount > 0)
        {
            using var batch = new RecordBatch(schema, arrays, result.RowCount);
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
    }

    private static IArrowArray ArrowColumn(ColumnType type, List<QueryValue> values)
    {
        var kinds = values.Where(v => !v.IsNull).Select(v => v.Kind).Distinct().ToList();
        switch (type.Kind)
        {
            case ValueKind.Long when kinds.All(k => k is ValueKind.Long):
                return Build(new Int64Array.Builder(), values, (b, v) => b.Append(v.Long), b => b.AppendNull(), b =>
                    b.Build());
            case ValueKind.UnsignedLong when kinds.All(k => k is ValueKind.UnsignedLong or ValueKind.Long):
                return Build(new UInt64Array.Builder(), values,
                    (b, v) => b.Append(v.Kind == ValueKind.Long ? (ulong)v.Long : v.UnsignedLong), b =>
                        b.AppendNull(), b => b.Build());
            case ValueKind.Double:
                return Build(new DoubleArray.Builder(), values, (b, v) => b.Append(v.ToDouble()), b => b.AppendNull(),
                    b => b.Build());
            case ValueKind.Boolean:
                return Build(new BooleanArray.Builder(), values, (b, v) => b.Append(v.Boolean), b => b.AppendNull(),
                    b => b.Build());
            case ValueKind.Timestamp:
                return Build(new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, "UTC")), values,
                    (b, v) => b.Append(DateTimeOffset.FromUnixTimeMilliseconds(v.Long)), b => b.AppendNull(), b =>
                        b.Build());
            case ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Decimal when values.All(FitsDecimal128):
                var scale = type.Kind == ValueKind.Decimal ? type.Scale : 0;
                return Build(new Decimal128Array.Builder(new Decimal128Type(38, scale)), values,
                    (b, v) => b.Append(SqlDecimal.Parse(Rescaled(v, scale))), b => b.AppendNull(), b => b.Build());
            default:
                // Text, and numbers too wide for Arrow's 128-bit decimals, travel as their exact text.
                return Build(new StringArray.Builder(), values, (b, v) => b.Append(v.ToString()), b => b.AppendNull(),
                    b => b.Build());
        }
    }

    private static bool FitsDecimal128(QueryValue value) =>
        value.IsNull || (value.Kind is ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Decimal &&
                         BigInteger.Abs(QueryValues.ExactUnscaled(value, value.Kind == ValueKind.Decimal ? value.Scale
                             : 0)) <
                         BigInteger.Pow(10, 38));

    private static string Rescaled(QueryValue value, int scale) =>
        Sql.Ast.SqlFormatting.FormatDecimal(QueryValues.ExactUnscaled(value, scale), scale);

    private static IArrowArray Build<TBuilder>(TBuilder builder, List<QueryValue> values, Action<TBuilder,
        QueryValue> append,
        Action<TBuilder> appendNull, Func<TBuilder, IArrowArray> build)
    {
        foreach (var value in values)
        {
            if (value.IsNull)
            {
                appendNull(builder);
            }
            else
            {
                append(builder, value);
            }
        }

        return build(builder);
    }
}
