namespace Monolith.Engine.Sql;

/// <summary>
/// A SQL statement that does not follow the grammar: the message names what was expected, what was found and
/// where, as a 1-based line and column and a 0-based character offset into the statement.
/// </summary>
public sealed class SqlParseException : Exception
{
    /// <summary>Creates the error for a place in <paramref name="sql"/>.</summary>
    /// <param name="sql">The statement being parsed, used to turn the offset into a line and column.</param>
    /// <param name="offset">0-based character offset of the offending token.</param>
    /// <param name="expected">What the grammar allows at this point, for example <c>')'</c>.</param>
    /// <param name="found">What the statement holds there, for example <c>'FROM'</c>.</param>
    public SqlParseException(string sql, int offset, string expected, string found)
        : this(sql, offset, expected, found, null)
    {
    }

    private SqlParseException(string sql, int offset, string expected, string found, string? detail)
        : base(Format(sql, offset, expected, found, detail))
    {
        ArgumentNullException.ThrowIfNull(sql);
        (Line, Column) = SqlTextPosition.LineAndColumn(sql, offset);
        Offset = offset;
        Expected = expected;
        Found = found;
        Problem = detail ?? $"Expected {expected} but found {found}";
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 characters) of the offending token.</summary>
    public int Column { get; }

    /// <summary>0-based character offset of the offending token in the statement.</summary>
    public int Offset { get; }

    /// <summary>What the grammar allows at this point.</summary>
    public string Expected { get; }

    /// <summary>What the statement holds at this point.</summary>
    public string Found { get; }

    /// <summary>An error that is not an expected-versus-found mismatch, such as an unterminated string.</summary>
    internal static SqlParseException Malformed(string sql, int offset, string problem) =>
        new(sql, offset, string.Empty, string.Empty, problem);

    private static string Format(string sql, int offset, string expected, string found, string? detail)
    {
        var (line, column) = SqlTextPosition.LineAndColumn(sql, offset);
        return detail is null
            ? $"Expected {expected} but found {found} at line {line}, column {column}"
            : $"{detail} at line {line}, column {column}";
    }
}
