using System.Globalization;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Sql;

public sealed partial class SqlParser
{
    private SqlExpression Expression() => Or();

    private SqlExpression Or()
    {
        var left = And();
        while (Current.IsKeyword("OR"))
        {
            _position++;
            left = new SqlBinaryExpression(left.Offset, SqlBinaryOperator.Or, left, And());
        }

        return left;
    }

    private SqlExpression And()
    {
        var left = Not();
        while (Current.IsKeyword("AND"))
        {
            _position++;
            left = new SqlBinaryExpression(left.Offset, SqlBinaryOperator.And, left, Not());
        }

        return left;
    }

    private SqlExpression Not()
    {
        if (Current.IsKeyword("NOT"))
        {
            var offset = Current.Offset;
            _position++;
            return new SqlUnaryExpression(offset, SqlUnaryOperator.Not, Not());
        }

        return Predicate();
    }

    private SqlExpression Predicate()
    {
        var left = Additive();
        var token = Current;
        var comparison = token.Kind switch
        {
            SqlTokenKind.Equal => SqlBinaryOperator.Equal,
            SqlTokenKind.NotEqual => SqlBinaryOperator.NotEqual,
            SqlTokenKind.Less => SqlBinaryOperator.Less,
            SqlTokenKind.LessOrEqual => SqlBinaryOperator.LessOrEqual,
            SqlTokenKind.Greater => SqlBinaryOperator.Greater,
            SqlTokenKind.GreaterOrEqual => SqlBinaryOperator.GreaterOrEqual,
            _ => (SqlBinaryOperator?)null,
        };
        if (comparison is { } op)
        {
            _position++;
            return new SqlBinaryExpression(left.Offset, op, left, Additive());
        }

        if (token.IsKeyword("IS"))
        {
            _position++;
            var negated = AcceptKeyword("NOT");
            ExpectKeyword("NULL");
            return new SqlIsNullExpression(left.Offset, left, negated);
        }

        var not = false;
        if (token.IsKeyword("NOT"))
        {
            var next = _tokens[_position + 1];
            if (!next.IsKeyword("IN") && !next.IsKeyword("BETWEEN") && !next.IsKeyword("LIKE"))
            {
                _position++;
                throw Error("IN, BETWEEN or LIKE after NOT");
            }

            _position++;
            not = true;
        }

        if (AcceptKeyword("IN"))
        {
            Expect(SqlTokenKind.LeftParen, "'(' after IN");
            if (Current.IsKeyword("SELECT"))
            {
                throw Error("a list of values (subqueries are not supported)");
            }

            var values = new List<SqlExpression>();
            do
            {
                values.Add(Expression());
            }
            while (Accept(SqlTokenKind.Comma));

            Expect(SqlTokenKind.RightParen, "')'");
            return new SqlInExpression(left.Offset, left, values, not);
        }

        if (AcceptKeyword("BETWEEN"))
        {
            AcceptKeyword("SYMMETRIC");
            var low = Additive();
            ExpectKeyword("AND");
            var high = Additive();
            return new SqlBetweenExpression(left.Offset, left, low, high, not);
        }

        if (AcceptKeyword("LIKE"))
        {
            var pattern = Additive();
            var escape = AcceptKeyword("ESCAPE") ? Additive() : null;
            return new SqlLikeExpression(left.Offset, left, pattern, escape, not);
        }

        return left;
    }

    private SqlExpression Additive()
    {
        var left = Multiplicative();
        while (true)
        {
            var token = Current;
            SqlBinaryOperator op;
            switch (token.Kind)
            {
                case SqlTokenKind.Plus:
                    op = SqlBinaryOperator.Add;
                    break;
                case SqlTokenKind.Minus:
                    op = SqlBinaryOperator.Subtract;
                    break;
                case SqlTokenKind.Concat:
                    op = SqlBinaryOperator.Concat;
                    break;
                default:
                    return left;
            }

            _position++;
            left = new SqlBinaryExpression(left.Offset, op, left, Multiplicative());
        }
    }

    private SqlExpression Multiplicative()
    {
        var left = Unary();
        while (true)
        {
            var token = Current;
            SqlBinaryOperator op;
            switch (token.Kind)
            {
                case SqlTokenKind.Star:
                    op = SqlBinaryOperator.Multiply;
                    break;
                case SqlTokenKind.Slash:
                    op = SqlBinaryOperator.Divide;
                    break;
                case SqlTokenKind.Percent:
                    op = SqlBinaryOperator.Modulo;
                    break;
                default:
                    return left;
            }

            _position++;
            left = new SqlBinaryExpression(left.Offset, op, left, Unary());
        }
    }

