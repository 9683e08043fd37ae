using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Native;

/// <summary>
/// Translates Druid's native filters into SQL conditions, which then compile like a WHERE clause: selector, in,
/// bound (lexicographic or numeric ordering), like, and, or, not, equality, range, null, interval, true, false.
/// </summary>
internal static class NativeFilters
{
    public static SqlExpression ToSql(JsonElement filter, string path)
    {
        NativeJson.Object(filter, path);
        var type = NativeJson.String(filter, "type", path);
        switch (type)
        {
            case "selector":
                if (NativeJson.Has(filter, "extractionFn", out _))
                {
                    throw NativeJson.Unsupported($"{path}.extractionFn", "extraction functions are not supported");
                }

                var value = filter.TryGetProperty("value", out var v) ? NativeJson.Scalar(v, $"{path}.value") : null;
                return Equals(Column(filter, "dimension", path), value);
            case "in":
                var column = Column(filter, "dimension", path);
                var values = NativeJson.Array(filter, "values", path)
                    .Select((item, i) => NativeJson.Scalar(item, NativeJson.Index($"{path}.values", i))).ToList();
                var present = values.Where(x => x is not null).Select(x => (SqlExpression)Text(x!)).ToList();
                SqlExpression? list = present.Count == 0 ? null : new SqlInExpression(0, column, present, false);
                if (values.Any(x => x is null))
                {
                    var isNull = new SqlIsNullExpression(0, column, false);
                    return list is null ? isNull : new SqlBinaryExpression(0, SqlBinaryOperator.Or, list, isNull);
                }

                return list ?? new SqlBooleanLiteral(0, false);
            case "bound":
                return Bound(filter, path);
            case "like":
                var escape = NativeJson.OptionalString(filter, "escape", path);
                return new SqlLikeExpression(0, Column(filter, "dimension", path),
                    Text(NativeJson.String(filter, "pattern", path)), escape is null ? null : Text(escape), false);
            case "and" or "or":
                var parts = NativeJson.Array(filter, "fields", path)
                    .Select((f, i) => ToSql(f, NativeJson.Index($"{path}.fields", i))).ToList();
                if (parts.Count == 0)
                {
                    return new SqlBooleanLiteral(0, type == "and");
                }

                return parts.Aggregate((a, b) => new SqlBinaryExpression(0,
                    type == "and" ? SqlBinaryOperator.And : SqlBinaryOperator.Or, a, b));
            case "not":
                return new SqlUnaryExpression(0, SqlUnaryOperator.Not,
                    ToSql(NativeJson.Required(filter, "field", path), $"{path}.field"));
            case "equality":
                return new SqlBinaryExpression(0, SqlBinaryOperator.Equal, Column(filter, "column", path),
                    Typed(NativeJson.Required(filter, "matchValue", path), MatchType(filter, path),
                        $"{path}.matchValue"));
            case "range":
                return Range(filter, path);
            case "null":
                return new SqlIsNullExpression(0, Column(filter, "column", path), false);
            case "true":
                return new SqlBooleanLiteral(0, true);
            case "false":
                return new SqlBooleanLiteral(0, false);
            case "interval":
                var time = Column(filter, "dimension", path);
                var intervals = NativeJson.Array(filter, "intervals", path)
                    .Select((i, n) => NativeQueryRunner.Interval(i, NativeJson.Index($"{path}.intervals", n))).ToList();
                return intervals.Select(i => (SqlExpression)new SqlBinaryExpression(0, SqlBinaryOperator.And,
                        new SqlBinaryExpression(0, SqlBinaryOperator.GreaterOrEqual, time, new SqlTimestampLiteral(0,
                            i.Start, false)),
                        new SqlBinaryExpression(0, SqlBinaryOperator.Less, time, new SqlTimestampLiteral(0, i.End,
                            false))))
                    .DefaultIfEmpty(new SqlBooleanLiteral(0, false))
                    .Aggregate((a, b) => new SqlBinaryExpression(0, SqlBinaryOperator.Or, a, b));
            default:
                throw NativeJson.Unsupported($"{path}.type", $"filter type '{type}' is not supported");
        }
    }

    private static SqlIdentifier Column(JsonElement filter, string field, string path) =>
        new(0, [NativeJson.String(filter, field, path)]);

    private static SqlStringLiteral Text(string value) => new(0, value);

    private static SqlExpression Equals(SqlExpression column, string? value) =>
        value is null
            ? new SqlIsNullExpression(0, column, false)
            : new SqlBinaryExpression(0, SqlBinaryOperator.Equal, column, Text(value));

