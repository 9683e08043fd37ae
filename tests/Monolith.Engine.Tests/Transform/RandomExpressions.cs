using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using static Monolith.Engine.Transform.Expressions.ScalarFunction;

namespace Monolith.Engine.Tests.Transform;

/// <summary>
/// Random expression trees over the test columns, each paired with a straightforward row-at-a-time
/// evaluation written independently of the kernels: checked BigInteger-free integer arithmetic through
/// <c>checked</c>, three-valued logic by cases, LIKE through a regular expression, byte-wise text order.
/// </summary>
internal sealed class RandomExpressions
{
    private static readonly long[] s_edges =
        [0, 1, -1, 2, 7, -7, 1000, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, int.MaxValue,
            int.MinValue];

    private static readonly string[] s_texts = ["", "a", "ab", "abc", "é", "ÉTÉ", "a😀c", "50%", "a_b", " x ", "zz"];

    private static readonly string[] s_patterns = ["a%", "%b%", "_", "a_c", "%", "", "50\\%", "a\\_b", "%é", "__",
        "%c", "a%c%"];

    private readonly Random _random;

    public RandomExpressions(int seed) => _random = new Random(seed);

    public static ColumnExpr N => Expr.Column(0, Int64Type.Default);

    public static ColumnExpr Name => Expr.Column(3, StringType.Default);

    public static ColumnExpr Flag => Expr.Column(6, BooleanType.Default);

    public Row[] Rows(int count)
    {
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new Row(
                N: _random.Next(6) == 0 ? null : _random.Next(3) == 0 ? Pick(s_edges) : _random.Next(-50, 50),
                Name: _random.Next(6) == 0 ? null : Pick(s_texts),
                Flag: _random.Next(4) == 0 ? null : _random.Next(2) == 0);
        }

