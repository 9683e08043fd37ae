namespace Monolith.Binlog.Protocol;

/// <summary>One row of a <see cref="QueryResult"/>: each value as text, or null for SQL NULL.</summary>
public sealed class QueryRow
{
    private readonly QueryResult _result;
    private readonly string?[] _values;

    internal QueryRow(QueryResult result, string?[] values)
    {
        _result = result;
        _values = values;
    }

    /// <summary>Number of values.</summary>
    public int Count => _values.Length;

    /// <summary>The value at a column position.</summary>
    public string? this[int ordinal] => _values[ordinal];

    /// <summary>The value of the column named <paramref name="column"/> (ignoring case).</summary>
    /// <exception cref="KeyNotFoundException">No such column in the result.</exception>
    public string? this[string column]
    {
        get
        {
            var index = _result.IndexOf(column);
            if (index < 0)
            {
                throw new KeyNotFoundException(
                    $"The result has no column '{column}'; it has " +
                    $"{string.Join(", ", _result.Columns.Select(c => c.Name))}.");
            }

            return _values[index];
        }
    }
}
