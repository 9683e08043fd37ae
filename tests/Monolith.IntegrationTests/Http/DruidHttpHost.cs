using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.Engine.Query;
using Monolith.Http;

namespace Monolith.IntegrationTests.Http;

/// <summary>
/// Monolith's Druid endpoints, as <c>monolith run</c> maps them, served by Kestrel on a free loopback port over a
/// given query engine, with the same request size limit in Kestrel and in the endpoints.
/// </summary>
public sealed class DruidHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DruidHttpHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    /// <summary>A client whose base address is <see cref="Address"/>.</summary>
    public HttpClient Client { get; }

    /// <summary><c>HOST:PORT</c>, as Druid's clients take a broker.</summary>
    public string HostAndPort => $"{Address.Host}:{Address.Port}";

    public static async Task<DruidHttpHost> StartAsync(QueryEngine queries, long maxRequestBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBytes);
        var app = builder.Build();
        app.MapDruid(queries, maxRequestBytes);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        var bound = addresses.Addresses.Single();
        return new DruidHttpHost(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