    private static SqlExpression Bound(JsonElement filter, string path)
    {
        var column = Column(filter, "dimension", path);
        var ordering = NativeJson.Has(filter, "ordering", out var o)
            ? o.ValueKind == JsonValueKind.String ? o.GetString()! : NativeJson.String(o, "type", $"{path}.ordering")
            : NativeJson.Bool(filter, "alphaNumeric", path) ? "alphanumeric" : "lexicographic";
        var numeric = ordering switch
        {
            "numeric" => true,
            "lexicographic" => false,
            _ => throw NativeJson.Unsupported($"{path}.ordering",
                $"ordering '{ordering}' is not supported (use lexicographic or numeric)"),
        };
        var operand = new SqlCastExpression(0, column, new SqlDataType(0, numeric ? "DOUBLE" : "VARCHAR", null, null));
        var conditions = new List<SqlExpression>();
        foreach (var (field, strict, op, strictOp) in new[]
                 {
                     ("lower", "lowerStrict", SqlBinaryOperator.GreaterOrEqual, SqlBinaryOperator.Greater),
                     ("upper", "upperStrict", SqlBinaryOperator.LessOrEqual, SqlBinaryOperator.Less),
                 })
        {
            if (!NativeJson.Has(filter, field, out var bound))
            {
                continue;
            }

            var text = NativeJson.Scalar(bound, $"{path}.{field}")!;
            SqlExpression literal = numeric ? Number(text, $"{path}.{field}") : Text(text);
            conditions.Add(new SqlBinaryExpression(0, NativeJson.Bool(filter, strict, path) ? strictOp : op, operand,
                literal));
        }

        return conditions.Count == 0
            ? new SqlIsNullExpression(0, column, true)
            : conditions.Aggregate((a, b) => new SqlBinaryExpression(0, SqlBinaryOperator.And, a, b));
    }

    private static SqlExpression Range(JsonElement filter, string path)
    {
        var column = Column(filter, "column", path);
        var type = MatchType(filter, path);
        var conditions = new List<SqlExpression>();
        if (NativeJson.Has(filter, "lower", out var lower))
        {
            conditions.Add(new SqlBinaryExpression(0,
                NativeJson.Bool(filter, "lowerOpen", path) ? SqlBinaryOperator.Greater
                    : SqlBinaryOperator.GreaterOrEqual,
                column, Typed(lower, type, $"{path}.lower")));
        }

        if (NativeJson.Has(filter, "upper", out var upper))
        {
            conditions.Add(new SqlBinaryExpression(0,
                NativeJson.Bool(filter, "upperOpen", path) ? SqlBinaryOperator.Less : SqlBinaryOperator.LessOrEqual,
                column, Typed(upper, type, $"{path}.upper")));
        }

        return conditions.Count == 0
            ? new SqlIsNullExpression(0, column, true)
            : conditions.Aggregate((a, b) => new SqlBinaryExpression(0, SqlBinaryOperator.And, a, b));
    }

    private static string MatchType(JsonElement filter, string path) =>
        NativeJson.String(filter, "matchValueType", path).ToUpperInvariant();

    private static SqlExpression Typed(JsonElement value, string type, string path)
    {
        var text = NativeJson.Scalar(value, path) ?? throw NativeJson.Error(path, "must not be null");
        return type switch
        {
            "STRING" => Text(text),
            "LONG" or "DOUBLE" or "FLOAT" => Number(text, path),
            _ => throw NativeJson.Unsupported(path, $"match value type '{type}' is not supported"),
        };
    }

    private static SqlExpression Number(string text, string path)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        SqlExpression literal;
        if (BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            literal = integer <= ulong.MaxValue ? new SqlIntegerLiteral(0, (ulong)integer) : new SqlDecimalLiteral(0,
                integer, 0);
        }
        else if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            literal = new SqlDoubleLiteral(0, real);
        }
        else
        {
            throw NativeJson.Error(path, $"'{text}' is not a number");
        }

        return negative ? new SqlUnaryExpression(0, SqlUnaryOperator.Negate, literal) : literal;
    }

    /// <summary>The SQL condition of a list of intervals on <c>__time</c>.</summary>
    public static SqlExpression Intervals(IReadOnlyList<DruidInterval> intervals)
    {
        var time = new SqlIdentifier(0, ["__time"]);
        return intervals.Select(i => (SqlExpression)new SqlBinaryExpression(0, SqlBinaryOperator.And,
                new SqlBinaryExpression(0, SqlBinaryOperator.GreaterOrEqual, time, new SqlTimestampLiteral(0, i.Start,
                    false)),
                new SqlBinaryExpression(0, SqlBinaryOperator.Less, time, new SqlTimestampLiteral(0, i.End, false))))
            .DefaultIfEmpty(new SqlBooleanLiteral(0, false))
            .Aggregate((a, b) => new SqlBinaryExpression(0, SqlBinaryOperator.Or, a, b));
    }
}
