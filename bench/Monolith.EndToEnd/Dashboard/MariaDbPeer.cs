using MySqlConnector;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>MariaDB's GROUP BY over the source tables, on one connection whose session reads in UTC.</summary>
internal sealed class MariaDbPeer(MySqlConnection connection) : IQueryPeer
{
    public string Name => "MariaDB";

    public List<object?[]> Run(DashboardQuery query) => Read(connection, query.MariaDb);

    public static List<object?[]> Read(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection) { CommandTimeout = 3600 };
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
}