        return rows;
    }

    public (Expr Expr, Func<Row, long?> Eval) Integer(int depth)
    {
        var choice = depth <= 0 ? _random.Next(3) : _random.Next(12);
        switch (choice)
        {
            case 0:
                return (N, r => r.N);
            case 1:
                var constant = Pick(s_edges);
                return (Expr.Int64(constant), _ => constant);
            case 2:
                return (Expr.Call(CharLength, Name), r => r.Name is null ? null : r.Name.EnumerateRunes().Count());
            case 3 or 4 or 5:
                var (a, fa) = Integer(depth - 1);
                var (b, fb) = Integer(depth - 1);
                var function = choice switch { 3 => Add, 4 => Subtract, _ => Multiply };
                return (Expr.Call(function, a, b), r => Checked(fa(r), fb(r), function));
            case 6:
                var (x, fx) = Integer(depth - 1);
                var (y, fy) = Integer(depth - 1);
                return (Expr.Call(Modulo, x, y), r => fx(r) is { } p && fy(r) is { } q && q != 0
                    ? q == -1 ? 0 : p % q
                    : null);
            case 7:
                var (d, fd) = Integer(depth - 1);
                var (e, fe) = Integer(depth - 1);
                return (Expr.Call(IntegerDivide, d, e), r => fd(r) is { } p && fe(r) is { } q && q != 0
                    && !(p == long.MinValue && q == -1) ? p / q : null);
            case 8:
                var (m, fm) = Integer(depth - 1);
                return (Expr.Call(Negate, m), r => fm(r) is { } v && v != long.MinValue ? -v : null);
            case 9:
                var (condition, fc) = Boolean(depth - 1);
                var (then, ft) = Integer(depth - 1);
                var (otherwise, fo) = Integer(depth - 1);
                return (new CaseExpr([new CaseBranch(condition, then)], otherwise, Int64Type.Default),
                    r => fc(r) == true ? ft(r) : fo(r));
            case 10:
                var (first, f1) = Integer(depth - 1);
                var (second, f2) = Integer(depth - 1);
                return (Expr.Call(Coalesce, first, second), r => f1(r) ?? f2(r));
            default:
                var (value, fv) = Integer(depth - 1);
                var (other, fw) = Integer(depth - 1);
                return (Expr.Call(NullIf, value, other),
                    r => fv(r) is { } p && fw(r) is { } q && p == q ? null : fv(r));
        }
    }

    public (Expr Expr, Func<Row, bool?> Eval) Boolean(int depth)
    {
        var choice = depth <= 0 ? _random.Next(4) : _random.Next(11);
        switch (choice)
        {
            case 0:
                return (Flag, r => r.Flag);
            case 1:
                var pattern = Pick(s_patterns);
                var regex = LikeRegex(pattern);
                var negated = _random.Next(2) == 0;
                return (new LikeExpr(Name, pattern, Negated: negated),
                    r => r.Name is null ? null : regex.IsMatch(r.Name) != negated);
            case 2:
                var text = Pick(s_texts);
                var op = PickComparison();
                return (Expr.Call(op, Name, Expr.Utf8(text)),
                    r => r.Name is null ? null : Test(op, CompareUtf8(r.Name, text)));
            case 3:
                var constant = Pick(s_edges);
                var comparison = PickComparison();
                return (Expr.Call(comparison, N, Expr.Int64(constant)),
                    r => r.N is { } v ? Test(comparison, v.CompareTo(constant)) : null);
            case 4:
                var (a, fa) = Integer(depth - 1);
                var (b, fb) = Integer(depth - 1);
                var op2 = PickComparison();
                return (Expr.Call(op2, a, b), r => fa(r) is { } x && fb(r) is { } y ? Test(op2, x.CompareTo(y)) : null);
            case 5:
                var (p, fp) = Boolean(depth - 1);
                var (q, fq) = Boolean(depth - 1);
                return (Expr.Call(And, p, q), r => And3(fp(r), fq(r)));
            case 6:
                var (s, fs) = Boolean(depth - 1);
                var (t, ft) = Boolean(depth - 1);
                return (Expr.Call(Or, s, t), r => Or3(fs(r), ft(r)));
            case 7:
                var (u, fu) = Boolean(depth - 1);
                return (Expr.Call(Not, u), r => !fu(r));
            case 8:
                var (v1, fv) = Integer(depth - 1);
                var isNotNull = _random.Next(2) == 0;
                return (new IsNullExpr(v1, isNotNull), r => (fv(r) is null) != isNotNull);
            case 9:
                var (w, fw) = Integer(depth - 1);
                var values = Enumerable.Range(0, _random.Next(1, 14)).Select(_ => Pick(s_edges)).ToArray();
                var withNull = _random.Next(3) == 0;
                var literals = values.Select(v => Expr.Int64(v)).ToList();
                if (withNull)
                {
                    literals.Add(Expr.Null(Int64Type.Default));
                }

                return (new InListExpr(w, literals), r => fw(r) is { } x
                    ? values.Contains(x) ? true : withNull ? null : false
                    : null);
            default:
                var (z, fz) = Integer(depth - 1);
                var low = Pick(s_edges);
                var high = Pick(s_edges);
                return (Expr.Call(Between, z, Expr.Int64(low), Expr.Int64(high)),
                    r => fz(r) is { } x ? x >= low && x <= high : null);
        }
    }

    public (Expr Expr, Func<Row, string?> Eval) Text(int depth)
    {
        var choice = depth <= 0 ? 0 : _random.Next(6);
        switch (choice)
        {
            case 0:
                return (Name, r => r.Name);
            case 1:
                var (a, fa) = Text(depth - 1);
                return (Expr.Call(Upper, a), r => fa(r)?.ToUpperInvariant());
            case 2:
                var (b, fb) = Text(depth - 1);
                return (Expr.Call(Lower, b), r => fb(r)?.ToLowerInvariant());
            case 3:
                var (c, fc) = Text(depth - 1);
                var (d, fd) = Text(depth - 1);
                return (Expr.Call(Concat, c, d), r => fc(r) is { } x && fd(r) is { } y ? x + y : null);
            case 4:
                var (e, fe) = Text(depth - 1);
                var start = _random.Next(-4, 5);
                var length = _random.Next(0, 4);
                return (Expr.Call(ScalarFunction.Substring, e, Expr.Int64(start), Expr.Int64(length)),
                    r => fe(r) is { } x ? ReferenceSubstring(x, start, length) : null);
            default:
                var (f, ff) = Text(depth - 1);
                return (Expr.Call(Trim, f), r => ff(r)?.Trim(' '));
        }
    }

    private static long? Checked(long? a, long? b, ScalarFunction function)
    {
        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        try
        {
            return function switch
            {
                Add => checked(x + y),
                Subtract => checked(x - y),
                _ => checked(x * y),
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static int CompareUtf8(string left, string right) =>
        Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right));

    private static bool? And3(bool? a, bool? b) =>
        a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or3(bool? a, bool? b) =>
        a == true || b == true ? true : a == false && b == false ? false : null;

    private static bool Test(ScalarFunction op, int order) => op switch
    {
        Equal => order == 0,
        NotEqual => order != 0,
        Less => order < 0,
        LessOrEqual => order <= 0,
        Greater => order > 0,
        _ => order >= 0,
    };

    private static string ReferenceSubstring(string text, long start, long length)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (start == 0 || length <= 0)
        {
            return "";
        }

        var from = start > 0 ? start - 1 : runes.Length + start;
        return from < 0 || from >= runes.Length ? "" : string.Concat(runes.Skip((int)from).Take((int)length));
    }

    private static Regex LikeRegex(string pattern)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '%')
            {
                builder.Append("(?:.|\\n)*");
            }
            else if (c == '_')
            {
                builder.Append("(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|.|\\n)");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private ScalarFunction PickComparison() => Pick([Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual]);

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
