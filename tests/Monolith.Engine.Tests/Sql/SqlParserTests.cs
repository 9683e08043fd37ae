using System.Numerics;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Tests.Sql;

public sealed class SqlParserTests
{
    [Theory]
    [InlineData("a OR b AND c", "(\"a\" OR (\"b\" AND \"c\"))")]
    [InlineData("NOT a = 1 AND b", "((NOT (\"a\" = 1)) AND \"b\")")]
    [InlineData("1 + 2 * 3 - 4 / 5 % 6", "((1 + (2 * 3)) - ((4 / 5) % 6))")]
    [InlineData("-a * -2", "((- \"a\") * (- 2))")]
    [InlineData("+a", "(+ \"a\")")]
    [InlineData("a || 'x' || b", "((\"a\" || 'x') || \"b\")")]
    [InlineData("a <> 1", "(\"a\" <> 1)")]
    [InlineData("a != 1", "(\"a\" <> 1)")]
    [InlineData("a <= 1 OR a >= 2 OR a < 3 OR a > 4",
        "((((\"a\" <= 1) OR (\"a\" >= 2)) OR (\"a\" < 3)) OR (\"a\" > 4))")]
    [InlineData("a IS NULL", "(\"a\" IS NULL)")]
    [InlineData("a IS NOT NULL", "(\"a\" IS NOT NULL)")]
    [InlineData("a IN (1, 2, 3)", "(\"a\" IN (1, 2, 3))")]
    [InlineData("a NOT IN ('x')", "(\"a\" NOT IN ('x'))")]
    [InlineData("a BETWEEN 1 AND 2 AND b", "((\"a\" BETWEEN 1 AND 2) AND \"b\")")]
    [InlineData("a NOT BETWEEN 1 + 1 AND 5", "(\"a\" NOT BETWEEN (1 + 1) AND 5)")]
    [InlineData("a LIKE 'x%'", "(\"a\" LIKE 'x%')")]
    [InlineData("a NOT LIKE 'x!%%' ESCAPE '!'", "(\"a\" NOT LIKE 'x!%%' ESCAPE '!')")]
    [InlineData("'it''s'", "'it''s'")]
    [InlineData("TRUE AND FALSE OR NULL", "((TRUE AND FALSE) OR NULL)")]
    [InlineData("12.50", "12.50")]
    [InlineData(".5", "0.5")]
    [InlineData("1.5e3", "1500E0")]
    [InlineData("2E-3", "0.002E0")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("TIMESTAMP '2025-11-28 01:00:00'", "TIMESTAMP '2025-11-28 01:00:00'")]
    [InlineData("TIMESTAMP '2025-11-28 01:00:00.250'", "TIMESTAMP '2025-11-28 01:00:00.250'")]
    [InlineData("DATE '2025-11-28'", "DATE '2025-11-28'")]
    [InlineData("INTERVAL '1' DAY", "INTERVAL '1' DAY")]
    [InlineData("INTERVAL '-2' HOUR", "INTERVAL '-2' HOUR")]
    [InlineData("CURRENT_TIMESTAMP - INTERVAL '1' HOUR", "(CURRENT_TIMESTAMP() - INTERVAL '1' HOUR)")]
    [InlineData("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END",
        "CASE \"a\" WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END")]
    [InlineData("CASE WHEN a > 1 THEN 'big' END", "CASE WHEN (\"a\" > 1) THEN 'big' END")]
    [InlineData("CAST(a AS BIGINT)", "CAST(\"a\" AS BIGINT)")]
    [InlineData("CAST(a AS decimal(12, 2))", "CAST(\"a\" AS DECIMAL(12, 2))")]
    [InlineData("CAST(a AS DOUBLE PRECISION)", "CAST(\"a\" AS DOUBLE)")]
    [InlineData("EXTRACT(HOUR FROM __time)", "EXTRACT(HOUR FROM \"__time\")")]
    [InlineData("EXTRACT(DOW FROM __time)", "EXTRACT(DOW FROM \"__time\")")]
    [InlineData("FLOOR(__time TO HOUR)", "FLOOR(\"__time\" TO HOUR)")]
    [InlineData("CEIL(__time TO DAY)", "CEIL(\"__time\" TO DAY)")]
    [InlineData("FLOOR(x)", "FLOOR(\"x\")")]
    [InlineData("time_floor(created_at, 'PT1M')", "TIME_FLOOR(\"created_at\", 'PT1M')")]
    [InlineData("COUNT(*)", "COUNT(*)")]
    [InlineData("COUNT(DISTINCT user_id)", "COUNT(DISTINCT \"user_id\")")]
    [InlineData("SUM(x) FILTER (WHERE s = 'paid')", "SUM(\"x\") FILTER (WHERE (\"s\" = 'paid'))")]
    [InlineData("JSON_VALUE(payload, '$.a')", "JSON_VALUE(\"payload\", '$.a')")]
    [InlineData("druid.fn(1)", "DRUID.FN(1)")]
    [InlineData("LEFT(name, 2)", "LEFT(\"name\", 2)")]
    [InlineData("o.status", "\"o\".\"status\"")]
    [InlineData("\"Quoted \"\"Name\"\"\"", "\"Quoted \"\"Name\"\"\"")]
    [InlineData("`back tick`", "\"back tick\"")]
    [InlineData("a = ? AND b IN (?, ?)", "((\"a\" = ?) AND (\"b\" IN (?, ?)))")]
    [InlineData("a -- comment\n + /* block */ 1", "(\"a\" + 1)")]
    [InlineData("(a + b) * c", "((\"a\" + \"b\") * \"c\")")]
    public void ParseExpression_RendersCanonicalSql(string sql, string expected)
    {
        Assert.Equal(expected, SqlParser.ParseExpression(sql).ToString());
    }

