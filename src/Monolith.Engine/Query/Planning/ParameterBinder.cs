using System.Globalization;
using System.Numerics;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Planning;

/// <summary>Replaces <c>?</c> placeholders with literals of the values given for them.</summary>
internal static class ParameterBinder
{
    public static SqlSelectStatement Bind(SqlSelectStatement statement, IReadOnlyList<SqlParameterValue> parameters,
        string sql)
    {
        if (statement.ParameterCount != parameters.Count)
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"the statement has {statement.ParameterCount} ? parameters but {parameters.Count} values were given");
        }

        if (parameters.Count == 0)
        {
            return statement;
        }

        return SqlRewriter.Rewrite(statement, node => node is SqlParameter p
            ? Literal(parameters[p.Index], p.Offset, sql)
            : null);
    }

    private static SqlExpression Literal(SqlParameterValue parameter, int offset, string sql)
    {
        var value = parameter.Value;
        if (value is null)
        {
            return new SqlNullLiteral(offset);
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        try
        {
            switch (parameter.Type.ToUpperInvariant())
            {
                case "VARCHAR" or "CHAR" or "STRING":
                    return new SqlStringLiteral(offset, text);
                case "BOOLEAN":
                    return new SqlBooleanLiteral(offset, value is bool b ? b : bool.Parse(text));
                case "BIGINT" or "INTEGER" or "INT" or "SMALLINT" or "TINYINT":
                    var integer = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    return Signed(integer < 0 ? -integer : integer, integer < 0, offset);
                case "DOUBLE" or "FLOAT" or "REAL":
                    var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return number < 0
                        ? new SqlUnaryExpression(offset, SqlUnaryOperator.Negate, new SqlDoubleLiteral(offset, -number))
                        : new SqlDoubleLiteral(offset, number);
                case "DECIMAL" or "NUMERIC":
                    var parsed = SqlParser.ParseExpression(text.TrimStart('-'));
                    var negative = text.TrimStart().StartsWith('-');
                    var literal = parsed switch
                    {
                        SqlIntegerLiteral i => new SqlDecimalLiteral(offset, i.Value, 0),
                        SqlDecimalLiteral d => d with { Offset = offset },
                        _ => throw new FormatException(),
                    };
                    return negative ? new SqlUnaryExpression(offset, SqlUnaryOperator.Negate, literal) : literal;
                case "TIMESTAMP":
                    return new SqlTimestampLiteral(offset, ParseTime(text), false);
                case "DATE":
                    var millis = ParseTime(text);
                    return new SqlTimestampLiteral(offset, millis - CivilTime.FloorMod(millis,
                        CivilTime.MillisPerDay), true);
                default:
                    throw new QueryException(QueryErrorCode.InvalidInput,
                        $"parameter type {parameter.Type} is not supported", sql, offset);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or SqlParseException)
        {
            throw new QueryException(QueryErrorCode.InvalidInput,
                $"parameter value '{text}' is not a {parameter.Type}", sql, offset, e);
        }
    }

    private static SqlExpression Signed(BigInteger magnitude, bool negative, int offset)
    {
        SqlExpression literal = magnitude <= ulong.MaxValue
            ? new SqlIntegerLiteral(offset, (ulong)magnitude)
            : new SqlDecimalLiteral(offset, magnitude, 0);
        return negative ? new SqlUnaryExpression(offset, SqlUnaryOperator.Negate, literal) : literal;
    }

    private static long ParseTime(string text) =>
        DruidTime.TryParseSqlTimestamp(text, out var millis) || DruidTime.TryParseIso(text, out millis)
            ? millis
            : throw new FormatException();
}
