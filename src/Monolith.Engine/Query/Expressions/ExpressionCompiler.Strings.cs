using System.Text.RegularExpressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Expressions;

internal sealed partial class ExpressionCompiler
{
    /// <summary>The longest a regular expression may take on one value before the query is refused.</summary>
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// CONTAINS_STRING(text, search) and ICONTAINS_STRING: whether the text holds the search string, with or without
    /// regard to case; NULL text gives NULL.
    /// </summary>
    private FunctionExpr Contains(SqlFunctionCall call, bool ignoreCase)
    {
        Arity(call, 2, 2);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Call(call, ColumnType.Boolean, a => a[0].IsNull || a[1].IsNull
            ? QueryValue.Null
            : QueryValue.FromBoolean(Functions.AsText(a[0]).Contains(Functions.AsText(a[1]), comparison)));
    }

    /// <summary>REGEXP_LIKE(text, pattern): whether the pattern matches anywhere in the text.</summary>
    private FunctionExpr RegexpLike(SqlFunctionCall call)
    {
        Arity(call, 2, 2);
        var regex = Pattern(call, 1);
        return new FunctionExpr(call.Name, [Compile(call.Arguments[0])], ColumnType.Boolean, a => a[0].IsNull
            ? QueryValue.Null
            : QueryValue.FromBoolean(Match(call, regex, Functions.AsText(a[0])).Success));
    }

    /// <summary>
    /// REGEXP_EXTRACT(text, pattern[, group]): the match, or a group of it; NULL when nothing matches.
    /// </summary>
    private FunctionExpr RegexpExtract(SqlFunctionCall call)
    {
        Arity(call, 2, 3);
        var regex = Pattern(call, 1);
        var group = 0;
        if (call.Arguments.Count == 3)
        {
            if (Compile(call.Arguments[2]) is not LiteralExpr { Value.Kind: ValueKind.Long } index ||
                index.Value.Long < 0 || index.Value.Long > regex.GetGroupNumbers().Max())
            {
                throw Error(call.Arguments[2], "REGEXP_EXTRACT needs the constant number of a group of the pattern");
            }

            group = (int)index.Value.Long;
        }

        return new FunctionExpr(call.Name, [Compile(call.Arguments[0])], ColumnType.String, a =>
        {
            if (a[0].IsNull)
            {
                return a[0];
            }

            var match = Match(call, regex, Functions.AsText(a[0]));
            return match.Success ? QueryValue.FromString(match.Groups[group].Value) : QueryValue.Null;
        });
    }

    private Regex Pattern(SqlFunctionCall call, int argument)
    {
        if (call.Arguments[argument] is not SqlStringLiteral pattern)
        {
            throw Error(call.Arguments[argument], $"{call.Name} needs a constant pattern");
        }

        try
        {
            return new Regex(pattern.Value, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Error(pattern, $"'{pattern.Value}' is not a valid regular expression: {e.Message}");
        }
    }

    private Match Match(SqlFunctionCall call, Regex regex, string text)
    {
        try
        {
            return regex.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw Error(call, $"{call.Name} took longer than {s_regexTimeout.TotalMilliseconds} ms on one value");
        }
    }
}
