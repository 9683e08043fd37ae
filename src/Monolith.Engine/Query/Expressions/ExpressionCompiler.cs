using System.Globalization;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Expressions;

/// <summary>
/// Turns SQL syntax into typed <see cref="Expr"/> trees: resolves names through a scope, coerces literals to
/// the type they are compared with (a string compared with a timestamp is read as a timestamp, with a number as
/// a number), folds constants, and reports type errors at their line and column.
/// </summary>
internal sealed partial class ExpressionCompiler(string sql, IExpressionScope scope, long now)
{
    public string Sql { get; } = sql;

    /// <summary>CURRENT_TIMESTAMP of the query, epoch milliseconds.</summary>
    public long Now { get; } = now;

    public QueryException Error(SqlNode node, string message, QueryErrorCode code = QueryErrorCode.InvalidInput) =>
        new(code, message, Sql, node.Offset);

    public Expr Compile(SqlExpression node)
    {
        var resolved = scope.Resolve(node, this);
        if (resolved is not null)
        {
            return resolved;
        }

        var compiled = node switch
        {
            SqlLiteral literal => Literal(literal),
            SqlIdentifier identifier => throw Error(identifier, $"Column '{identifier.Name}' not found in any table"),
            SqlStar star => throw Error(star, "* is allowed only as a select item or in COUNT(*)"),
            SqlParameter parameter => throw Error(parameter, "a ? parameter has no value"),
            SqlUnaryExpression unary => Unary(unary),
            SqlBinaryExpression binary => Binary(binary),
            SqlIsNullExpression isNull => new IsNullExpr(Compile(isNull.Operand), isNull.Negated),
            SqlInExpression @in => In(@in),
            SqlBetweenExpression between => Between(between),
            SqlLikeExpression like => Like(like),
            SqlCaseExpression @case => Case(@case),
            SqlCastExpression cast => Cast(cast),
            SqlExtractExpression extract => Extract(extract.Unit, Compile(extract.Operand), extract, null),
            SqlFloorToExpression floor => FloorTo(floor),
            SqlFunctionCall call => Function(call),
            _ => throw Error(node, $"unsupported expression {node}"),
        };
        return Fold(compiled);
    }

    /// <summary>Compiles a condition: the result must be BOOLEAN.</summary>
    public Expr CompileCondition(SqlExpression node, string clause)
    {
        var expr = Compile(node);
        if (expr.Type.Kind is not (ValueKind.Boolean or ValueKind.Unknown))
        {
            throw Error(node, $"{clause} must be a condition, but {node} is {expr.Type.SqlTypeName}");
        }

        return expr;
    }

    private static Expr Fold(Expr expr) =>
        expr is not LiteralExpr && expr.IsConstant ? new LiteralExpr(expr.Evaluate(NoValues.Instance), expr.Type)
            : expr;

    private Expr Literal(SqlLiteral literal) => literal switch
    {
        SqlIntegerLiteral { Value: <= long.MaxValue } i => new LiteralExpr(QueryValue.FromLong((long)i.Value),
            ColumnType.Long),
        SqlIntegerLiteral i => new LiteralExpr(QueryValue.FromUnsignedLong(i.Value), ColumnType.UnsignedLong),
        SqlDecimalLiteral d => new LiteralExpr(QueryValue.FromDecimal(d.Unscaled, d.Scale),
            ColumnType.Decimal(Math.Max(d.Scale + 1,
                d.Unscaled.ToString(CultureInfo.InvariantCulture).TrimStart('-').Length), d.Scale)),
        SqlDoubleLiteral d => new LiteralExpr(QueryValue.FromDouble(d.Value), ColumnType.Double),
        SqlStringLiteral s => new LiteralExpr(QueryValue.FromString(s.Value), ColumnType.String),
        SqlBooleanLiteral b => new LiteralExpr(QueryValue.FromBoolean(b.Value), ColumnType.Boolean),
        SqlNullLiteral => new LiteralExpr(QueryValue.Null, new ColumnType(ValueKind.Unknown)),
        SqlTimestampLiteral t => new LiteralExpr(QueryValue.FromTimestamp(t.WallClockMillis), ColumnType.Timestamp),
        SqlIntervalLiteral => throw Error(literal, "an INTERVAL can only be added to or subtracted from a timestamp"),
        _ => throw Error(literal, $"unsupported literal {literal}"),
    };

    private Expr Unary(SqlUnaryExpression unary)
    {
        var operand = Compile(unary.Operand);
        switch (unary.Operator)
        {
            case SqlUnaryOperator.Not:
                RequireBoolean(operand, unary.Operand, "NOT");
                return new NotExpr(operand);
            case SqlUnaryOperator.Negate:
                RequireNumeric(operand, unary.Operand, "-");
                return new NegateExpr(operand);
            default:
                RequireNumeric(operand, unary.Operand, "+");
                return operand;
        }
    }

