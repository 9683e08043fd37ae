using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Transform.Expressions;

namespace Monolith.Engine.Transform.Binding;

/// <summary>
/// Turns SQL expressions of a rollup's statement into the typed expression tree the kernels compile: names are
/// resolved against the columns of a change batch (case-insensitively, as MySQL compares column names), literals
/// get their types, and operators and functions become calls. Anything the kernels cannot evaluate exactly is
/// refused here, with the place in the statement, so that a rollup never starts with a wrong meaning.
/// </summary>
public sealed class SqlExpressionBinder
{
    private static readonly Dictionary<string, ScalarFunction> s_functions = new(StringComparer.Ordinal)
    {
        ["COALESCE"] = ScalarFunction.Coalesce,
        ["NULLIF"] = ScalarFunction.NullIf,
        ["LOWER"] = ScalarFunction.Lower,
        ["LCASE"] = ScalarFunction.Lower,
        ["UPPER"] = ScalarFunction.Upper,
        ["UCASE"] = ScalarFunction.Upper,
        ["CONCAT"] = ScalarFunction.Concat,
        ["SUBSTRING"] = ScalarFunction.Substring,
        ["SUBSTR"] = ScalarFunction.Substring,
        ["TRIM"] = ScalarFunction.Trim,
        ["BTRIM"] = ScalarFunction.Trim,
        ["LTRIM"] = ScalarFunction.TrimStart,
        ["RTRIM"] = ScalarFunction.TrimEnd,
        ["LENGTH"] = ScalarFunction.Length,
        ["OCTET_LENGTH"] = ScalarFunction.Length,
        ["CHAR_LENGTH"] = ScalarFunction.CharLength,
        ["CHARACTER_LENGTH"] = ScalarFunction.CharLength,
        ["STRLEN"] = ScalarFunction.CharLength,
        ["REPLACE"] = ScalarFunction.Replace,
        ["JSON_VALUE"] = ScalarFunction.JsonValue,
        ["JSON_EXTRACT"] = ScalarFunction.JsonExtract,
        ["JSON_QUERY"] = ScalarFunction.JsonExtract,
        ["MOD"] = ScalarFunction.Modulo,
        ["DIV"] = ScalarFunction.IntegerDivide,
    };

    /// <summary>Every function a rollup may call, for the message that rejects another.</summary>
    private static readonly string s_functionNames = string.Join(", ",
        s_functions.Keys.Concat(["IFNULL", "NVL", "TIMESTAMPADD", "TIMESTAMPDIFF"]).Order(StringComparer.Ordinal));

    private readonly Schema _schema;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _qualifiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ExpressionCompiler _types;

    /// <summary>Binds against the columns of <paramref name="schema"/>.</summary>
    /// <param name="schema">The change batch's schema.</param>
    /// <param name="qualifiers">Table names and aliases a column may be qualified with.</param>
    public SqlExpressionBinder(Schema schema, IEnumerable<string> qualifiers)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        for (var i = 0; i < schema.FieldsList.Count; i++)
        {
            _columns[schema.FieldsList[i].Name] = i;
        }

        foreach (var qualifier in qualifiers)
        {
            _qualifiers.Add(qualifier);
        }

