using System.Globalization;
using System.Numerics;

namespace Monolith.Engine.Sql.Ast;

/// <summary>Rendering helpers shared by the nodes' canonical SQL text.</summary>
public static class SqlFormatting
{
    /// <summary>Quotes an identifier with double quotes, doubling embedded quotes.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Quotes a string literal with single quotes, doubling embedded quotes.</summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    /// <summary>Writes an unscaled integer with a scale as exact decimal digits, e.g. (1250, 2) as 12.50.</summary>
    public static string FormatDecimal(BigInteger unscaled, int scale)
    {
        if (scale <= 0)
        {
            return (unscaled * BigInteger.Pow(10, -scale)).ToString(CultureInfo.InvariantCulture);
        }

        var negative = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = string.Concat(digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
        return negative ? "-" + text : text;
    }

    /// <summary>The SQL spelling of a binary operator.</summary>
    public static string Operator(SqlBinaryOperator op) => op switch
    {
        SqlBinaryOperator.Or => "OR",
        SqlBinaryOperator.And => "AND",
        SqlBinaryOperator.Equal => "=",
        SqlBinaryOperator.NotEqual => "<>",
        SqlBinaryOperator.Less => "<",
        SqlBinaryOperator.LessOrEqual => "<=",
        SqlBinaryOperator.Greater => ">",
        SqlBinaryOperator.GreaterOrEqual => ">=",
        SqlBinaryOperator.Add => "+",
        SqlBinaryOperator.Subtract => "-",
        SqlBinaryOperator.Concat => "||",
        SqlBinaryOperator.Multiply => "*",
        SqlBinaryOperator.Divide => "/",
        SqlBinaryOperator.Modulo => "%",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The SQL spelling of a time unit.</summary>
    public static string Unit(SqlTimeUnit unit) => unit switch
    {
        SqlTimeUnit.DayOfWeek => "DOW",
        SqlTimeUnit.DayOfYear => "DOY",
        _ => unit.ToString().ToUpperInvariant(),
    };
}