    private Expr Binary(SqlBinaryExpression binary)
    {
        switch (binary.Operator)
        {
            case SqlBinaryOperator.And:
            case SqlBinaryOperator.Or:
                var isAnd = binary.Operator == SqlBinaryOperator.And;
                var operands = new List<Expr>();
                Flatten(binary, binary.Operator, operands);
                return new LogicalExpr(isAnd, operands);
            case SqlBinaryOperator.Concat:
                var left = Compile(binary.Left);
                var right = Compile(binary.Right);
                return new FunctionExpr("||", [left, right], ColumnType.String, Functions.Concat);
            default:
                if (binary.IsComparison)
                {
                    return Comparison(binary.Operator, binary.Left, binary.Right, binary);
                }

                return Arithmetic(binary);
        }
    }

    private void Flatten(SqlExpression node, SqlBinaryOperator op, List<Expr> operands)
    {
        if (node is SqlBinaryExpression binary && binary.Operator == op && scope.Resolve(node, this) is null)
        {
            Flatten(binary.Left, op, operands);
            Flatten(binary.Right, op, operands);
            return;
        }

        var expr = Compile(node);
        RequireBoolean(expr, node, op == SqlBinaryOperator.And ? "AND" : "OR");
        operands.Add(expr);
    }

    private Expr Arithmetic(SqlBinaryExpression binary)
    {
        if (binary.Operator is SqlBinaryOperator.Add or SqlBinaryOperator.Subtract)
        {
            var sign = binary.Operator == SqlBinaryOperator.Add ? 1 : -1;
            if (binary.Right is SqlIntervalLiteral interval)
            {
                return Shift(Compile(binary.Left), binary.Left, interval, sign);
            }

            if (binary.Left is SqlIntervalLiteral leading && sign == 1)
            {
                return Shift(Compile(binary.Right), binary.Right, leading, 1);
            }
        }

        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        RequireNumeric(left, binary.Left, SqlFormatting.Operator(binary.Operator));
        RequireNumeric(right, binary.Right, SqlFormatting.Operator(binary.Operator));
        return new ArithmeticExpr(binary.Operator, left, right,
            ArithmeticExpr.ResultType(binary.Operator, left.Type, right.Type));
    }

    private Expr Shift(Expr timestamp, SqlExpression node, SqlIntervalLiteral interval, int sign)
    {
        if (timestamp.Type.Kind is not (ValueKind.Timestamp or ValueKind.Unknown))
        {
            throw Error(node, $"an INTERVAL can only be added to a timestamp, not to {timestamp.Type.SqlTypeName}");
        }

        return interval.IsYearMonth
            ? new IntervalShiftExpr(timestamp, sign * interval.Months, 0)
            : new IntervalShiftExpr(timestamp, 0, sign * interval.Milliseconds);
    }

    /// <summary>Compiles a comparison, coercing a literal on one side to the type of the other.</summary>
    public Expr Comparison(SqlBinaryOperator op, SqlExpression leftNode, SqlExpression rightNode, SqlNode at)
    {
        var left = Compile(leftNode);
        var right = Compile(rightNode);
        left = Coerce(left, right.Type, leftNode);
        right = Coerce(right, left.Type, rightNode);
        if (!QueryValues.Comparable(left.Type.Kind, right.Type.Kind))
        {
            throw Error(at, $"Cannot apply '{SqlFormatting.Operator(op)}' to arguments of type " +
                            $"{left.Type.SqlTypeName} and {right.Type.SqlTypeName}");
        }

        return new ComparisonExpr(op, left, right);
    }

    /// <summary>Reads a string literal as the type it is compared with.</summary>
    public Expr Coerce(Expr expr, ColumnType target, SqlExpression node)
    {
        if (expr is not LiteralExpr { Value.Kind: ValueKind.String } literal
            || target.Kind is ValueKind.String or ValueKind.Unknown)
        {
            return expr;
        }

        var text = literal.Value.String;
        return target.Kind switch
        {
            ValueKind.Timestamp => new LiteralExpr(QueryValue.FromTimestamp(ParseTimestamp(text, node)),
                ColumnType.Timestamp),
            ValueKind.Boolean when bool.TryParse(text, out var b) => new LiteralExpr(QueryValue.FromBoolean(b),
                ColumnType.Boolean),
            _ when target.IsNumeric => ParseNumber(text, node),
            _ => expr,
        };
    }

    private long ParseTimestamp(string text, SqlExpression node)
    {
        if (Time.DruidTime.TryParseSqlTimestamp(text, out var millis) || Time.DruidTime.TryParseIso(text, out millis))
        {
            return millis;
        }

        throw Error(node, $"'{text}' is not a timestamp such as '2025-11-28 01:00:00'");
    }

