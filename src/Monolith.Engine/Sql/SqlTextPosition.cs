namespace Monolith.Engine.Sql;

/// <summary>Turns character offsets in a statement into the 1-based line and column people read.</summary>
public static class SqlTextPosition
{
    /// <summary>The 1-based line and column of <paramref name="offset"/>; offsets past the end clamp to it.</summary>
    public static (int Line, int Column) LineAndColumn(string sql, int offset)
    {
        ArgumentNullException.ThrowIfNull(sql);
        offset = Math.Clamp(offset, 0, sql.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>Formats an offset as <c>line L, column C</c> for messages.</summary>
    public static string Describe(string sql, int offset)
    {
        var (line, column) = LineAndColumn(sql, offset);
        return $"line {line}, column {column}";
    }
}
