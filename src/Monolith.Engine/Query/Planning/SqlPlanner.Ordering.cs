using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

internal sealed partial class SqlPlanner
{
    /// <summary>ORDER BY keys as output positions; expressions not in the select list become hidden columns.</summary>
    private sealed record Order(List<(int Position, bool Descending)> Keys, List<Expr> Hidden);

    private Order Ordering(SqlSelectStatement statement, List<(SqlExpression Expression, string Name)> items,
        ExpressionCompiler compiler, List<Expr> select)
    {
        var keys = new List<(int, bool)>();
        var hidden = new List<Expr>();
        foreach (var item in statement.OrderBy)
        {
            var position = -1;
            if (item.Expression is SqlIntegerLiteral ordinal)
            {
                if (ordinal.Value < 1 || ordinal.Value > (ulong)items.Count)
                {
                    throw Error(item,
                        $"ORDER BY ordinal {ordinal.Value} is outside the select list of {items.Count} columns");
                }

                position = (int)ordinal.Value - 1;
            }
            else if (item.Expression is SqlIdentifier { Parts.Count: 1 } alias)
            {
                position = items.FindIndex(i => i.Name == alias.Name);
            }

            if (position < 0)
            {
                var text = item.Expression.ToString();
                position = items.FindIndex(i => i.Expression.ToString() == text);
            }

            if (position < 0)
            {
                hidden.Add(compiler.Compile(item.Expression));
                position = select.Count + hidden.Count - 1;
            }

            keys.Add((position, item.Descending));
        }

        return new Order(keys, hidden);
    }

    private long RowCount(SqlExpression? node, string clause)
    {
        if (node is null)
        {
            return -1;
        }

        return node is SqlIntegerLiteral { Value: <= long.MaxValue } literal
            ? (long)literal.Value
            : throw Error(node, $"{clause} must be a non-negative whole number");
    }

    /// <summary>The rows ORDER BY, OFFSET and LIMIT keep, in order.</summary>
    private IEnumerable<QueryValue[]> Window(SqlSelectStatement statement, List<QueryValue[]> rows,
        List<(int Position, bool Descending)> order)
    {
        IComparer<QueryValue[]>? comparer = null;
        if (order.Count > 0)
        {
            comparer = Comparer<QueryValue[]>.Create((a, b) =>
            {
                foreach (var (position, descending) in order)
                {
                    var c = QueryValues.Compare(a[position], b[position]);
                    if (c != 0)
                    {
                        return descending ? -c : c;
                    }
                }

                return 0;
            });
        }

        var offset = Math.Max(0, RowCount(statement.OffsetRows, "OFFSET"));
        var limit = RowCount(statement.Limit, "LIMIT");

        // Ordered lazily, so that a LIMIT sorts only as far as the rows it keeps.
        IEnumerable<QueryValue[]> window = order.Count > 0 ? rows.Order(comparer!) : rows;
        window = window.Skip((int)Math.Min(offset, int.MaxValue));
        if (limit >= 0)
        {
            window = window.Take((int)Math.Min(limit, int.MaxValue));
        }

        return window;
    }

    /// <summary>The result: the rows <see cref="Window"/> keeps (unless <paramref name="windowed"/> says they
    /// are those already), cut to the select list.</summary>
    private QueryResult Finish(SqlSelectStatement statement, List<(SqlExpression Expression, string Name)> items,
        List<Expr> select, List<QueryValue[]> rows, List<(int Position, bool Descending)> order,
        bool windowed = false)
    {
        var kept = windowed ? rows : Window(statement, rows, order);
        var result = kept.Select(r => r.Length == select.Count ? r : r[..select.Count]).ToList();
        if (result.Count > options.MaxResultRows)
        {
            throw new QueryException(QueryErrorCode.CapacityExceeded,
                $"the result has {result.Count} rows, more than the limit of {options.MaxResultRows}; add LIMIT");
        }

        var columns = items.Select((item, i) => new ResultColumn(item.Name,
            select[i].Type.Kind == ValueKind.Unknown ? ColumnType.String : select[i].Type)).ToList();
        return new QueryResult(columns, result);
    }
}