    private LiteralExpr ParseNumber(string text, SqlExpression node)
    {
        try
        {
            var parsed = SqlParser.ParseExpression(text.Trim());
            var negate = false;
            if (parsed is SqlUnaryExpression { Operator: SqlUnaryOperator.Negate } unary)
            {
                parsed = unary.Operand;
                negate = true;
            }

            if (parsed is SqlIntegerLiteral or SqlDecimalLiteral or SqlDoubleLiteral)
            {
                var literal = (LiteralExpr)Literal((SqlLiteral)parsed);
                return negate ? new LiteralExpr(QueryValues.Negate(literal.Value), literal.Type) : literal;
            }
        }
        catch (SqlParseException)
        {
        }

        throw Error(node, $"'{text}' is not a number");
    }

    private Expr In(SqlInExpression node)
    {
        var operand = Compile(node.Operand);
        var values = new List<QueryValue>();
        foreach (var item in node.Values)
        {
            var value = Coerce(Compile(item), operand.Type, item);
            if (value is not LiteralExpr literal)
            {
                throw Error(item, "IN lists must hold constants");
            }

            if (!QueryValues.Comparable(operand.Type.Kind, literal.Type.Kind))
            {
                throw Error(item, $"Cannot compare {operand.Type.SqlTypeName} with {literal.Type.SqlTypeName} in IN");
            }

            values.Add(literal.Value);
        }

        return new InExpr(operand, values, node.Negated);
    }

    private Expr Between(SqlBetweenExpression node)
    {
        var low = Comparison(SqlBinaryOperator.GreaterOrEqual, node.Operand, node.Low, node);
        var high = Comparison(SqlBinaryOperator.LessOrEqual, node.Operand, node.High, node);
        var both = new LogicalExpr(true, [low, high]);
        return node.Negated ? new NotExpr(both) : both;
    }

    private Expr Like(SqlLikeExpression node)
    {
        var operand = Compile(node.Operand);
        if (Compile(node.Pattern) is not LiteralExpr { Value.Kind: ValueKind.String } pattern)
        {
            throw Error(node.Pattern, "LIKE needs a constant string pattern");
        }

        char? escape = null;
        if (node.Escape is not null)
        {
            if (Compile(node.Escape) is not LiteralExpr { Value.Kind: ValueKind.String } e
                || e.Value.String.Length != 1)
            {
                throw Error(node.Escape, "ESCAPE needs a single character");
            }

            escape = e.Value.String[0];
        }

        return new LikeExpr(operand, pattern.Value.String, escape, node.Negated);
    }

    private Expr Case(SqlCaseExpression node)
    {
        var whens = new List<(Expr When, Expr Then)>();
        foreach (var when in node.Whens)
        {
            var condition = node.Operand is null
                ? CompileCondition(when.When, "WHEN")
                : Comparison(SqlBinaryOperator.Equal, node.Operand, when.When, when);
            whens.Add((condition, Compile(when.Then)));
        }

        var otherwise = node.Else is null ? null : Compile(node.Else);
        var types = whens.Select(w => w.Then.Type).Append(otherwise?.Type
            ?? new ColumnType(ValueKind.Unknown)).ToList();
        return new CaseExpr(whens, otherwise, CommonType(types, node));
    }

    /// <summary>The type several branches or arguments share: numbers promote, others must agree.</summary>
    public ColumnType CommonType(IReadOnlyList<ColumnType> types, SqlNode at)
    {
        var known = types.Where(t => t.Kind != ValueKind.Unknown).ToList();
        if (known.Count == 0)
        {
            return new ColumnType(ValueKind.Unknown);
        }

        if (known.All(t => t.IsNumeric))
        {
            return known.Aggregate((a, b) => ArithmeticExpr.ResultType(SqlBinaryOperator.Add, a, b));
        }

        if (known.Any(t => t.Kind != known[0].Kind))
        {
            throw Error(at, $"cannot mix {string.Join(" and ", known.Select(t => t.SqlTypeName).Distinct())} here");
        }

        return known[0];
    }

    private void RequireBoolean(Expr expr, SqlNode node, string what)
    {
        if (expr.Type.Kind is not (ValueKind.Boolean or ValueKind.Unknown))
        {
            throw Error(node, $"{what} needs a condition, but {node} is {expr.Type.SqlTypeName}");
        }
    }

    public void RequireNumeric(Expr expr, SqlNode node, string what)
    {
        if (!expr.Type.IsNumeric && expr.Type.Kind != ValueKind.Unknown)
        {
            throw Error(node, $"Cannot apply '{what}' to {expr.Type.SqlTypeName} {node}");
        }
    }
}
