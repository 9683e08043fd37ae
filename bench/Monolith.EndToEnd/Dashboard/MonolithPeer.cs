using Monolith.Engine.Query;

namespace Monolith.EndToEnd.Dashboard;

/// <summary>Monolith's rollups, queried in process through the query engine the HTTP API uses.</summary>
internal sealed class MonolithPeer(QueryEngine engine) : IQueryPeer
{
    public string Name => "Monolith";

    public List<object?[]> Run(DashboardQuery query) => Run(query.Monolith);

    public List<object?[]> Run(string sql) => engine.ExecuteSql(sql).ToArrays().ToList();
}
