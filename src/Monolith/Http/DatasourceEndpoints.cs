using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monolith.Engine.Rollups;

namespace Monolith.Http;

/// <summary>
/// Druid's data source listing, which Druid's clients call before they query: <c>GET /druid/v2/datasources</c>
/// (the names), <c>GET /druid/v2/datasources/{name}</c> (<c>{"dimensions": [...], "metrics": [...]}</c>) and its
/// <c>/dimensions</c> and <c>/metrics</c>. Every rollup is a data source. An unknown name gets Druid's error JSON
/// with status 404.
/// </summary>
internal static class DatasourceEndpoints
{
    public static void MapDatasources(this WebApplication app, RollupStore store)
    {
        app.MapGet("/druid/v2/datasources", () =>
            Results.Json(store.Rollups.Select(r => r.Name).Order(StringComparer.Ordinal)));
        app.MapGet("/druid/v2/datasources/{name}", (HttpContext context, string name) =>
            Describe(context, store, name, (dimensions, metrics) => new { dimensions, metrics }));
        app.MapGet("/druid/v2/datasources/{name}/dimensions", (HttpContext context, string name) =>
            Describe(context, store, name, (dimensions, _) => dimensions));
        app.MapGet("/druid/v2/datasources/{name}/metrics", (HttpContext context, string name) =>
            Describe(context, store, name, (_, metrics) => metrics));
    }

    private static async Task Describe(HttpContext context, RollupStore store, string name,
        Func<IEnumerable<string>, IEnumerable<string>, object> shape)
    {
        if (!store.TryGet(name, out var rollup))
        {
            await DruidEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, "notFound", "NOT_FOUND",
                $"Data source '{name}' does not exist; GET /druid/v2/datasources lists the rollups.");
            return;
        }

        var definition = rollup.Definition;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body,
            shape(definition.Dimensions.Select(d => d.Name), definition.Metrics.Select(m => m.Name)),
            cancellationToken: context.RequestAborted);
    }
}
