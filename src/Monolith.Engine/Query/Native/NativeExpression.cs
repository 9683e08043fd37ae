using System.Globalization;
using System.Text;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Native;

/// <summary>
/// Druid's native expression language, as the <c>expression</c> post-aggregator uses it over a row's aggregated
/// values: numbers, <c>'strings'</c>, <c>null</c>, names (bare or <c>"quoted"</c>), unary <c>-</c> and <c>!</c>,
/// <c>^ * / % + - &lt; &lt;= &gt; &gt;= == != &amp;&amp; ||</c> with Druid's precedence, and the functions
/// <c>if</c>, <c>nvl</c>, <c>cast</c>, <c>case_searched</c>, <c>case_simple</c>, <c>isnull</c>, <c>notnull</c>,
/// <c>abs</c>, <c>ceil</c>, <c>floor</c>, <c>round</c>, <c>sqrt</c>, <c>exp</c>, <c>log</c>, <c>log10</c>,
/// <c>pow</c>, <c>div</c>, <c>greatest</c>, <c>least</c>, <c>concat</c>, <c>strlen</c>, <c>lower</c> and
/// <c>upper</c>. Comparisons and logic give 1 or 0; arithmetic on NULL gives NULL; dividing by zero gives NULL.
/// </summary>
internal sealed class NativeExpression
{
    private readonly string _text;
    private readonly string _path;
    private readonly IReadOnlySet<string> _names;
    private int _position;

    private NativeExpression(string text, string path, IReadOnlySet<string> names)
    {
        _text = text;
        _path = path;
        _names = names;
    }

    /// <summary>Parses an expression over the named values; the message of an error names the offset.</summary>
    /// <exception cref="QueryException">The text is not a well-formed expression over known names.</exception>
    public static Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Parse(string text, string path,
        IReadOnlySet<string> names)
    {
        var parser = new NativeExpression(text, path, names);
        var node = parser.Binary(0);
        parser.SkipSpace();
        if (parser._position < text.Length)
        {
            throw parser.Error($"unexpected '{text[parser._position]}'");
        }

        return node;
    }

