using Monolith.Engine.Rollups;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Expressions;

internal sealed partial class ExpressionCompiler
{
    private Expr Function(SqlFunctionCall call)
    {
        if (Rollups.RollupDefinition.IsAggregateFunction(call.Name))
        {
            throw Error(call, $"aggregate {call.Name} is not allowed here");
        }

        if (call.Distinct || call.Star || call.Filter is not null)
        {
            throw Error(call, $"{call.Name} is not an aggregate; DISTINCT, * and FILTER do not apply");
        }

        switch (call.Name)
        {
            case "TIME_FLOOR" or "DATE_TRUNC":
                return TimeFloor(call);
            case "TIME_CEIL":
                return TimeCeil(call);
            case "TIME_EXTRACT":
                return TimeExtract(call);
            case "TIME_FORMAT":
                return TimeFormat(call);
            case "TIME_SHIFT":
                return TimeShift(call);
            case "TIME_PARSE":
                Arity(call, 1, 1);
                return Call(call, ColumnType.Timestamp, a => Functions.Cast(a[0], ColumnType.Timestamp),
                    ValueKind.String);
            case "MILLIS_TO_TIMESTAMP":
                Arity(call, 1, 1);
                return Call(call, ColumnType.Timestamp, a => a[0].IsNull ? a[0]
                    : QueryValue.FromTimestamp((long)a[0].ToDouble()),
                    ValueKind.Long);
            case "TIMESTAMP_TO_MILLIS":
                Arity(call, 1, 1);
                return Call(call, ColumnType.Long, a => a[0].IsNull ? a[0] : QueryValue.FromLong(a[0].Long),
                    ValueKind.Timestamp);
            case "CURRENT_TIMESTAMP" or "LOCALTIMESTAMP" or "NOW":
                Arity(call, 0, 0);
                return new LiteralExpr(QueryValue.FromTimestamp(Now), ColumnType.Timestamp);
            case "CURRENT_DATE":
                Arity(call, 0, 0);
                return new LiteralExpr(QueryValue.FromTimestamp(Now - CivilTime.FloorMod(Now, CivilTime.MillisPerDay)),
                    ColumnType.Timestamp);
            case "UPPER":
                return Text(call, Functions.Upper);
            case "LOWER":
                return Text(call, Functions.Lower);
            case "TRIM" or "BTRIM":
                return Text(call, Functions.Trim);
            case "LTRIM":
                return Text(call, Functions.LeftTrim);
            case "RTRIM":
                return Text(call, Functions.RightTrim);
            case "REVERSE":
                return Text(call, Functions.Reverse);
            case "LENGTH" or "CHAR_LENGTH" or "CHARACTER_LENGTH" or "STRLEN":
                Arity(call, 1, 1);
                return Call(call, ColumnType.Long, Functions.Length);
            case "CONCAT" or "TEXTCAT":
                Arity(call, 1, int.MaxValue);
                return Call(call, ColumnType.String, Functions.Concat);
            case "SUBSTRING" or "SUBSTR":
                Arity(call, 2, 3);
                return Call(call, ColumnType.String, Functions.Substring);
            case "LEFT":
                Arity(call, 2, 2);
                return Call(call, ColumnType.String, Functions.Left);
            case "RIGHT":
                Arity(call, 2, 2);
                return Call(call, ColumnType.String, Functions.Right);
            case "REPLACE":
                Arity(call, 3, 3);
                return Call(call, ColumnType.String, Functions.Replace);
            case "CONTAINS_STRING" or "ICONTAINS_STRING":
                return Contains(call, call.Name == "ICONTAINS_STRING");
            case "REGEXP_LIKE":
                return RegexpLike(call);
            case "REGEXP_EXTRACT":
                return RegexpExtract(call);
            case "STRPOS":
                Arity(call, 2, 2);
                return Call(call, ColumnType.Long, Functions.Position);
            case "ABS":
                return Numeric(call, null, Functions.Abs);
            case "SQRT":
                return Numeric(call, ColumnType.Double, Functions.Sqrt);
            case "LN":
                return Numeric(call, ColumnType.Double, Functions.Ln);
            case "LOG10":
                return Numeric(call, ColumnType.Double, Functions.Log10);
            case "EXP":
                return Numeric(call, ColumnType.Double, Functions.Exp);
            case "POWER":
                Arity(call, 2, 2);
                return Call(call, ColumnType.Double, Functions.Power);
            case "MOD":
                Arity(call, 2, 2);
                return Compile(new SqlBinaryExpression(call.Offset, SqlBinaryOperator.Modulo, call.Arguments[0],
                    call.Arguments[1]));
            case "FLOOR":
                return Numeric(call, null, a => Functions.Round(a[0], MidpointRounding.ToNegativeInfinity, 0));
            case "CEIL" or "CEILING":
                return Numeric(call, null, a => Functions.Round(a[0], MidpointRounding.ToPositiveInfinity, 0));
            case "ROUND":
                return RoundCall(call);
            case "COALESCE" or "NVL" or "IFNULL":
                return Variadic(call, Functions.Coalesce, call.Name == "COALESCE" ? 1 : 2);
            case "NULLIF":
                Arity(call, 2, 2);
                var first = Compile(call.Arguments[0]);
                return new FunctionExpr(call.Name, [first, Coerce(Compile(call.Arguments[1]), first.Type,
                    call.Arguments[1])],
                    first.Type, Functions.NullIf);
            case "GREATEST":
                return Variadic(call, Functions.Greatest, 1);
            case "LEAST":
                return Variadic(call, Functions.Least, 1);
            default:
                throw Error(call, $"No match found for function signature {call.Name}");
        }
    }

