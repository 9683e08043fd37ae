using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Statements;

namespace Monolith.Binlog.Schema;

/// <summary>
/// The <see cref="ISchemaProvider"/> the decoder asks: it answers from the <see cref="SchemaHistory"/> with the
/// version in force at the position asked about, reads a table from <c>information_schema</c> the first time it
/// is met (recording it from the position of the TABLE_MAP that needed it), and follows the DDL statements the
/// decoder passes on, interpreting the common forms (<see cref="ApplyStatement"/>) and reading the server again
/// for the rest.
/// </summary>
/// <remarks>
/// <see cref="GetTable"/> may block on the server for a table met the first time; a table that does not exist
/// on the server, or a server that cannot be reached, is not asked again for each event.
/// </remarks>
public sealed class TrackingSchemaProvider : ISchemaProvider, IAsyncDisposable
{
    private readonly InformationSchemaReader _reader;
    private readonly ILogger _logger;
    private readonly TimeSpan _readTimeout;
    private readonly object _gate = new();
    private readonly HashSet<(string Database, string Table)> _missing = [];
    private readonly Dictionary<(string Database, string Table), BinlogPosition> _appliedAt = [];

    /// <param name="history">The history to answer from and add to; restored from a checkpoint, or new.</param>
    /// <param name="reader">Reads tables the history does not know.</param>
    /// <param name="logger">For schema changes not interpreted.</param>
    /// <param name="readTimeout">The longest a <see cref="GetTable"/> waits for the server; 30 s by default.</param>
    public TrackingSchemaProvider(SchemaHistory history, InformationSchemaReader reader, ILogger? logger = null,
        TimeSpan? readTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(reader);
        History = history;
        _reader = reader;
        _logger = logger ?? NullLogger.Instance;
        _readTimeout = readTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>The history answered from.</summary>
    public SchemaHistory History { get; }

    /// <inheritdoc />
    public TableSchema? GetTable(string database, string table, BinlogPosition? position)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(table);
        var at = position;
        var version = History.Find(database, table, at);
        if (version is { IsStale: false })
        {
            return version.Schema;
        }

        lock (_gate)
        {
            if (_missing.Contains((database, table)))
            {
                return null;
            }
        }

        using var timeout = new CancellationTokenSource(_readTimeout);
        TableReadResult result;
        try
        {
            // The read runs on the thread pool so that a caller with a synchronisation context cannot deadlock it.
            result = Task.Run(() => _reader.ReadAsync(database, table, timeout.Token), timeout.Token)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        if (!result.ServerReachable)
        {
            return null;
        }

        if (result.Schema is null)
        {
            SchemaLog.TableMissing(_logger, database, table);
            lock (_gate)
            {
                _missing.Add((database, table));
            }

            return null;
        }

        // A stale version is replaced where it starts; a new table starts where it was first needed.
        var from = version?.From ?? at ?? SchemaHistory.Beginning;
        History.Record(result.Schema, from, result.DefaultCharacterSet);
        SchemaLog.SchemaRead(_logger, database, table, result.Schema.Columns.Count, from);
        return result.Schema;
    }

    /// <inheritdoc />
    public void OnSchemaChange(in SchemaChange change)
    {
        if (change.Statement is { Length: > 0 } statement)
        {
            ApplyStatement(change.DefaultDatabase ?? change.Database, statement, change.EndPosition);
        }

        if (change.Kind is StatementKind.CreateDatabase or StatementKind.AlterDatabase or StatementKind.DropDatabase)
        {
            Invalidate(change.Database, null, change.EndPosition);
            return;
        }

        foreach (var table in change.Tables)
        {
            Invalidate(table.Database ?? change.Database, table.Table, change.EndPosition);
        }
    }

    /// <summary>
    /// Forgets what is known of a table (or a database, or everything) from <paramref name="position"/> on,
    /// unless a statement at that very position was interpreted already; the next question reads the server.
    /// </summary>
    public void Invalidate(string? database, string? table, BinlogPosition? position = null)
    {
        var at = position ?? SchemaHistory.Beginning;
        lock (_gate)
        {
            _missing.RemoveWhere(key => (database is null || key.Database == database) &&
                (table is null || key.Table == table));

            // The statement of this very event was interpreted already: nothing to read again.
            if (database is not null && table is not null && _appliedAt.TryGetValue((database, table), out var applied)
                && applied == at)
            {
                return;
            }
        }

        History.MarkStale(database, table, at);
    }

    /// <summary>
    /// Follows a statement that passed in the stream (a QUERY event's text, with its default database, and the
    /// position just past the event). Interpreted DDL adds versions; other DDL marks its tables to be read again.
    /// </summary>
    public DdlResult ApplyStatement(string? defaultDatabase, string sql, BinlogPosition position)
    {
        var result = History.ApplyStatement(defaultDatabase, sql, position);
        if (result.Outcome == DdlOutcome.NotSchemaChange)
        {
            return result;
        }

        lock (_gate)
        {
            foreach (var name in result.Tables)
            {
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var key = (name[..dot], name[(dot + 1)..]);
                _missing.Remove(key);
                _appliedAt[key] = position;
            }
        }

        var tables = string.Join(", ", result.Tables);
        if (result.Outcome == DdlOutcome.ReadAgain)
        {
            SchemaLog.ReadingAgain(_logger, position, tables.Length > 0 ? tables : "unknown tables",
                result.Reason ?? "");
        }
        else
        {
            SchemaLog.Applied(_logger, position, tables);
        }

        return result;
    }

    /// <summary>Closes the reader's connection.</summary>
    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