    // Precedence from loosest to tightest, as Druid's grammar orders them.
    private static readonly string[][] s_levels =
    [
        ["||"], ["&&"], ["==", "!=", "<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"], ["^"],
    ];

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Binary(int level)
    {
        if (level == s_levels.Length)
        {
            return Unary();
        }

        var left = Binary(level + 1);
        while (true)
        {
            SkipSpace();
            var op = s_levels[level].FirstOrDefault(o => string.CompareOrdinal(_text, _position, o, 0, o.Length) == 0);
            if (op is null)
            {
                return left;
            }

            _position += op.Length;

            // ^ is right-associative; the others group to the left.
            var right = op == "^" ? Binary(level) : Binary(level + 1);
            var l = left;
            left = row => Apply(op, l(row), right(row));
            if (op == "^")
            {
                return left;
            }
        }
    }

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Unary()
    {
        SkipSpace();
        if (Accept('-'))
        {
            var operand = Unary();
            return Map(operand, v => QueryValues.Negate(Number(v)));
        }

        if (Accept('!'))
        {
            var operand = Unary();
            return Map(operand, v => Truth(!IsTrue(v)));
        }

        return Primary();
    }

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Primary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("the expression ends early");
        }

        var c = _text[_position];
        if (Accept('('))
        {
            var inner = Binary(0);
            Expect(')');
            return inner;
        }

        if (c == '\'')
        {
            var text = Quoted('\'');
            var value = QueryValue.FromString(text);
            return _ => value;
        }

        if (c == '"')
        {
            var quotedStart = _position;
            return Name(Quoted('"'), quotedStart);
        }

        if (char.IsAsciiDigit(c) ||
            (c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1])))
        {
            var value = NumberLiteral();
            return _ => value;
        }

        if (char.IsAsciiLetter(c) || c is '_' or '$')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is
                       '_' or '$'))
            {
                _position++;
            }

            var word = _text[start.._position];
            SkipSpace();
            if (Accept('('))
            {
                return Function(word, start);
            }

            return word.Equals("null", StringComparison.OrdinalIgnoreCase) ? _ => QueryValue.Null : Name(word, start);
        }

        throw Error($"unexpected '{c}'");
    }

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Name(string name, int start)
    {
        if (!_names.Contains(name))
        {
            _position = start;
            throw Error($"'{name}' is not an aggregation or earlier post-aggregation");
        }

        return row => row[name];
    }

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Function(string name, int start)
    {
        var arguments = new List<Func<IReadOnlyDictionary<string, QueryValue>, QueryValue>>();
        SkipSpace();
        if (!Accept(')'))
        {
            do
            {
                arguments.Add(Binary(0));
                SkipSpace();
            }
            while (Accept(','));
            Expect(')');
        }

        var a = arguments;
        void Arity(int min, int max)
        {
            if (a.Count < min || a.Count > max)
            {
                _position = start;
                throw Error(min == max
                    ? $"{name} takes {min} argument{(min == 1 ? "" : "s")}"
                    : $"{name} takes {min} to {max} arguments");
            }
        }

        Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Math1(Func<double, double> f)
        {
            Arity(1, 1);
            return Map(a[0], v => QueryValue.FromDouble(f(Number(v).ToDouble())));
        }

        switch (name.ToLowerInvariant())
        {
            case "if":
                Arity(3, 3);
                return row => IsTrue(a[0](row)) ? a[1](row) : a[2](row);
            case "nvl":
                Arity(2, 2);
                return row => a[0](row) is { IsNull: false } v ? v : a[1](row);
            case "isnull":
                Arity(1, 1);
                return row => Truth(a[0](row).IsNull);
            case "notnull":
                Arity(1, 1);
                return row => Truth(!a[0](row).IsNull);
            case "case_searched":
                Arity(2, int.MaxValue);
                return row =>
                {
                    for (var i = 0; i + 1 < a.Count; i += 2)
                    {
                        if (IsTrue(a[i](row)))
                        {
                            return a[i + 1](row);
                        }
                    }

                    return a.Count % 2 == 1 ? a[^1](row) : QueryValue.Null;
                };
            case "case_simple":
                Arity(3, int.MaxValue);
                return row =>
                {
                    var subject = a[0](row);
                    for (var i = 1; i + 1 < a.Count; i += 2)
                    {
                        var candidate = a[i](row);
                        if (!subject.IsNull && !candidate.IsNull && Compare(subject, candidate) == 0)
                        {
                            return a[i + 1](row);
                        }
                    }

                    return a.Count % 2 == 0 ? a[^1](row) : QueryValue.Null;
                };
            case "cast":
                Arity(2, 2);
                return Cast(a[0], a[1]);
            case "abs":
                Arity(1, 1);
                return Map(a[0], v => Number(v).ToDouble() < 0 ? QueryValues.Negate(Number(v)) : Number(v));
            case "ceil":
                return Math1(Math.Ceiling);
            case "floor":
                return Math1(Math.Floor);
            case "sqrt":
                return Math1(Math.Sqrt);
            case "exp":
                return Math1(Math.Exp);
            case "log":
                return Math1(Math.Log);
            case "log10":
                return Math1(Math.Log10);
            case "round":
                Arity(1, 2);
                return row =>
                {
                    var v = a[0](row);
                    if (v.IsNull)
                    {
                        return v;
                    }

                    var digits = a.Count > 1 ? (int)Number(a[1](row)).ToDouble() : 0;
                    return v.Kind is ValueKind.Long or ValueKind.UnsignedLong && digits >= 0
                        ? v
                        : QueryValue.FromDouble(Math.Round(Number(v).ToDouble(), Math.Clamp(digits, 0, 15),
                            MidpointRounding.AwayFromZero));
                };
            case "pow":
                Arity(2, 2);
                return row => Apply("^", a[0](row), a[1](row));
            case "div":
                Arity(2, 2);
                return row =>
                {
                    var (x, y) = (a[0](row), a[1](row));
                    if (x.IsNull || y.IsNull || Number(y).ToDouble() == 0)
                    {
                        return QueryValue.Null;
                    }

                    return QueryValue.FromLong((long)Math.Truncate(Number(x).ToDouble() / Number(y).ToDouble()));
                };
            case "greatest" or "least":
                Arity(1, int.MaxValue);
                var greatest = name.Equals("greatest", StringComparison.OrdinalIgnoreCase);
                return row =>
                {
                    var best = QueryValue.Null;
                    foreach (var argument in a)
                    {
                        var v = argument(row);
                        if (!v.IsNull && (best.IsNull || (greatest ? Compare(v, best) > 0 : Compare(v, best) < 0)))
                        {
                            best = v;
                        }
                    }

                    return best;
                };
            case "concat":
                return row =>
                {
                    var text = new StringBuilder();
                    foreach (var argument in a)
                    {
                        var v = argument(row);
                        if (v.IsNull)
                        {
                            return v;
                        }

                        text.Append(v.ToString());
                    }

                    return QueryValue.FromString(text.ToString());
                };
            case "strlen":
                Arity(1, 1);
                return Map(a[0], v => QueryValue.FromLong(v.ToString().Length));
            case "lower":
                Arity(1, 1);
                return Map(a[0], v => QueryValue.FromString(v.ToString().ToLowerInvariant()));
            case "upper":
                Arity(1, 1);
                return Map(a[0], v => QueryValue.FromString(v.ToString().ToUpperInvariant()));
            default:
                _position = start;
                throw Error($"function '{name}' is not supported in expressions");
        }
    }

    private Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Cast(
        Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> operand,
        Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> typeArgument)
    {
        var type = typeArgument(new Dictionary<string, QueryValue>());
        if (type.Kind != ValueKind.String)
        {
            throw Error("cast needs a constant type such as 'DOUBLE'");
        }

        return type.String.ToUpperInvariant() switch
        {
            "DOUBLE" or "FLOAT" => Map(operand, v => ToNumber(v, false)),
            "LONG" => Map(operand, v => ToNumber(v, true)),
            "STRING" => Map(operand, v => QueryValue.FromString(v.ToString())),
            var other => throw Error($"cast to '{other}' is not supported (LONG, DOUBLE, STRING are)"),
        };
    }

    /// <summary>Applies <paramref name="f"/> to the operand's value; NULL stays NULL.</summary>
    private static Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> Map(
        Func<IReadOnlyDictionary<string, QueryValue>, QueryValue> operand, Func<QueryValue, QueryValue> f) => row =>
    {
        var value = operand(row);
        return value.IsNull ? value : f(value);
    };

    private static QueryValue ToNumber(QueryValue value, bool whole)
    {
        double number;
        if (value.Kind == ValueKind.String)
        {
            if (!double.TryParse(value.String, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return QueryValue.Null;
            }
        }
        else
        {
            number = value.ToDouble();
        }

        return whole ? QueryValue.FromLong((long)Math.Truncate(number)) : QueryValue.FromDouble(number);
    }

    private static QueryValue Apply(string op, QueryValue left, QueryValue right)
    {
        switch (op)
        {
            case "||":
                return left.IsNull && right.IsNull ? QueryValue.Null : Truth(IsTrue(left) || IsTrue(right));
            case "&&":
                return left.IsNull || right.IsNull ? QueryValue.Null : Truth(IsTrue(left) && IsTrue(right));
        }

        if (left.IsNull || right.IsNull)
        {
            return QueryValue.Null;
        }

        if (op is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var c = Compare(left, right);
            return Truth(op switch
            {
                "==" => c == 0,
                "!=" => c != 0,
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                _ => c >= 0,
            });
        }

        if (op == "+" && (left.Kind == ValueKind.String || right.Kind == ValueKind.String))
        {
            return QueryValue.FromString(left.ToString() + right.ToString());
        }

        var (x, y) = (Number(left), Number(right));
        return op switch
        {
            "+" => QueryValues.Add(x, y),
            "-" => QueryValues.Subtract(x, y),
            "*" => QueryValues.Multiply(x, y),
            "/" => QueryValues.Divide(x, y),
            "%" => QueryValues.Modulo(x, y),
            _ => QueryValue.FromDouble(Math.Pow(x.ToDouble(), y.ToDouble())),
        };
    }

    private static int Compare(QueryValue left, QueryValue right) =>
        QueryValues.Comparable(left.Kind, right.Kind)
            ? QueryValues.Compare(left, right)
            : string.CompareOrdinal(left.ToString(), right.ToString());

    private static QueryValue Number(QueryValue value) => value.Kind switch
    {
        ValueKind.Unknown or ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Double or ValueKind.Decimal =>
            value,
        ValueKind.Boolean or ValueKind.Timestamp => QueryValue.FromLong((long)value.ToDouble()),
        _ => ToNumber(value, false),
    };

    /// <summary>Druid's truth: a non-zero number, or the string <c>true</c>.</summary>
    private static bool IsTrue(QueryValue value) => value.Kind switch
    {
        ValueKind.Unknown => false,
        ValueKind.String => value.String.Equals("true", StringComparison.OrdinalIgnoreCase),
        ValueKind.Boolean => value.Boolean,
        _ => value.ToDouble() != 0,
    };

    private static QueryValue Truth(bool value) => QueryValue.FromLong(value ? 1 : 0);

    private QueryValue NumberLiteral()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or
                   'E' || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        var text = _text[start.._position];
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return QueryValue.FromLong(whole);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return QueryValue.FromDouble(number);
        }

        _position = start;
        throw Error($"'{text}' is not a number");
    }

    private string Quoted(char quote)
    {
        var start = _position++;
        var text = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                return text.ToString();
            }

            if (c == '\\' && _position < _text.Length)
            {
                c = _text[_position++];
            }

            text.Append(c);
        }

        _position = start;
        throw Error($"the text quoted with {quote} is not closed");
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool Accept(char c)
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!Accept(c))
        {
            throw Error(_position < _text.Length
                ? $"expected '{c}' but found '{_text[_position]}'"
                : $"expected '{c}'");
        }
    }

    private QueryException Error(string problem) => NativeJson.Error(_path,
        $"{problem} at offset {_position.ToString(CultureInfo.InvariantCulture)} of expression '{_text}'");
}