    [Theory]
    [InlineData(
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2",
        "SELECT TIME_FLOOR(\"created_at\", 'PT1M') AS \"__time\", \"status\", COUNT(*) AS \"orders\", " +
        "SUM(\"total\") AS \"revenue\" FROM \"shop\".\"orders\" GROUP BY 1, 2")]
    [InlineData("select distinct status from druid.orders_per_minute",
        "SELECT DISTINCT \"status\" FROM \"druid\".\"orders_per_minute\"")]
    [InlineData("SELECT * FROM INFORMATION_SCHEMA.TABLES", "SELECT * FROM \"INFORMATION_SCHEMA\".\"TABLES\"")]
    [InlineData("SELECT o.* FROM t o", "SELECT \"o\".* FROM \"t\" AS \"o\"")]
    [InlineData("SELECT a x, b AS \"y\" FROM `t`", "SELECT \"a\" AS \"x\", \"b\" AS \"y\" FROM \"t\"")]
    [InlineData(
        "SELECT o.id FROM shop.orders AS o JOIN shop.users u ON o.user_id = u.id " +
        "LEFT OUTER JOIN shop.products p ON o.product_id = p.id",
        "SELECT \"o\".\"id\" FROM \"shop\".\"orders\" AS \"o\" INNER JOIN \"shop\".\"users\" AS \"u\" " +
        "ON (\"o\".\"user_id\" = \"u\".\"id\") LEFT JOIN \"shop\".\"products\" AS \"p\" " +
        "ON (\"o\".\"product_id\" = \"p\".\"id\")")]
    [InlineData(
        "SELECT status, SUM(revenue) AS r FROM x WHERE __time >= TIMESTAMP '2025-11-28 00:00:00' " +
        "GROUP BY status HAVING SUM(revenue) > 10 ORDER BY r DESC, 1 LIMIT 10 OFFSET 5;",
        "SELECT \"status\", SUM(\"revenue\") AS \"r\" FROM \"x\" WHERE (\"__time\" >= TIMESTAMP '2025-11-28 " +
            "00:00:00') " +
        "GROUP BY \"status\" HAVING (SUM(\"revenue\") > 10) ORDER BY \"r\" DESC, 1 ASC LIMIT 10 OFFSET 5")]
    [InlineData("SELECT 1", "SELECT 1")]
    [InlineData("SELECT a FROM t LIMIT ? OFFSET ?", "SELECT \"a\" FROM \"t\" LIMIT ? OFFSET ?")]
    public void ParseStatement_RendersCanonicalSql(string sql, string expected)
    {
        Assert.Equal(expected, SqlParser.ParseStatement(sql).ToString());
    }

