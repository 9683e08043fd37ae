using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Schema;

/// <summary>
/// Reads table schemas from <c>information_schema</c> over its own connection, opened when first needed and
/// again after it is lost. When the server cannot be reached it says so once in the log, answers "unreachable"
/// without trying again for a while, and says when it can read again.
/// </summary>
public sealed class InformationSchemaReader : IAsyncDisposable
{
    private readonly ConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryInterval;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ServerConnection? _connection;
    private long _retryAfterTimestamp;
    private bool _reportedUnreachable;

    /// <param name="options">Where to connect; the replication options serve as they are.</param>
    /// <param name="logger">Where to say that the server cannot be reached.</param>
    /// <param name="retryInterval">How long to answer "unreachable" before trying again; 30 s by default.</param>
    /// <param name="timeProvider">The clock, for tests.</param>
    public InformationSchemaReader(ConnectionOptions options, ILogger? logger = null, TimeSpan? retryInterval = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _retryInterval = retryInterval ?? TimeSpan.FromSeconds(30);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads a table's columns, primary key and default character set.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<TableReadResult> ReadAsync(string database, string table,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(table);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_retryAfterTimestamp != 0 && _time.GetTimestamp() < _retryAfterTimestamp)
            {
                return new TableReadResult(null, null, ServerReachable: false);
            }

            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    _connection ??= await OpenAsync(cancellationToken);
                    var result = await QueryTableAsync(_connection, database, table, cancellationToken);
                    if (_reportedUnreachable)
                    {
                        _reportedUnreachable = false;
                        SchemaLog.ServerReachable(_logger, _options.Endpoint);
                    }

                    _retryAfterTimestamp = 0;
                    return result;
                }
                catch (Exception exception) when (exception is BinlogException or IOException &&
                    !cancellationToken.IsCancellationRequested)
                {
                    await DropConnectionAsync();

                    // A connection lost since the last question gets one more try on a new one.
                    if (attempt == 0 && exception is BinlogConnectionException or BinlogTruncatedException)
                    {
                        continue;
                    }

                    _retryAfterTimestamp = _time.GetTimestamp() +
                        (long)(_retryInterval.TotalSeconds * _time.TimestampFrequency);
                    if (!_reportedUnreachable)
                    {
                        _reportedUnreachable = true;
                        SchemaLog.ServerUnreachable(_logger, _options.Endpoint, exception.Message, _retryInterval);
                    }

                    return new TableReadResult(null, null, ServerReachable: false);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            await DropConnectionAsync();
        }
        finally
        {
            _lock.Release();
        }

        _lock.Dispose();
    }

    private async Task<ServerConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await ServerConnection.OpenAsync(_options, _logger, _time, cancellationToken);
        try
        {
            // Names are sent as literals with backslashes escaped, which needs backslash escapes on even where
            // the server's global sql_mode turns them off.
            await connection.ExecuteAsync(
                "SET SESSION sql_mode = REPLACE(@@session.sql_mode, 'NO_BACKSLASH_ESCAPES', '')", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static async Task<TableReadResult> QueryTableAsync(ServerConnection connection, string database,
        string table, CancellationToken cancellationToken)
    {
        var databaseLiteral = Literal(database);
        var tableLiteral = Literal(table);
        var where = $"TABLE_SCHEMA = {databaseLiteral} AND TABLE_NAME = {tableLiteral}";
        var tables = await connection.QueryAsync(
            $"SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE {where}", cancellationToken);
        var tableRow = tables.Rows.FirstOrDefault(row => row[0] == table);
        if (tableRow is null)
        {
            return new TableReadResult(null, null, ServerReachable: true);
        }

        var columns = await connection.QueryAsync(
            "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME " +
            $"FROM information_schema.COLUMNS WHERE {where} ORDER BY ORDINAL_POSITION", cancellationToken);
        var keys = await connection.QueryAsync(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS " +
            $"WHERE {where} AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX", cancellationToken);
        var primaryKey = keys.Rows.Where(row => row[0] == table).Select(row => row[1]!).ToHashSet();
        var jsonColumns = await JsonColumnsAsync(connection, databaseLiteral, tableLiteral, table, cancellationToken);

        var schemaColumns = columns.Rows.Where(row => row[0] == table).Select((row, ordinal) =>
        {
            var name = row[1]!;
            var columnType = row[3]!;
            var dataType = jsonColumns.Contains(name) ? "json" : row[2]!.ToLowerInvariant();
            return new ColumnSchema(name, ordinal, dataType, columnType, row[4] == "YES",
                ColumnTypeText.IsUnsigned(columnType), row[5], ColumnTypeText.ParseLabels(columnType),
                primaryKey.Contains(name));
        }).ToList();

        var collation = tableRow[1];
        return new TableReadResult(new TableSchema(database, table, schemaColumns),
            collation is null ? null : CharacterSets.FromCollation(collation), ServerReachable: true);
    }

    /// <summary>
    /// MariaDB stores JSON as LONGTEXT with a <c>json_valid(column)</c> check; information_schema then says
    /// <c>longtext</c>, and the check is what tells a JSON column.
    /// </summary>
    private static async Task<HashSet<string>> JsonColumnsAsync(ServerConnection connection, string databaseLiteral,
        string tableLiteral, string table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        if (connection.ServerVersion.Flavor != ServerFlavor.MariaDb)
        {
            return columns;
        }

        var checks = await connection.QueryAsync(
            "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS " +
            $"WHERE CONSTRAINT_SCHEMA = {databaseLiteral} AND TABLE_NAME = {tableLiteral}", cancellationToken);
        foreach (var row in checks.Rows.Where(row => row[0] == table))
        {
            var clause = row[1] ?? "";
            const string Prefix = "json_valid(`";
            if (clause.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && clause.EndsWith("`)",
                    StringComparison.Ordinal))
            {
                columns.Add(clause[Prefix.Length..^2].Replace("``", "`", StringComparison.Ordinal));
            }
        }

        return columns;
    }

    /// <summary>A string literal, for a session without NO_BACKSLASH_ESCAPES (see <see cref="OpenAsync"/>).</summary>
    private static string Literal(string value)
    {
        var builder = new StringBuilder("'");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\'' => "''",
                '\\' => "\\\\",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }

        return builder.Append('\'').ToString();
    }
}
