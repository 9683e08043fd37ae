using System.Globalization;
using System.Numerics;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Sql;

/// <summary>
/// Recursive-descent parser for the SELECT subset of Druid's SQL dialect. Operator precedence, loosest first:
/// OR; AND; NOT; comparisons, IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE; + - ||; * / %; unary
/// minus and plus.
/// </summary>
public sealed partial class SqlParser
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CROSS", "DATE", "DESC", "DISTINCT", "ELSE",
        "END", "ESCAPE", "EXCEPT", "EXTRACT", "FALSE", "FETCH", "FILTER", "FROM", "FULL", "GROUP", "HAVING", "IN",
        "INNER", "INTERSECT", "INTERVAL", "IS", "JOIN", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON",
        "OR", "ORDER", "OUTER", "RIGHT", "SELECT", "THEN", "TIMESTAMP", "TRUE", "UNION", "WHEN", "WHERE", "WITH",
    };

    private readonly string _sql;
    private readonly List<SqlToken> _tokens;
    private int _position;
    private int _parameterCount;

    private SqlParser(string sql)
    {
        _sql = sql;
        _tokens = SqlLexer.Tokenize(sql);
    }

    private SqlToken Current => _tokens[_position];

    /// <summary>Parses one SELECT statement, optionally followed by a semicolon.</summary>
    /// <exception cref="SqlParseException">The text is not a statement of the dialect.</exception>
    public static SqlSelectStatement ParseStatement(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parser = new SqlParser(sql);
        var statement = parser.Select();
        parser.Accept(SqlTokenKind.Semicolon);
        parser.ExpectEnd();
        return statement;
    }

    /// <summary>Parses a single expression that makes up the whole text.</summary>
    /// <exception cref="SqlParseException">The text is not an expression of the dialect.</exception>
    public static SqlExpression ParseExpression(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parser = new SqlParser(sql);
        var expression = parser.Expression();
        parser.ExpectEnd();
        return expression;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != SqlTokenKind.EndOfInput)
        {
            throw Error("end of statement");
        }
    }

    private SqlSelectStatement Select()
    {
        if (Current.IsKeyword("WITH") || Current.Kind == SqlTokenKind.LeftParen)
        {
            throw Error("SELECT (WITH and parenthesised queries are not supported)");
        }

        var start = ExpectKeyword("SELECT").Offset;
        var distinct = AcceptKeyword("DISTINCT");
        if (!distinct)
        {
            AcceptKeyword("ALL");
        }

        var items = new List<SqlSelectItem>();
        do
        {
            items.Add(SelectItem());
        }
        while (Accept(SqlTokenKind.Comma));

        SqlTableReference? from = null;
        var joins = new List<SqlJoin>();
        if (AcceptKeyword("FROM"))
        {
            from = TableReference();
            while (TryJoin(out var join))
            {
                joins.Add(join);
            }
        }

        var where = AcceptKeyword("WHERE") ? Expression() : null;
        var groupBy = new List<SqlExpression>();
        var grandTotal = false;
        if (AcceptKeyword("GROUP"))
        {
            ExpectKeyword("BY");
            do
            {
                // GROUP BY () is the empty grouping set: one group of all rows, as Calcite (and so Druid) reads it.
                if (Current.Kind == SqlTokenKind.LeftParen && _tokens[_position + 1].Kind == SqlTokenKind.RightParen)
                {
                    _position += 2;
                    grandTotal = true;
                    continue;
                }

                groupBy.Add(Expression());
            }
            while (Accept(SqlTokenKind.Comma));
        }

        var having = AcceptKeyword("HAVING") ? Expression() : null;
        var orderBy = new List<SqlOrderItem>();
        if (AcceptKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var itemStart = Current.Offset;
                var expression = Expression();
                var descending = false;
                if (AcceptKeyword("DESC"))
                {
                    descending = true;
                }
                else
                {
                    AcceptKeyword("ASC");
                }

                orderBy.Add(new SqlOrderItem(itemStart, expression, descending));
            }
            while (Accept(SqlTokenKind.Comma));
        }

        SqlExpression? limit = null;
        SqlExpression? offset = null;
        if (AcceptKeyword("LIMIT"))
        {
            limit = RowCount("LIMIT");
        }

        if (AcceptKeyword("OFFSET"))
        {
            offset = RowCount("OFFSET");
            if (AcceptKeyword("ROWS") || AcceptKeyword("ROW"))
            {
                // Standard SQL's optional noise word after OFFSET n.
            }
        }

        if (Current.IsKeyword("UNION") || Current.IsKeyword("EXCEPT") || Current.IsKeyword("INTERSECT"))
        {
            throw Error("end of statement (set operations are not supported)");
        }

        return new SqlSelectStatement(
            start, distinct, items, from, joins, where, groupBy, having, orderBy, limit, offset, _parameterCount)
        {
            GroupsAllRows = grandTotal && groupBy.Count == 0,
        };
    }

    private SqlExpression RowCount(string clause)
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Integer)
        {
            _position++;
            return new SqlIntegerLiteral(token.Offset, ParseUnsigned(token));
        }

        if (token.Kind == SqlTokenKind.Parameter)
        {
            _position++;
            return new SqlParameter(token.Offset, _parameterCount++);
        }

        throw Error($"a row count after {clause}");
    }

    private SqlSelectItem SelectItem()
    {
        var start = Current.Offset;
        SqlExpression expression;
        if (Current.Kind == SqlTokenKind.Star)
        {
            _position++;
            expression = new SqlStar(start, null);
        }
        else if (Current.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier &&
                 _tokens[_position + 1].Kind == SqlTokenKind.Dot && _tokens[_position + 2].Kind == SqlTokenKind.Star)
        {
            expression = new SqlStar(start, Current.Text);
            _position += 3;
        }
        else
        {
            expression = Expression();
        }

        string? alias = null;
        if (AcceptKeyword("AS"))
        {
            alias = Name("an alias after AS");
        }
        else if (IsImplicitAlias())
        {
            alias = Name("an alias");
        }

        return new SqlSelectItem(start, expression, alias);
    }

    private bool IsImplicitAlias() =>
        Current.Kind == SqlTokenKind.QuotedIdentifier ||
        (Current.Kind == SqlTokenKind.Identifier && !s_reserved.Contains(Current.Text));

    private SqlTableReference TableReference()
    {
        var start = Current.Offset;
        if (Current.Kind == SqlTokenKind.LeftParen)
        {
            throw Error("a table name (subqueries are not supported)");
        }

        var parts = new List<string> { Name("a table name") };
        while (Accept(SqlTokenKind.Dot))
        {
            parts.Add(Name("a table name after '.'"));
        }

        string? alias = null;
        if (AcceptKeyword("AS"))
        {
            alias = Name("a table alias after AS");
        }
        else if (IsImplicitAlias())
        {
            alias = Name("a table alias");
        }

        return new SqlTableReference(start, parts, alias);
    }

    private bool TryJoin(out SqlJoin join)
    {
        var start = Current.Offset;
        SqlJoinKind kind;
        if (AcceptKeyword("JOIN"))
        {
            kind = SqlJoinKind.Inner;
        }
        else if (AcceptKeyword("INNER"))
        {
            ExpectKeyword("JOIN");
            kind = SqlJoinKind.Inner;
        }
        else if (AcceptKeyword("LEFT"))
        {
            AcceptKeyword("OUTER");
            ExpectKeyword("JOIN");
            kind = SqlJoinKind.Left;
        }
        else if (Current.IsKeyword("RIGHT") || Current.IsKeyword("FULL") || Current.IsKeyword("CROSS") ||
                 Current.Kind == SqlTokenKind.Comma)
        {
            throw Error("INNER JOIN or LEFT JOIN (other joins are not supported)");
        }
        else
        {
            join = null!;
            return false;
        }

        var table = TableReference();
        ExpectKeyword("ON");
        var condition = Expression();
        join = new SqlJoin(start, kind, table, condition);
        return true;
    }

    private string Name(string what)
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.QuotedIdentifier ||
            (token.Kind == SqlTokenKind.Identifier && !s_reserved.Contains(token.Text)))
        {
            _position++;
            return token.Text;
        }

        throw Error(what);
    }

    private bool Accept(SqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    private SqlToken Expect(SqlTokenKind kind, string what)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error(what);
        }

        _position++;
        return token;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _position++;
        return true;
    }

    private SqlToken ExpectKeyword(string keyword)
    {
        var token = Current;
        if (!token.IsKeyword(keyword))
        {
            throw Error(keyword);
        }

        _position++;
        return token;
    }

    private SqlParseException Error(string expected) =>
        new(_sql, Current.Offset, expected, Current.Describe());

    private SqlParseException ErrorAt(SqlToken token, string problem) =>
        SqlParseException.Malformed(_sql, token.Offset, problem);

    private ulong ParseUnsigned(SqlToken token)
    {
        if (!ulong.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw ErrorAt(token, $"Integer {token.Text} is out of range");
        }

        return value;
    }

    private static BigInteger ParseUnscaled(string text, out int scale)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? text : string.Concat(text.AsSpan(0, dot), text.AsSpan(dot + 1));
        scale = dot < 0 ? 0 : text.Length - dot - 1;
        return digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None,
            CultureInfo.InvariantCulture);
    }

    private static bool TryParseUnit(string text, out SqlTimeUnit unit)
    {
        switch (text.ToUpperInvariant())
        {
            case "MILLISECOND":
                unit = SqlTimeUnit.Millisecond;
                return true;
            case "SECOND":
                unit = SqlTimeUnit.Second;
                return true;
            case "MINUTE":
                unit = SqlTimeUnit.Minute;
                return true;
            case "HOUR":
                unit = SqlTimeUnit.Hour;
                return true;
            case "DAY":
                unit = SqlTimeUnit.Day;
                return true;
            case "WEEK":
                unit = SqlTimeUnit.Week;
                return true;
            case "MONTH":
                unit = SqlTimeUnit.Month;
                return true;
            case "QUARTER":
                unit = SqlTimeUnit.Quarter;
                return true;
            case "YEAR":
                unit = SqlTimeUnit.Year;
                return true;
            case "DOW":
                unit = SqlTimeUnit.DayOfWeek;
                return true;
            case "DOY":
                unit = SqlTimeUnit.DayOfYear;
                return true;
            case "EPOCH":
                unit = SqlTimeUnit.Epoch;
                return true;
            default:
                unit = default;
                return false;
        }
    }

    private SqlTimeUnit Unit(string what)
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Identifier && TryParseUnit(token.Text, out var unit))
        {
            _position++;
            return unit;
        }

        throw Error(what);
    }

    private static long ParseTimestampText(string text, bool isDate, out bool ok)
    {
        ok = isDate
            ? DruidTime.TryParseSqlDate(text, out var millis)
            : DruidTime.TryParseSqlTimestamp(text, out millis);
        return millis;
    }
}
