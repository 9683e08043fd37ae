using DuckDB.NET.Data;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>DuckDB in process, over its own copy of the raw rows.</summary>
internal sealed class DuckDbPeer(DuckDBConnection connection) : IQueryPeer
{
    public string Name => "DuckDB";

    public List<object?[]> Run(DashboardQuery query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query.DuckDb;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
