namespace Monolith.Engine.Query.Execution;

/// <summary>Gives each distinct value a dense code, so that computed grouping keys fit a 64-bit key part.</summary>
internal sealed class ValueInterner
{
    private readonly Dictionary<QueryValue, int> _codes = [];
    private readonly List<QueryValue> _values = [];
    private int _nullCode = -1;

    public QueryValue this[int code] => _values[code];

    public int Intern(QueryValue value)
    {
        if (value.IsNull)
        {
            if (_nullCode < 0)
            {
                _nullCode = _values.Count;
                _values.Add(value);
            }

            return _nullCode;
        }

        if (!_codes.TryGetValue(value, out var code))
        {
            code = _values.Count;
            _values.Add(value);
            _codes[value] = code;
        }

        return code;
    }
}
