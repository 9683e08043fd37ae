namespace Monolith.Binlog.Schema;

/// <summary>Reads what <c>information_schema.COLUMNS.COLUMN_TYPE</c> says beyond the data type.</summary>
public static class ColumnTypeText
{
    /// <summary>
    /// The labels of <c>enum('a','b')</c> or <c>set('x','y')</c> in declaration order, with <c>''</c> and
    /// backslash escapes undone; null for other types.
    /// </summary>
    /// <exception cref="FormatException">An ENUM or SET whose label list is malformed, naming the offset.</exception>
    public static IReadOnlyList<string>? ParseLabels(string columnType)
    {
        ArgumentNullException.ThrowIfNull(columnType);
        var open = columnType.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? columnType : columnType[..open]).Trim();
        if (open < 0 || !(name.Equals("enum", StringComparison.OrdinalIgnoreCase) ||
                          name.Equals("set", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var labels = new List<string>();
        var i = open + 1;
        while (true)
        {
            while (i < columnType.Length && char.IsWhiteSpace(columnType[i]))
            {
                i++;
            }

            if (i >= columnType.Length || columnType[i] != '\'')
            {
                throw new FormatException(
                    $"The type '{columnType}' has no quoted label at offset {i}.");
            }

            var label = new System.Text.StringBuilder();
            i++;
            while (true)
            {
                if (i >= columnType.Length)
                {
                    throw new FormatException($"A label of the type '{columnType}' is not closed.");
                }

                var c = columnType[i];
                if (c == '\'' && i + 1 < columnType.Length && columnType[i + 1] == '\'')
                {
                    label.Append('\'');
                    i += 2;
                }
                else if (c == '\'')
                {
                    i++;
                    break;
                }
                else if (c == '\\' && i + 1 < columnType.Length)
                {
                    label.Append(columnType[i + 1]);
                    i += 2;
                }
                else
                {
                    label.Append(c);
                    i++;
                }
            }

            labels.Add(label.ToString());
            while (i < columnType.Length && char.IsWhiteSpace(columnType[i]))
            {
                i++;
            }

            if (i < columnType.Length && columnType[i] == ',')
            {
                i++;
                continue;
            }

            if (i < columnType.Length && columnType[i] == ')')
            {
                return labels;
            }

            throw new FormatException($"The type '{columnType}' continues unexpectedly at offset {i}.");
        }
    }

    /// <summary>Whether the type text declares the column UNSIGNED (<c>bigint(20) unsigned zerofill</c>).</summary>
    public static bool IsUnsigned(string columnType)
    {
        ArgumentNullException.ThrowIfNull(columnType);
        var close = columnType.LastIndexOf(')');
        var tail = close >= 0 ? columnType[(close + 1)..] : columnType;
        return tail.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(word => word.Equals("unsigned", StringComparison.OrdinalIgnoreCase));
    }
}
