using System.Globalization;
using System.Numerics;
using Monolith.Engine.Query.Native;
using Monolith.Engine.Query.Planning;
using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query;

/// <summary>
/// Answers SQL in Druid's dialect and Druid's native JSON queries over the rollups of a store. Each query reads
/// one pinned version of the rollup it names and never blocks the writer. Safe to use from many threads.
/// <para>
/// Semantics over a rollup: a row of the rollup table is a group (time bucket and dimension values) with its
/// metrics. Aggregates return what the same SQL would return over the source rows: <c>COUNT(*)</c> is the
/// number of source rows (the sum of the groups' row counts), <c>SUM</c> of a SUM metric its exact total, and so
/// on. <c>__time</c> is the bucket start, and a filter on it selects whole buckets. Questions a rollup cannot
/// answer exactly (grouping by a granularity finer than the rollup's, averaging per-bucket sums) are refused with
/// a <see cref="QueryException"/>.
/// </para>
/// </summary>
public sealed class QueryEngine
{
    private readonly RollupStore _store;
    private readonly QueryEngineOptions _options;

    /// <summary>Creates an engine over a store.</summary>
    public QueryEngine(RollupStore store, QueryEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new QueryEngineOptions();
    }

    /// <summary>The rollups this engine answers from.</summary>
    public RollupStore Store => _store;

    /// <summary>Runs a SQL statement with positional values for its <c>?</c> placeholders.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">.NET values: strings, integers, doubles, decimals, booleans, DateTime(Offset), or
    /// null.</param>
    /// <exception cref="QueryException">The statement is malformed or cannot be answered exactly.</exception>
    public QueryResult ExecuteSql(string sql, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return SqlPlanner.Execute(_store, _options, sql, (parameters ?? []).Select(ToParameter).ToList());
    }

    /// <summary>Runs a SQL statement with typed parameter values, as Druid's SQL API sends them.</summary>
    /// <exception cref="QueryException">The statement is malformed or cannot be answered exactly.</exception>
    public QueryResult ExecuteSql(string sql, IReadOnlyList<SqlParameterValue> parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        return SqlPlanner.Execute(_store, _options, sql, parameters);
    }

    /// <summary>Runs a Druid SQL request and writes the result in the requested format.</summary>
    /// <exception cref="QueryException">Raised before anything is written.</exception>
    public void ExecuteSql(SqlQueryRequest request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = ExecuteSql(request.Query, request.Parameters);
        ResultWriter.Write(result, output, request.ResultFormat, request.Header, request.TypesHeader,
            request.SqlTypesHeader);
    }

    /// <summary>
    /// Runs a Druid SQL request and writes the result asynchronously (for servers that forbid synchronous I/O).
    /// The result is computed and formatted in memory first, so an error leaves the stream untouched.
    /// </summary>
    /// <exception cref="QueryException">The request is malformed or cannot be answered exactly.</exception>
    public async Task ExecuteSqlAsync(SqlQueryRequest request, Stream output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        ExecuteSql(request, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a native Druid query (timeseries, topN, groupBy, timeBoundary, segmentMetadata) and writes
    /// Druid's JSON response.</summary>
    /// <exception cref="QueryException">The JSON is malformed, names unknown things, or cannot be answered exactly;
    /// the message names the offending field.</exception>
    public void ExecuteNative(ReadOnlySpan<byte> queryJson, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var response = NativeQueryRunner.Run(_store, _options, queryJson);
        output.Write(response.WrittenSpan);
    }

    /// <summary>Asynchronous <see cref="ExecuteNative"/>; the response is built in memory before it is
    /// written.</summary>
    /// <exception cref="QueryException">As for <see cref="ExecuteNative"/>.</exception>
    public async Task ExecuteNativeAsync(ReadOnlyMemory<byte> queryJson, Stream output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var response = NativeQueryRunner.Run(_store, _options, queryJson.Span);
        await output.WriteAsync(response.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static SqlParameterValue ToParameter(object? value) => value switch
    {
        null => new SqlParameterValue("VARCHAR", null),
        string s => new SqlParameterValue("VARCHAR", s),
        bool b => new SqlParameterValue("BOOLEAN", b),
        sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger =>
            new SqlParameterValue("BIGINT", Convert.ToString(value, CultureInfo.InvariantCulture)),
        float or double => new SqlParameterValue("DOUBLE", Convert.ToString(value, CultureInfo.InvariantCulture)),
        decimal d => new SqlParameterValue("DECIMAL", d.ToString(CultureInfo.InvariantCulture)),
        DateTimeOffset t => new SqlParameterValue("TIMESTAMP", Time.DruidTime.FormatIso(t.ToUnixTimeMilliseconds())),
        DateTime t => new SqlParameterValue("TIMESTAMP",
            Time.DruidTime.FormatIso(new DateTimeOffset(DateTime.SpecifyKind(t,
                DateTimeKind.Utc)).ToUnixTimeMilliseconds())),
        SqlParameterValue p => p,
        _ => throw new ArgumentException($"a parameter of type {value.GetType().Name} is not supported", nameof(value)),
    };
}