        _types = new ExpressionCompiler(schema);
    }

    /// <summary>Binds one expression.</summary>
    /// <exception cref="SqlBindingException">The expression names an unknown column or cannot be evaluated.</exception>
    public Expr Bind(SqlExpression expression) => expression switch
    {
        SqlIdentifier identifier => BindColumn(identifier),
        SqlLiteral literal => BindLiteral(literal, null),
        SqlBinaryExpression binary => BindBinary(binary),
        SqlUnaryExpression unary => BindUnary(unary),
        SqlIsNullExpression isNull => new IsNullExpr(Bind(isNull.Operand), isNull.Negated),
        SqlInExpression list => BindIn(list),
        SqlBetweenExpression between => BindBetween(between),
        SqlLikeExpression like => BindLike(like),
        SqlCaseExpression @case => BindCase(@case),
        SqlCastExpression cast => new CastExpr(Bind(cast.Operand), TypeOf(cast.Type)),
        SqlExtractExpression extract => new ExtractExpr(FieldOf(extract.Unit, extract.Offset), Bind(extract.Operand)),
        SqlFunctionCall call => BindCall(call),
        _ => throw new SqlBindingException(expression.Offset,
            $"{Describe(expression)} cannot be evaluated over change rows"),
    };

    /// <summary>The type an expression evaluates to.</summary>
    public IArrowType TypeOf(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return expression.Type ?? _types.Compile(expression).Type;
        }
        catch (ExpressionException e)
        {
            throw new SqlBindingException(-1, e.Message, e);
        }
    }

    private ColumnExpr BindColumn(SqlIdentifier identifier)
    {
        var parts = identifier.Parts;
        var name = parts[^1];
        if (parts.Count > 1 && !_qualifiers.Contains(parts[^2]))
        {
            throw new SqlBindingException(identifier.Offset,
                $"'{string.Join('.', parts)}' names a table that is not in the FROM clause");
        }

        if (!_columns.TryGetValue(name, out var index))
        {
            throw new SqlBindingException(identifier.Offset,
                $"column '{name}' does not exist; the table has {string.Join(", ", _columns.Keys.Take(40))}");
        }

        return Expr.Column(index, _schema.FieldsList[index].DataType);
    }

    private LiteralExpr BindLiteral(SqlLiteral literal, IArrowType? context) => literal switch
    {
        SqlIntegerLiteral i when i.Value <= long.MaxValue => Expr.Int64((long)i.Value),
        SqlIntegerLiteral i => Expr.UInt64(i.Value),
        SqlDecimalLiteral d => DecimalLiteral(d),
        SqlDoubleLiteral d => Expr.Double(d.Value),
        SqlBooleanLiteral b => Expr.Boolean(b.Value),
        SqlStringLiteral s when context is TimestampType or Date32Type => TemporalLiteral(s, context),
        SqlStringLiteral s => Expr.Utf8(s.Value),
        SqlNullLiteral => Expr.Null(context ?? Int64Type.Default),
        SqlTimestampLiteral t when t.IsDate || context is Date32Type =>
            new LiteralExpr((int)Math.Floor(t.WallClockMillis / 86_400_000d), Date32Type.Default),
        SqlTimestampLiteral t => new LiteralExpr(t.WallClockMillis * 1000,
            context as TimestampType ?? new TimestampType(TimeUnit.Microsecond, (string?)null)),
        _ => throw new SqlBindingException(literal.Offset, $"{Describe(literal)} cannot be used in a rollup"),
    };

    private static LiteralExpr DecimalLiteral(SqlDecimalLiteral literal)
    {
        var digits = BigInteger.Abs(literal.Unscaled).ToString(CultureInfo.InvariantCulture).Length;
        if (digits > 38)
        {
            throw new SqlBindingException(literal.Offset, "a decimal literal has more than 38 digits");
        }

        return Expr.Decimal((Int128)literal.Unscaled, Math.Max(digits, literal.Scale + 1), literal.Scale);
    }

    private static LiteralExpr TemporalLiteral(SqlStringLiteral literal, IArrowType type)
    {
        string[] formats =
        [
            "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-ddTHH:mm:ss",
            "yyyy-MM-ddTHH:mm:ss.FFFFFF", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFZ",
        ];
        if (!DateTime.TryParseExact(literal.Value, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new SqlBindingException(literal.Offset,
                $"'{literal.Value}' is not a date or time (expected YYYY-MM-DD[ HH:MM:SS[.ffffff]])");
        }

        var micros = (value - DateTime.UnixEpoch).Ticks / 10;
        return type is Date32Type
            ? new LiteralExpr((int)Math.Floor(micros / 86_400_000_000d), Date32Type.Default)
            : new LiteralExpr(micros, type);
    }

    private Expr BindBinary(SqlBinaryExpression binary)
    {
        if (binary.Operator is SqlBinaryOperator.Add or SqlBinaryOperator.Subtract &&
            binary.Right is SqlIntervalLiteral interval)
        {
            var amount = binary.Operator == SqlBinaryOperator.Add ? interval.Amount : -interval.Amount;
            return Checked(
                new DateAddExpr(Bind(binary.Left), Expr.Int64(amount), PartOf(interval.Unit, interval.Offset)),
                binary.Offset);
        }

        // A literal beside a column takes the column's type where that changes its meaning (dates, NULL).
        Expr left, right;
        if (binary.Left is SqlLiteral leftLiteral && binary.Right is not SqlLiteral)
        {
            right = Bind(binary.Right);
            left = BindLiteral(leftLiteral, TypeOf(right));
        }
        else if (binary.Right is SqlLiteral rightLiteral && binary.Left is not SqlLiteral)
        {
            left = Bind(binary.Left);
            right = BindLiteral(rightLiteral, TypeOf(left));
        }
        else
        {
            left = Bind(binary.Left);
            right = Bind(binary.Right);
        }

        var function = binary.Operator switch
        {
            SqlBinaryOperator.Or => ScalarFunction.Or,
            SqlBinaryOperator.And => ScalarFunction.And,
            SqlBinaryOperator.Equal => ScalarFunction.Equal,
            SqlBinaryOperator.NotEqual => ScalarFunction.NotEqual,
            SqlBinaryOperator.Less => ScalarFunction.Less,
            SqlBinaryOperator.LessOrEqual => ScalarFunction.LessOrEqual,
            SqlBinaryOperator.Greater => ScalarFunction.Greater,
            SqlBinaryOperator.GreaterOrEqual => ScalarFunction.GreaterOrEqual,
            SqlBinaryOperator.Add => ScalarFunction.Add,
            SqlBinaryOperator.Subtract => ScalarFunction.Subtract,
            SqlBinaryOperator.Concat => ScalarFunction.Concat,
            SqlBinaryOperator.Multiply => ScalarFunction.Multiply,
            SqlBinaryOperator.Divide => ScalarFunction.Divide,
            SqlBinaryOperator.Modulo => ScalarFunction.Modulo,
            _ => throw new SqlBindingException(binary.Offset, $"operator {binary.Operator} is not supported"),
        };
        return Checked(Expr.Call(function, left, right), binary.Offset);
    }

    private Expr BindUnary(SqlUnaryExpression unary)
    {
        var operand = Bind(unary.Operand);
        return unary.Operator switch
        {
            SqlUnaryOperator.Plus => operand,
            SqlUnaryOperator.Negate => Checked(Expr.Call(ScalarFunction.Negate, operand), unary.Offset),
            _ => Checked(Expr.Call(ScalarFunction.Not, operand), unary.Offset),
        };
    }

    private Expr BindIn(SqlInExpression list)
    {
        var operand = Bind(list.Operand);
        var type = TypeOf(operand);
        if (list.Values.All(v => v is SqlLiteral and not SqlNullLiteral))
        {
            var values = list.Values.Select(v => BindLiteral((SqlLiteral)v, type)).ToList();
            return Checked(new InListExpr(operand, values, list.Negated), list.Offset);
        }

        Expr? any = null;
        foreach (var value in list.Values)
        {
            var equal = Expr.Call(ScalarFunction.Equal, operand,
                value is SqlLiteral literal ? BindLiteral(literal, type) : Bind(value));
            any = any is null ? equal : Expr.Call(ScalarFunction.Or, any, equal);
        }

        var result = any ?? throw new SqlBindingException(list.Offset, "IN needs at least one value");
        return Checked(list.Negated ? Expr.Call(ScalarFunction.Not, result) : result, list.Offset);
    }

    private Expr BindBetween(SqlBetweenExpression between)
    {
        var operand = Bind(between.Operand);
        var type = TypeOf(operand);
        var low = between.Low is SqlLiteral l ? BindLiteral(l, type) : Bind(between.Low);
        var high = between.High is SqlLiteral h ? BindLiteral(h, type) : Bind(between.High);
        var call = Expr.Call(ScalarFunction.Between, operand, low, high);
        return Checked(between.Negated ? Expr.Call(ScalarFunction.Not, call) : call, between.Offset);
    }

    private Expr BindLike(SqlLikeExpression like)
    {
        if (like.Pattern is not SqlStringLiteral pattern)
        {
            throw new SqlBindingException(like.Pattern.Offset, "the pattern of LIKE must be a string literal");
        }

        char? escape = '\\';
        if (like.Escape is not null)
        {
            escape = like.Escape is SqlStringLiteral { Value.Length: 1 } e
                ? e.Value[0]
                : throw new SqlBindingException(like.Escape.Offset, "ESCAPE takes a one-character string literal");
        }

        return Checked(new LikeExpr(Bind(like.Operand), pattern.Value, escape, like.Negated), like.Offset);
    }

    private Expr BindCase(SqlCaseExpression @case)
    {
        var operand = @case.Operand is null ? null : Bind(@case.Operand);
        var branches = new List<CaseBranch>();
        foreach (var when in @case.Whens)
        {
            var condition = operand is null
                ? Bind(when.When)
                : Expr.Call(ScalarFunction.Equal, operand,
                    when.When is SqlLiteral literal ? BindLiteral(literal, TypeOf(operand)) : Bind(when.When));
            branches.Add(new CaseBranch(condition, Bind(when.Then)));
        }

        var results = branches.Select(b => b.Then).ToList();
        var otherwise = @case.Else is null ? null : Bind(@case.Else);
        if (otherwise is not null)
        {
            results.Add(otherwise);
        }

        if (branches.Count == 0)
        {
            throw new SqlBindingException(@case.Offset, "CASE needs at least one WHEN");
        }

        IArrowType type;
        try
        {
            type = _types.ResultType(results, "CASE");
        }
        catch (ExpressionException e)
        {
            throw new SqlBindingException(@case.Offset, e.Message, e);
        }

        return Checked(new CaseExpr(branches, otherwise, type), @case.Offset);
    }

    private Expr BindCall(SqlFunctionCall call)
    {
        if (call.Distinct || call.Star || call.Filter is not null)
        {
            throw new SqlBindingException(call.Offset, $"{call.Name} is an aggregate and cannot appear here");
        }

        var name = call.Name.ToUpperInvariant();
        switch (name)
        {
            case "TIMESTAMPADD" when call.Arguments.Count == 3 && call.Arguments[0] is SqlIdentifier unit:
                return Checked(new DateAddExpr(Bind(call.Arguments[2]), Bind(call.Arguments[1]),
                    PartOf(unit.Parts[^1], unit.Offset)), call.Offset);
            case "TIMESTAMPDIFF" when call.Arguments.Count == 3 && call.Arguments[0] is SqlIdentifier unit:
                return Checked(new DateDiffExpr(PartOf(unit.Parts[^1], unit.Offset), Bind(call.Arguments[1]),
                    Bind(call.Arguments[2])), call.Offset);
            case "IFNULL" or "NVL":
                return Checked(Expr.Call(ScalarFunction.Coalesce, [.. call.Arguments.Select(Bind)]), call.Offset);
        }

        if (!s_functions.TryGetValue(name, out var function))
        {
            throw new SqlBindingException(call.Offset,
                $"function {call.Name} is not supported in a rollup; expected one of {s_functionNames}");
        }

        return Checked(Expr.Call(function, [.. call.Arguments.Select(Bind)]), call.Offset);
    }

    /// <summary>Compiles the expression once so that type errors surface here, with the statement's position.</summary>
    private Expr Checked(Expr expression, int offset)
    {
        try
        {
            _types.Compile(expression);
            return expression;
        }
        catch (ExpressionException e)
        {
            throw new SqlBindingException(offset, e.Message, e);
        }
    }

    private static IArrowType TypeOf(SqlDataType type) => type.Name.ToUpperInvariant() switch
    {
        "BIGINT" or "INT" or "INTEGER" or "SMALLINT" or "TINYINT" or "SIGNED" => Int64Type.Default,
        "UNSIGNED" => UInt64Type.Default,
        "DOUBLE" or "FLOAT" or "REAL" => DoubleType.Default,
        "DECIMAL" or "NUMERIC" => new Decimal128Type(type.Precision ?? 10, type.Scale ?? 0),
        "VARCHAR" or "CHAR" or "STRING" or "TEXT" => StringType.Default,
        "BOOLEAN" => BooleanType.Default,
        "DATE" => Date32Type.Default,
        "TIMESTAMP" or "DATETIME" => new TimestampType(TimeUnit.Microsecond, (string?)null),
        _ => throw new SqlBindingException(type.Offset, $"cannot cast to {type.Name}"),
    };

    private static DateField FieldOf(SqlTimeUnit unit, int offset) => unit switch
    {
        SqlTimeUnit.Year => DateField.Year,
        SqlTimeUnit.Quarter => DateField.Quarter,
        SqlTimeUnit.Month => DateField.Month,
        SqlTimeUnit.Day => DateField.Day,
        SqlTimeUnit.Hour => DateField.Hour,
        SqlTimeUnit.Minute => DateField.Minute,
        SqlTimeUnit.Second => DateField.Second,
        SqlTimeUnit.DayOfWeek => DateField.DayOfWeek,
        SqlTimeUnit.DayOfYear => DateField.DayOfYear,
        SqlTimeUnit.Epoch => DateField.Epoch,
        _ => throw new SqlBindingException(offset, $"EXTRACT({unit}) is not supported"),
    };

    private static IntervalPart PartOf(SqlTimeUnit unit, int offset) => unit switch
    {
        SqlTimeUnit.Second => IntervalPart.Second,
        SqlTimeUnit.Minute => IntervalPart.Minute,
        SqlTimeUnit.Hour => IntervalPart.Hour,
        SqlTimeUnit.Day => IntervalPart.Day,
        SqlTimeUnit.Week => IntervalPart.Week,
        SqlTimeUnit.Month => IntervalPart.Month,
        SqlTimeUnit.Quarter => IntervalPart.Quarter,
        SqlTimeUnit.Year => IntervalPart.Year,
        _ => throw new SqlBindingException(offset, $"an interval of {unit} is not supported"),
    };

    private static IntervalPart PartOf(string unit, int offset) => unit.ToUpperInvariant() switch
    {
        "MICROSECOND" => IntervalPart.Microsecond,
        "SECOND" => IntervalPart.Second,
        "MINUTE" => IntervalPart.Minute,
        "HOUR" => IntervalPart.Hour,
        "DAY" => IntervalPart.Day,
        "WEEK" => IntervalPart.Week,
        "MONTH" => IntervalPart.Month,
        "QUARTER" => IntervalPart.Quarter,
        "YEAR" => IntervalPart.Year,
        _ => throw new SqlBindingException(offset, $"'{unit}' is not a time unit"),
    };

    private static string Describe(SqlExpression expression) => expression.GetType().Name switch
    {
        var n when n.StartsWith("Sql", StringComparison.Ordinal) => $"'{expression}'",
        _ => "the expression",
    };
}
