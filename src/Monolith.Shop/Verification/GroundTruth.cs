using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Monolith.Shop.Verification;

/// <summary>
/// Computes a rollup's answer in MariaDB straight from the source table, so Monolith's rollups can be compared
/// with what the database itself says.
/// </summary>
/// <remarks>
/// Table, column and filter texts are spliced into the statement as they are: pass rollup definitions from the
/// configuration or a test, never text from an untrusted user.
/// </remarks>
public static class GroundTruth
{
    /// <summary>The MariaDB statement for a query; run it in a session with <c>time_zone = '+00:00'</c>.</summary>
    /// <exception cref="FormatException">The granularity is not supported.</exception>
    public static string ToSql(GroundTruthQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT ");
        sql.Append(TimeBucket.EpochMilliseconds(query.TimeColumn, query.Granularity)).Append(" AS bucket_ms");
        foreach (var dimension in query.Dimensions)
        {
            sql.Append(", ").Append(dimension);
        }

        foreach (var aggregate in query.Aggregates)
        {
            sql.Append(", ").Append(aggregate.Function switch
            {
                AggregateFunction.Count => "COUNT(*)",
                AggregateFunction.CountDistinct => $"COUNT(DISTINCT {aggregate.Column})",
                AggregateFunction.Sum => $"SUM({aggregate.Column})",
                AggregateFunction.Min => $"MIN({aggregate.Column})",
                _ => $"MAX({aggregate.Column})",
            });
        }

        sql.Append(" FROM ").Append(query.Table);
        if (!string.IsNullOrWhiteSpace(query.Where))
        {
            sql.Append(" WHERE ").Append(query.Where);
        }

        var groups = string.Join(", ", Enumerable.Range(1, query.Dimensions.Count + 1));
        sql.Append(" GROUP BY ").Append(groups).Append(" ORDER BY ").Append(groups);
        return sql.ToString();
    }

    /// <summary>Runs the query against the server of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">
    /// A MySqlConnector connection string, with the database of unqualified tables.
    /// </param>
    /// <param name="query">What to compute.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="FormatException">The granularity is not supported.</exception>
    /// <exception cref="MySqlException">The server refused the statement (an unknown column, say).</exception>
    public static async Task<GroundTruthResult> QueryAsync(
        string connectionString, GroundTruthQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = ToSql(query);
        var builder = new MySqlConnectionStringBuilder(connectionString);
        await using var connection = await ShopConnection.OpenUtcAsync(
            ShopConnection.ForShop(connectionString, string.IsNullOrEmpty(builder.Database) ? null : builder.Database),
            cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<GroundTruthRow>();
        var dimensions = query.Dimensions.Count;
        while (await reader.ReadAsync(cancellationToken))
        {
            var bucket = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var dims = new string?[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                dims[d] = reader.IsDBNull(1 + d)
                    ? null
                    : Convert.ToString(reader.GetValue(1 + d), CultureInfo.InvariantCulture);
            }

            var values = new object?[query.Aggregates.Count];
            for (var a = 0; a < values.Length; a++)
            {
                var ordinal = 1 + dimensions + a;
                values[a] = reader.IsDBNull(ordinal) ? null : query.Aggregates[a].Function switch
                {
                    AggregateFunction.Count or AggregateFunction.CountDistinct =>
                        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture),
                    AggregateFunction.Sum => reader.GetDecimal(ordinal),
                    _ => reader.GetValue(ordinal),
                };
            }

            rows.Add(new GroundTruthRow(bucket, dims, values));
        }

        return new GroundTruthResult(query, sql, rows);
    }
}