    private SqlExpression Unary()
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Minus)
        {
            _position++;
            return new SqlUnaryExpression(token.Offset, SqlUnaryOperator.Negate, Unary());
        }

        if (token.Kind == SqlTokenKind.Plus)
        {
            _position++;
            return new SqlUnaryExpression(token.Offset, SqlUnaryOperator.Plus, Unary());
        }

        return Primary();
    }

    private SqlExpression Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Integer:
                _position++;
                return IntegerLiteral(token);
            case SqlTokenKind.Decimal:
                _position++;
                var unscaled = ParseUnscaled(token.Text, out var scale);
                return new SqlDecimalLiteral(token.Offset, unscaled, scale);
            case SqlTokenKind.Double:
                _position++;
                var value = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(value))
                {
                    throw ErrorAt(token, $"Number {token.Text} is out of range");
                }

                return new SqlDoubleLiteral(token.Offset, value);
            case SqlTokenKind.String:
                _position++;
                return new SqlStringLiteral(token.Offset, token.Text);
            case SqlTokenKind.Parameter:
                _position++;
                return new SqlParameter(token.Offset, _parameterCount++);
            case SqlTokenKind.LeftParen:
                _position++;
                if (Current.IsKeyword("SELECT"))
                {
                    throw Error("an expression (subqueries are not supported)");
                }

                var inner = Expression();
                Expect(SqlTokenKind.RightParen, "')'");
                return inner;
            case SqlTokenKind.QuotedIdentifier:
                return IdentifierOrCall();
            case SqlTokenKind.Identifier:
                return KeywordExpression(token) ?? IdentifierOrCall();
            default:
                throw Error("an expression");
        }
    }

    private static SqlExpression IntegerLiteral(SqlToken token)
    {
        if (ulong.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new SqlIntegerLiteral(token.Offset, value);
        }

        // Beyond 64 bits an integer literal is still exact: keep it as a decimal with scale 0.
        return new SqlDecimalLiteral(token.Offset, ParseUnscaled(token.Text, out _), 0);
    }

    private SqlExpression? KeywordExpression(SqlToken token)
    {
        var next = _tokens[_position + 1];
        switch (token.Text.ToUpperInvariant())
        {
            case "NULL":
                _position++;
                return new SqlNullLiteral(token.Offset);
            case "TRUE":
                _position++;
                return new SqlBooleanLiteral(token.Offset, true);
            case "FALSE":
                _position++;
                return new SqlBooleanLiteral(token.Offset, false);
            case "CASE":
                return Case();
            case "CAST":
                return Cast();
            case "EXTRACT":
                return Extract();
            case "TIMESTAMP" or "DATE" when next.Kind == SqlTokenKind.String:
                return TimestampLiteral(token, next);
            case "INTERVAL":
                return Interval();
            case "FLOOR" or "CEIL" when next.Kind == SqlTokenKind.LeftParen:
                return FloorOrCall();
            case "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "LOCALTIMESTAMP" when next.Kind != SqlTokenKind.LeftParen:
                _position++;
                return new SqlFunctionCall(token.Offset, token.Text.ToUpperInvariant(), [], false, false, null);
            case "LEFT" or "RIGHT" when next.Kind == SqlTokenKind.LeftParen:
                return null;
            default:
                if (s_reserved.Contains(token.Text))
                {
                    throw Error("an expression");
                }

                return null;
        }
    }

    private SqlExpression TimestampLiteral(SqlToken keyword, SqlToken text)
    {
        var isDate = keyword.IsKeyword("DATE");
        var millis = ParseTimestampText(text.Text, isDate, out var ok);
        if (!ok)
        {
            var shape = isDate ? "'YYYY-MM-DD'" : "'YYYY-MM-DD HH:MM:SS[.fff]'";
            throw new SqlParseException(_sql, text.Offset, $"a {keyword.Text.ToUpperInvariant()} literal {shape}",
                text.Describe());
        }

        _position += 2;
        return new SqlTimestampLiteral(keyword.Offset, millis, isDate);
    }

    private SqlExpression Interval()
    {
        var start = Current.Offset;
        _position++;
        long amount;
        var negative = Accept(SqlTokenKind.Minus);
        var amountToken = Current;
        if (amountToken.Kind == SqlTokenKind.String)
        {
            var text = amountToken.Text.Trim();
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
            {
                throw new SqlParseException(_sql, amountToken.Offset, "a whole number of units in quotes",
                    amountToken.Describe());
            }
        }
        else if (amountToken.Kind == SqlTokenKind.Integer)
        {
            if (!long.TryParse(amountToken.Text, NumberStyles.None, CultureInfo.InvariantCulture, out amount))
            {
                throw ErrorAt(amountToken, $"Interval amount {amountToken.Text} is out of range");
            }
        }
        else
        {
            throw Error("an interval amount such as '1'");
        }

        _position++;
        var unit = Unit("an interval unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND)");
        if (unit is SqlTimeUnit.DayOfWeek or SqlTimeUnit.DayOfYear or SqlTimeUnit.Epoch)
        {
            _position--;
            throw Error("an interval unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND)");
        }

        var literal = new SqlIntervalLiteral(start, negative ? -amount : amount, unit);
        try
        {
            _ = literal.IsYearMonth ? literal.Months : literal.Milliseconds;
        }
        catch (OverflowException)
        {
            throw ErrorAt(amountToken, "Interval is out of range");
        }

        return literal;
    }

    private SqlExpression Case()
    {
        var start = Current.Offset;
        _position++;
        if (Current.IsKeyword("END"))
        {
            throw Error("WHEN");
        }

        var operand = Current.IsKeyword("WHEN") ? null : Expression();
        var whens = new List<SqlWhenClause>();
        while (Current.IsKeyword("WHEN"))
        {
            var whenStart = Current.Offset;
            _position++;
            var condition = Expression();
            ExpectKeyword("THEN");
            whens.Add(new SqlWhenClause(whenStart, condition, Expression()));
        }

        if (whens.Count == 0)
        {
            throw Error("WHEN");
        }

        var otherwise = AcceptKeyword("ELSE") ? Expression() : null;
        ExpectKeyword("END");
        return new SqlCaseExpression(start, operand, whens, otherwise);
    }

    private SqlExpression Cast()
    {
        var start = Current.Offset;
        _position++;
        Expect(SqlTokenKind.LeftParen, "'(' after CAST");
        var operand = Expression();
        ExpectKeyword("AS");
        var typeStart = Current.Offset;
        var name = Name("a type name").ToUpperInvariant();
        if ((name is "DOUBLE" && AcceptKeyword("PRECISION")) || (name is "CHARACTER" && AcceptKeyword("VARYING")))
        {
            name = name == "DOUBLE" ? "DOUBLE" : "VARCHAR";
        }

        int? precision = null;
        int? scale = null;
        if (Accept(SqlTokenKind.LeftParen))
        {
            precision = SmallInteger("a precision");
            if (Accept(SqlTokenKind.Comma))
            {
                scale = SmallInteger("a scale");
            }

            Expect(SqlTokenKind.RightParen, "')'");
        }

        Expect(SqlTokenKind.RightParen, "')'");
        return new SqlCastExpression(start, operand, new SqlDataType(typeStart, name, precision, scale));
    }

    private int SmallInteger(string what)
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.Integer ||
            !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1000)
        {
            throw Error(what);
        }

        _position++;
        return value;
    }

    private SqlExpression Extract()
    {
        var start = Current.Offset;
        _position++;
        Expect(SqlTokenKind.LeftParen, "'(' after EXTRACT");
        var unit = Unit("a time unit");
        ExpectKeyword("FROM");
        var operand = Expression();
        Expect(SqlTokenKind.RightParen, "')'");
        return new SqlExtractExpression(start, unit, operand);
    }

    private SqlExpression FloorOrCall()
    {
        var start = Current.Offset;
        var ceiling = Current.IsKeyword("CEIL");
        var name = ceiling ? "CEIL" : "FLOOR";
        _position += 2;
        var operand = Expression();
        if (AcceptKeyword("TO"))
        {
            var unit = Unit("a time unit after TO");
            if (unit is SqlTimeUnit.DayOfWeek or SqlTimeUnit.DayOfYear or SqlTimeUnit.Epoch or SqlTimeUnit.Millisecond)
            {
                _position--;
                throw Error("a time unit after TO");
            }

            Expect(SqlTokenKind.RightParen, "')'");
            return new SqlFloorToExpression(start, operand, unit, ceiling);
        }

        Expect(SqlTokenKind.RightParen, "')' or TO");
        return new SqlFunctionCall(start, name, [operand], false, false, null);
    }

    private SqlExpression IdentifierOrCall()
    {
        var start = Current.Offset;
        var first = Current;
        var parts = new List<string> { first.Text };
        _position++;
        while (Current.Kind == SqlTokenKind.Dot)
        {
            _position++;
            if (Current.Kind == SqlTokenKind.Star)
            {
                throw Error("a column name after '.' (qualified * is allowed only as a select item)");
            }

            parts.Add(Name("a name after '.'"));
        }

        if (Current.Kind != SqlTokenKind.LeftParen)
        {
            return new SqlIdentifier(start, parts);
        }

        if (first.Kind == SqlTokenKind.QuotedIdentifier && parts.Count == 1)
        {
            throw Error("an operator (a quoted name cannot be called as a function)");
        }

        _position++;
        var name = string.Join('.', parts).ToUpperInvariant();
        var arguments = new List<SqlExpression>();
        var distinct = false;
        var star = false;
        if (Current.Kind == SqlTokenKind.Star)
        {
            _position++;
            star = true;
        }
        else if (Current.Kind != SqlTokenKind.RightParen)
        {
            distinct = AcceptKeyword("DISTINCT");
            if (!distinct)
            {
                AcceptKeyword("ALL");
            }

            do
            {
                arguments.Add(Expression());
            }
            while (Accept(SqlTokenKind.Comma));
        }

        Expect(SqlTokenKind.RightParen, "')'");
        SqlExpression? filter = null;
        if (Current.IsKeyword("FILTER"))
        {
            _position++;
            Expect(SqlTokenKind.LeftParen, "'(' after FILTER");
            ExpectKeyword("WHERE");
            filter = Expression();
            Expect(SqlTokenKind.RightParen, "')'");
        }

        return new SqlFunctionCall(start, name, arguments, distinct, star, filter);
    }
}