    private void Arity(SqlFunctionCall call, int min, int max)
    {
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw Error(call,
                $"{call.Name} takes {expected} argument{(max == 1 ? "" : "s")}, not {call.Arguments.Count}");
        }
    }

    private FunctionExpr Call(SqlFunctionCall call, ColumnType type, Func<QueryValue[], QueryValue> body,
        ValueKind? first = null)
    {
        var arguments = call.Arguments.Select(Compile).ToList();
        if (first is { } kind && arguments.Count > 0 && arguments[0].Type.Kind != kind
            && arguments[0].Type.Kind != ValueKind.Unknown &&
            !(kind == ValueKind.Long && arguments[0].Type.IsNumeric))
        {
            throw Error(call.Arguments[0],
                $"{call.Name} needs {QueryValues.Describe(kind)}, not {arguments[0].Type.SqlTypeName}");
        }

        return new FunctionExpr(call.Name, arguments, type, body);
    }

    private FunctionExpr Text(SqlFunctionCall call, Func<QueryValue[], QueryValue> body)
    {
        Arity(call, 1, 1);
        return Call(call, ColumnType.String, body);
    }

    private FunctionExpr Numeric(SqlFunctionCall call, ColumnType? type, Func<QueryValue[], QueryValue> body)
    {
        Arity(call, 1, 1);
        var argument = Compile(call.Arguments[0]);
        RequireNumeric(argument, call.Arguments[0], call.Name);
        var resultType = type ?? (argument.Type.Kind == ValueKind.Decimal && call.Name is "FLOOR" or "CEIL" or "CEILING"
            ? ColumnType.Decimal(argument.Type.Precision, 0)
            : argument.Type);
        return new FunctionExpr(call.Name, [argument], resultType, body);
    }

    private FunctionExpr RoundCall(SqlFunctionCall call)
    {
        Arity(call, 1, 2);
        var argument = Compile(call.Arguments[0]);
        RequireNumeric(argument, call.Arguments[0], "ROUND");
        var digits = 0;
        if (call.Arguments.Count == 2)
        {
            if (Compile(call.Arguments[1]) is not LiteralExpr { Value.Kind: ValueKind.Long } d)
            {
                throw Error(call.Arguments[1], "ROUND needs a constant number of digits");
            }

            digits = (int)Math.Clamp(d.Value.Long, -18, 38);
        }

        var type = argument.Type.Kind == ValueKind.Decimal
            ? ColumnType.Decimal(argument.Type.Precision, Math.Clamp(digits, 0, argument.Type.Scale))
            : argument.Type;
        return new FunctionExpr("ROUND", [argument], type, a => Functions.Round(a[0], MidpointRounding.AwayFromZero,
            digits));
    }

    private FunctionExpr Variadic(SqlFunctionCall call, Func<QueryValue[], QueryValue> body, int min)
    {
        Arity(call, min, int.MaxValue);
        var arguments = call.Arguments.Select(Compile).ToList();
        var type = CommonType(arguments.Select(a => a.Type).ToList(), call);
        arguments = arguments.Select((a, i) => Coerce(a, type, call.Arguments[i])).ToList();
        return new FunctionExpr(call.Name, arguments, type, body);
    }

    private TimeZoneInfo? ZoneArgument(SqlFunctionCall call, int index)
    {
        if (call.Arguments.Count <= index || call.Arguments[index] is SqlNullLiteral)
        {
            return null;
        }

        if (call.Arguments[index] is not SqlStringLiteral zone)
        {
            throw Error(call.Arguments[index], $"{call.Name} needs a constant time zone such as 'Europe/Berlin'");
        }

        return Wrap(() => SqlTimeFloor.FindZone(zone));
    }

    private T Wrap<T>(Func<T> analyse)
    {
        try
        {
            return analyse();
        }
        catch (SqlValidationException e)
        {
            throw new QueryException(QueryErrorCode.InvalidInput, e.Problem, Sql, e.Offset);
        }
    }

    private Expr Timestamp(SqlExpression node)
    {
        var expr = Compile(node);
        expr = Coerce(expr, ColumnType.Timestamp, node);
        if (expr.Type.Kind is not (ValueKind.Timestamp or ValueKind.Unknown))
        {
            throw Error(node, $"expected a TIMESTAMP but {node} is {expr.Type.SqlTypeName}");
        }

        return expr;
    }

    private Expr TimeFloor(SqlFunctionCall call)
    {
        var (operand, granularity) = Wrap(() =>
            SqlTimeFloor.TryRead(call, null, out var o, out var g) ? (o, g) : throw new InvalidOperationException());
        return new TimeBucketExpr(Timestamp(operand), granularity, ColumnType.Timestamp,
            static (t, g) => QueryValue.FromTimestamp(g.BucketStart(t)), isFloor: true);
    }

    private Expr TimeCeil(SqlFunctionCall call)
    {
        var floor = new SqlFunctionCall(call.Offset, "TIME_FLOOR", call.Arguments, false, false, null);
        var (operand, granularity) = Wrap(() =>
            SqlTimeFloor.TryRead(floor, null, out var o, out var g) ? (o, g) : throw new InvalidOperationException());
        return new TimeBucketExpr(Timestamp(operand), granularity, ColumnType.Timestamp, static (t, g) =>
        {
            var start = g.BucketStart(t);
            return QueryValue.FromTimestamp(start == t ? t : g.Next(start));
        });
    }

    private Expr FloorTo(SqlFloorToExpression node)
    {
        var period = Wrap(() => SqlTimeFloor.UnitPeriod(node.Unit, node.Offset));
        var granularity = Granularity.Of(period);
        return node.Ceiling
            ? new TimeBucketExpr(Timestamp(node.Operand), granularity, ColumnType.Timestamp, static (t, g) =>
            {
                var start = g.BucketStart(t);
                return QueryValue.FromTimestamp(start == t ? t : g.Next(start));
            })
            : new TimeBucketExpr(Timestamp(node.Operand), granularity, ColumnType.Timestamp,
                static (t, g) => QueryValue.FromTimestamp(g.BucketStart(t)), isFloor: true);
    }

    /// <summary>EXTRACT(unit FROM t): a function of the unit's bucket, so the bucket's granularity is
    /// recorded.</summary>
    private Expr Extract(SqlTimeUnit unit, Expr timestamp, SqlNode at, TimeZoneInfo? zone)
    {
        if (timestamp.Type.Kind is not (ValueKind.Timestamp or ValueKind.Unknown))
        {
            throw Error(at, $"EXTRACT needs a TIMESTAMP, not {timestamp.Type.SqlTypeName}");
        }

        var granularity = unit switch
        {
            SqlTimeUnit.Millisecond => Granularity.None,
            SqlTimeUnit.Epoch => Granularity.Of(IsoPeriod.Parse("PT1S"), zone),
            SqlTimeUnit.DayOfWeek or SqlTimeUnit.DayOfYear => Granularity.Of(IsoPeriod.Parse("P1D"), zone),
            _ => Granularity.Of(SqlTimeFloor.UnitPeriod(unit, at.Offset), zone),
        };
        var offsets = zone is null ? null : ZoneOffsets.For(zone);
        return new TimeBucketExpr(timestamp, granularity, ColumnType.Long,
            (t, _) => QueryValue.FromLong(Functions.Extract(unit, t, offsets?.OffsetAt(t) ?? 0)));
    }

    private Expr TimeExtract(SqlFunctionCall call)
    {
        Arity(call, 2, 3);
        if (call.Arguments[1] is not SqlStringLiteral unitText ||
            !Enum.TryParse<SqlTimeUnit>(unitText.Value switch
            {
                "DOW" or "dow" or "ISODOW" => nameof(SqlTimeUnit.DayOfWeek),
                "DOY" or "doy" => nameof(SqlTimeUnit.DayOfYear),
                var other => other,
            }, ignoreCase: true, out var unit))
        {
            throw Error(call.Arguments[1], "TIME_EXTRACT needs a constant unit such as 'HOUR'");
        }

        return Extract(unit, Timestamp(call.Arguments[0]), call, ZoneArgument(call, 2));
    }

    private Expr TimeFormat(SqlFunctionCall call)
    {
        Arity(call, 1, 3);
        var timestamp = Timestamp(call.Arguments[0]);
        string? pattern = null;
        if (call.Arguments.Count > 1 && call.Arguments[1] is not SqlNullLiteral)
        {
            pattern = call.Arguments[1] is SqlStringLiteral p ? p.Value
                : throw Error(call.Arguments[1], "TIME_FORMAT needs a constant pattern");
            Functions.FormatTime(0, pattern, 0);
        }

        var offsets = ZoneArgument(call, 2) is { } zone ? ZoneOffsets.For(zone) : null;
        return new FunctionExpr("TIME_FORMAT", [timestamp], ColumnType.String, a => a[0].IsNull
            ? a[0]
            : QueryValue.FromString(Functions.FormatTime(a[0].Long, pattern, offsets?.OffsetAt(a[0].Long) ?? 0)));
    }

    private Expr TimeShift(SqlFunctionCall call)
    {
        Arity(call, 3, 4);
        var timestamp = Timestamp(call.Arguments[0]);
        if (call.Arguments[1] is not SqlStringLiteral periodText || !IsoPeriod.TryParse(periodText.Value,
            out var period))
        {
            throw Error(call.Arguments[1], "TIME_SHIFT needs a constant ISO-8601 period such as 'PT1H'");
        }

        var step = Compile(call.Arguments[2]);
        RequireNumeric(step, call.Arguments[2], "TIME_SHIFT");
        return new FunctionExpr("TIME_SHIFT", [timestamp, step], ColumnType.Timestamp, a =>
        {
            if (a[0].IsNull || a[1].IsNull)
            {
                return QueryValue.Null;
            }

            var n = (long)a[1].ToDouble();
            var shifted = CivilTime.AddMonths(a[0].Long, period.TotalMonths * n) + (period.StandardMillis * n);
            return QueryValue.FromTimestamp(shifted);
        });
    }

    private Expr Cast(SqlCastExpression cast)
    {
        var operand = Compile(cast.Operand);
        var target = cast.Type.Name switch
        {
            "BIGINT" or "INTEGER" or "INT" or "SMALLINT" or "TINYINT" => ColumnType.Long,
            "DOUBLE" or "FLOAT" or "REAL" => ColumnType.Double,
            "DECIMAL" or "NUMERIC" => ColumnType.Decimal(cast.Type.Precision ?? 38, cast.Type.Scale ?? 0),
            "VARCHAR" or "CHAR" or "STRING" or "CHARACTER" => ColumnType.String,
            "TIMESTAMP" => ColumnType.Timestamp,
            "DATE" => ColumnType.Timestamp,
            "BOOLEAN" => ColumnType.Boolean,
            _ => throw Error(cast.Type, $"unknown type {cast.Type.Name}"),
        };
        if (target.Kind == ValueKind.Decimal && (target.Precision is < 1 or > 76 || target.Scale > target.Precision))
        {
            throw Error(cast.Type, $"DECIMAL({target.Precision}, {target.Scale}) is not a valid decimal type");
        }

        if (cast.Type.Name == "DATE")
        {
            return new FunctionExpr("CAST", [operand], target, a =>
            {
                var t = Functions.Cast(a[0], ColumnType.Timestamp);
                return t.IsNull ? t : QueryValue.FromTimestamp(t.Long - CivilTime.FloorMod(t.Long,
                    CivilTime.MillisPerDay));
            });
        }

        return new FunctionExpr("CAST", [operand], target, a => Functions.Cast(a[0], target));
    }
}
