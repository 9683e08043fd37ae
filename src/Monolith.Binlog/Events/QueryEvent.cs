using System.Text;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Events;

/// <summary>
/// QUERY_EVENT (type 2): a statement as text: BEGIN and COMMIT around row changes, DDL, and statement-based DML.
/// The statement's bytes are in the client's character set and need not be valid UTF-8 (a password hash in an
/// <c>ALTER USER</c> is raw bytes), so they are kept as bytes and decoded leniently only when asked.
/// </summary>
public readonly ref struct QueryEvent
{
    /// <summary>The id of the session that ran the statement.</summary>
    public uint ThreadId { get; init; }

    /// <summary>Seconds the statement took.</summary>
    public uint ExecutionTime { get; init; }

    /// <summary>The error the statement raised on the source (non-zero for partly applied statements).</summary>
    public ushort ErrorCode { get; init; }

    /// <summary>The session state written with the statement.</summary>
    public QueryStatusVariables StatusVariables { get; init; }

    /// <summary>The default database's name, UTF-8; empty when none was selected.</summary>
    public ReadOnlySpan<byte> Database { get; init; }

    /// <summary>The statement's bytes, in the character set of
    /// <see cref="QueryStatusVariables.ClientCharset"/>.</summary>
    public ReadOnlySpan<byte> Statement { get; init; }

    /// <summary>The default database's name, or null when none was selected.</summary>
    public string? GetDatabase() => Database.IsEmpty ? null : Encoding.UTF8.GetString(Database);

    /// <summary>
    /// The statement as text, decoded with the client character set; bytes that are invalid in it become U+FFFD.
    /// </summary>
    public string GetStatementText() => Charsets.Decode(StatusVariables.ClientCharset, Statement);

    /// <summary>A copy with another statement text (used for MariaDB's compressed QUERY).</summary>
    public QueryEvent WithStatement(ReadOnlySpan<byte> statement) => this with { Statement = statement };

    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static QueryEvent Read(ReadOnlySpan<byte> body, int postHeaderLength, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "QUERY", position);
        if (postHeaderLength < 11)
        {
            reader.Fail($"post-header length {postHeaderLength} is below the 11 bytes every QUERY has");
        }

        var threadId = reader.ReadUInt32("thread id");
        var executionTime = reader.ReadUInt32("execution time");
        var databaseLength = reader.ReadUInt8("database name length");
        var errorCode = reader.ReadUInt16("error code");
        var statusLength = postHeaderLength >= 13 ? reader.ReadUInt16("status variables length") : 0;
        reader.Skip(postHeaderLength - Math.Min(postHeaderLength, 13), "post-header");
        var status = QueryStatusVariables.Read(reader.ReadBytes(statusLength, "status variables"), position);
        var database = reader.ReadBytes(databaseLength, "database name");
        reader.ReadUInt8("database name terminator");
        return new QueryEvent
        {
            ThreadId = threadId,
            ExecutionTime = executionTime,
            ErrorCode = errorCode,
            StatusVariables = status,
            Database = database,
            Statement = reader.ReadRest(),
        };
    }
}
