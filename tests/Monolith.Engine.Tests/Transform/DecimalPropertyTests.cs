using System.Globalization;
using System.Numerics;
using CsCheck;
using Monolith.Engine.Transform.Expressions;
using static Monolith.Engine.Transform.Expressions.ScalarFunction;

namespace Monolith.Engine.Tests.Transform;

/// <summary>
/// DECIMAL kernels against exact BigInteger arithmetic: a DECIMAL(12,2) column (negative values, zero,
/// NULLs) combined with literals of scales 0 to 4, with MySQL's result scales.
/// </summary>
public sealed class DecimalPropertyTests
{
    private static readonly Gen<long?> s_price = Gen.Frequency(
        (1, Gen.Const((long?)null)),
        (1, Gen.Const((long?)0)),
        (6, Gen.Long[-99_999_999_999, 99_999_999_999].Select(v => (long?)v)),
        (2, Gen.Long[-500, 500].Select(v => (long?)v)));

    private static readonly Gen<(long Unscaled, int Scale)> s_literal =
        Gen.Select(Gen.Long[-9_999_999, 9_999_999], Gen.Int[0, 4]);

    [Fact]
    public void Addition_subtraction_and_multiplication_are_exact() =>
        Gen.Select(s_price.Array[1, 140], s_literal).Sample((prices, literal) =>
        {
            var rows = prices.Select(p => new Row(Price: p)).ToArray();
            var constant = Expr.Decimal(literal.Unscaled, 18, literal.Scale);
            var column = Expr.Column(2, TestBatches.Price);
            var sumScale = Math.Max(2, literal.Scale);

            AssertDecimals(rows, Expr.Call(Add, column, constant), p => Scale(p, 2, sumScale)
                + Scale(literal.Unscaled, literal.Scale, sumScale), sumScale);
            AssertDecimals(rows, Expr.Call(Subtract, constant, column), p => Scale(literal.Unscaled, literal.Scale,
                sumScale) - Scale(p, 2, sumScale), sumScale);
            AssertDecimals(rows, Expr.Call(Multiply, column, constant), p => p * (BigInteger)literal.Unscaled,
                2 + literal.Scale);
        }, iter: 200);

    [Fact]
    public void Division_keeps_four_more_digits_and_rounds_half_away_from_zero() =>
        Gen.Select(s_price.Array[1, 140], s_literal).Sample((prices, literal) =>
        {
            var rows = prices.Select(p => new Row(Price: p)).ToArray();
            var constant = Expr.Decimal(literal.Unscaled, 18, literal.Scale);
            var column = Expr.Column(2, TestBatches.Price);

            // price / literal at scale 2 + 4: unscaled = round(p * 10^(6 - 2 + s) / l).
            AssertDecimals(rows, Expr.Call(Divide, column, constant),
                p => literal.Unscaled == 0
                    ? null
                    : RoundDivide(p * BigInteger.Pow(10, 4 + literal.Scale), literal.Unscaled),
                6);
        }, iter: 200);

    [Fact]
    public void Comparisons_align_scales() =>
        Gen.Select(s_price.Array[1, 140], s_literal).Sample((prices, literal) =>
        {
            var rows = prices.Select(p => new Row(Price: p)).ToArray();
            var constant = Expr.Decimal(literal.Unscaled, 18, literal.Scale);
            var column = Expr.Column(2, TestBatches.Price);
            var scale = Math.Max(2, literal.Scale);
            var expected = prices.Select(p => p is { } v
                ? (object?)(Scale(v, 2, scale) < Scale(literal.Unscaled, literal.Scale, scale))
                : null).ToArray();

            Assert.Equal(expected, ExpressionEvaluatorTests.Eval(rows, Expr.Call(Less, column, constant)));
            var mirrored = ExpressionEvaluatorTests.Eval(rows, Expr.Call(Greater, constant, column), simd: false);
            Assert.Equal(expected, mirrored);
        }, iter: 200);

    private static void AssertDecimals(Row[] rows, Expr expression, Func<BigInteger, BigInteger?> unscaled, int scale)
    {
        var expected = rows.Select(r => r.Price is { } p && unscaled(p) is { } v ? Format(v, scale) : null).ToArray();
        Assert.Equal(expected, ExpressionEvaluatorTests.Eval(rows, expression));
    }

    private static BigInteger Scale(BigInteger value, int from, int to) => value * BigInteger.Pow(10, to - from);

    private static BigInteger RoundDivide(BigInteger dividend, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(dividend, divisor, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= BigInteger.Abs(divisor))
        {
            quotient += dividend.Sign == divisor.Sign ? 1 : -1;
        }

        return quotient;
    }

    private static string Format(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : $"{digits[..^scale]}.{digits[^scale..]}";
        return unscaled.Sign < 0 ? "-" + text : text;
    }
}
