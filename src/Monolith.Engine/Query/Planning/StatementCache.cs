using System.Collections.Concurrent;
using Monolith.Engine.Sql;
using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Parsed statements by their exact text, so that a dashboard repeating its queries does not parse them again.
/// Only the syntax tree is kept (it is immutable and depends on the text alone); planning and execution read the
/// current data every time. Bounded: when full it starts over.
/// </summary>
internal sealed class StatementCache(int capacity = 512)
{
    private readonly ConcurrentDictionary<string, SqlSelectStatement> _statements = new(StringComparer.Ordinal);

    /// <exception cref="SqlParseException">The text is not a statement; nothing is cached.</exception>
    public SqlSelectStatement Parse(string sql)
    {
        if (_statements.TryGetValue(sql, out var statement))
        {
            return statement;
        }

        statement = SqlParser.ParseStatement(sql);
        if (_statements.Count >= capacity)
        {
            _statements.Clear();
        }

        _statements[sql] = statement;
        return statement;
    }
}