    [Theory]
    [InlineData("SELECT COUNT(x FROM t", "')'", "'FROM'", 1, 16)]
    [InlineData("SELECT a FROM", "a table name", "end of input", 1, 14)]
    [InlineData("SELECT a,\n  FROM t", "an expression", "'FROM'", 2, 3)]
    [InlineData("SELECT a FROM t WHERE", "an expression", "end of input", 1, 22)]
    [InlineData("SELECT a FROM t GROUP status", "BY", "'status'", 1, 23)]
    [InlineData("SELECT a b c FROM t", "end of statement", "'c'", 1, 12)]
    [InlineData("SELECT CASE END", "WHEN", "'END'", 1, 13)]
    [InlineData("SELECT CAST(a BIGINT)", "AS", "'BIGINT'", 1, 15)]
    [InlineData("SELECT EXTRACT(FORTNIGHT FROM t)", "a time unit", "'FORTNIGHT'", 1, 16)]
    [InlineData("SELECT a FROM t LIMIT x", "a row count after LIMIT", "'x'", 1, 23)]
    [InlineData("SELECT a NOT NULL", "IN, BETWEEN or LIKE after NOT", "'NULL'", 1, 14)]
    [InlineData("SELECT INTERVAL 'x' DAY", "a whole number of units in quotes", "'x'", 1, 17)]
    [InlineData("SELECT TIMESTAMP '2025-13-01 00:00:00'", "a TIMESTAMP literal 'YYYY-MM-DD HH:MM:SS[.fff]'",
        "'2025-13-01 00:00:00'", 1, 18)]
    [InlineData("SELECT a FROM (SELECT 1)", "a table name (subqueries are not supported)", "'('", 1, 15)]
    [InlineData("SELECT a FROM t RIGHT JOIN u ON a = b", "INNER JOIN or LEFT JOIN (other joins are not supported)",
        "'RIGHT'", 1, 17)]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u", "end of statement (set operations are not supported)",
        "'UNION'", 1, 17)]
    [InlineData("SELECT 1e", "digits of an exponent", "end of input", 1, 9)]
    [InlineData("SELECT a # b", "a token", "'#'", 1, 10)]
    [InlineData("SELECT FROM t", "an expression", "'FROM'", 1, 8)]
    [InlineData("DELETE FROM t", "SELECT", "'DELETE'", 1, 1)]
    public void ParseStatement_ReportsExpectedFoundLineAndColumn(
        string sql, string expected, string found, int line, int column)
    {
        var error = Assert.Throws<SqlParseException>(() => SqlParser.ParseStatement(sql));
        Assert.Equal(expected, error.Expected);
        Assert.Equal(found, error.Found);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal($"Expected {expected} but found {found} at line {line}, column {column}", error.Message);
    }

    [Theory]
    [InlineData("SELECT 'abc", "Unterminated string literal at line 1, column 8")]
    [InlineData("SELECT \"abc", "Unterminated quoted identifier at line 1, column 8")]
    [InlineData("SELECT 1 /* open", "Unterminated comment at line 1, column 10")]
    [InlineData("SELECT \"\" FROM t", "Empty quoted identifier at line 1, column 8")]
    [InlineData("SELECT 99999999999999999999 FROM t LIMIT 99999999999999999999",
        "Integer 99999999999999999999 is out of range at line 1, column 42")]
    public void ParseStatement_ReportsLexicalProblemsWithPosition(string sql, string message)
    {
        var error = Assert.Throws<SqlParseException>(() => SqlParser.ParseStatement(sql));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ParseStatement_ReportsTheExampleErrorFromTheDocumentation()
    {
        var sql = "SELECT status, COUNT(*) AS n, SUM(x FROM orders GROUP BY 1";
        var error = Assert.Throws<SqlParseException>(() => SqlParser.ParseStatement(sql));
        Assert.Equal("Expected ')' but found 'FROM' at line 1, column 37", error.Message);
        Assert.Equal(36, error.Offset);
    }

    [Fact]
    public void Nodes_CarryTheOffsetOfTheirFirstToken()
    {
        var statement = SqlParser.ParseStatement("SELECT a,\n  SUM(b) AS s FROM t WHERE c = 1");
        Assert.Equal(0, statement.Offset);
        Assert.Equal(7, statement.Items[0].Offset);
        Assert.Equal(12, statement.Items[1].Offset);
        var sum = Assert.IsType<SqlFunctionCall>(statement.Items[1].Expression);
        Assert.Equal(16, sum.Arguments[0].Offset);
        Assert.Equal(29, statement.From!.Offset);
        var where = Assert.IsType<SqlBinaryExpression>(statement.Where);
        Assert.Equal(37, where.Offset);
        Assert.Equal(37, where.Left.Offset);
    }

    [Fact]
    public void Literals_KeepExactValues()
    {
        var unsigned = Assert.IsType<SqlIntegerLiteral>(SqlParser.ParseExpression("18446744073709551615"));
        Assert.Equal(ulong.MaxValue, unsigned.Value);
        var huge = Assert.IsType<SqlDecimalLiteral>(SqlParser.ParseExpression("123456789012345678901234567890"));
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), huge.Unscaled);
        var money = Assert.IsType<SqlDecimalLiteral>(SqlParser.ParseExpression("0.10"));
        Assert.Equal(new BigInteger(10), money.Unscaled);
        Assert.Equal(2, money.Scale);
        var timestamp = Assert.IsType<SqlTimestampLiteral>(
            SqlParser.ParseExpression("TIMESTAMP '2025-11-28 01:00:00'"));
        Assert.Equal(1764291600000L, timestamp.WallClockMillis);
        var interval = Assert.IsType<SqlIntervalLiteral>(SqlParser.ParseExpression("INTERVAL '3' MONTH"));
        Assert.True(interval.IsYearMonth);
        Assert.Equal(3, interval.Months);
        var parameters = SqlParser.ParseStatement("SELECT ? FROM t WHERE a = ? LIMIT ?");
        Assert.Equal(3, parameters.ParameterCount);
        var where = Assert.IsType<SqlBinaryExpression>(parameters.Where);
        Assert.Equal(1, Assert.IsType<SqlParameter>(where.Right).Index);
    }

    [Fact]
    public void FunctionCall_RecordsDistinctStarAndFilter()
    {
        var count = Assert.IsType<SqlFunctionCall>(SqlParser.ParseExpression("count(*)"));
        Assert.True(count.Star);
        Assert.Empty(count.Arguments);
        var distinct = Assert.IsType<SqlFunctionCall>(SqlParser.ParseExpression("COUNT(DISTINCT a)"));
        Assert.True(distinct.Distinct);
        var filtered = Assert.IsType<SqlFunctionCall>(SqlParser.ParseExpression("SUM(a) FILTER (WHERE b)"));
        Assert.NotNull(filtered.Filter);
    }
}
