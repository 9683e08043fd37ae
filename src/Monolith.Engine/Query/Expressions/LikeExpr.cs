using System.Text;
using System.Text.RegularExpressions;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary><c>x [NOT] LIKE pattern [ESCAPE e]</c> with a constant pattern: % any run, _ one character.</summary>
internal sealed class LikeExpr : Expr
{
    private readonly Expr _operand;
    private readonly Regex _regex;
    private readonly bool _negated;

    public LikeExpr(Expr operand, string pattern, char? escape, bool negated)
        : base(ColumnType.Boolean)
    {
        _operand = operand;
        _negated = negated;
        _regex = new Regex(ToRegex(pattern, escape), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    public override IReadOnlyList<Expr> Children => [_operand];

    public override QueryValue Evaluate(IValueSource row)
    {
        var value = _operand.Evaluate(row);
        if (value.IsNull)
        {
            return value;
        }

        var text = value.Kind == ValueKind.String ? value.String : value.ToString();
        return QueryValue.FromBoolean(_regex.IsMatch(text) != _negated);
    }

    private static string ToRegex(string pattern, char? escape)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape is { } e && c == e)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new QueryException(QueryErrorCode.InvalidInput,
                        $"LIKE pattern '{pattern}' ends with its escape character");
                }

                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '%')
            {
                regex.Append(".*");
            }
            else if (c == '_')
            {
                regex.Append('.');
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
