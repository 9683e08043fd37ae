namespace Monolith.EndToEnd.Dashboard;

/// <summary>An engine that answers the dashboard's questions: Monolith's rollups or a peer over raw rows.</summary>
internal interface IQueryPeer
{
    /// <summary>The name in the report's table.</summary>
    string Name { get; }

    /// <summary>Runs the query (in this engine's dialect) and returns every row as .NET values.</summary>
    List<object?[]> Run(DashboardQuery query);
}
