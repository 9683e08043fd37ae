using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.Configuration;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.Http;

namespace Monolith.Hosting;

/// <summary>
/// The service as one web application: the pipeline (replica connection, compute stage, rollups) as a hosted
/// service, and over it the Druid endpoints, the operator endpoints and the web page. <c>monolith run</c> builds
/// it from its configuration; tests build it the same way over their own server.
/// </summary>
internal sealed class MonolithHost : IAsyncDisposable
{
    private MonolithHost(WebApplication app, MonolithPipeline pipeline, PipelineService service)
    {
        App = app;
        Pipeline = pipeline;
        Service = service;
    }

    /// <summary>The web application; start it with <c>StartAsync</c>.</summary>
    public WebApplication App { get; }

    /// <summary>The pipeline the application runs.</summary>
    public MonolithPipeline Pipeline { get; }

    /// <summary>The hosted service that runs the pipeline and records why it stopped.</summary>
    public PipelineService Service { get; }

    /// <summary>
    /// Builds the application. <paramref name="configuration"/> is added to the host's own (so that logging and
    /// Kestrel settings in it apply); <paramref name="logging"/> replaces the default console logging when given.
    /// Throws <see cref="RollupDefinitionException"/> when a rollup cannot be bound to its table's columns.
    /// </summary>
    public static MonolithHost Build(MonolithOptions options, IReadOnlyList<RollupDefinition> rollups,
        IConfiguration? configuration = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            logging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        }

        builder.WebHost.UseUrls(options.Http.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.Http.MaxRequestBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new MonolithPipeline(options.Source, rollups,
            sp.GetRequiredService<ILoggerFactory>(),
            new PipelineOptions { Enrichment = options.State.ToEnrichmentOptions() }));
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());

        var app = builder.Build();
        try
        {
            var pipeline = app.Services.GetRequiredService<MonolithPipeline>();
            var service = app.Services.GetRequiredService<PipelineService>();
            app.MapDruid(pipeline.Queries, options.Http.MaxRequestBytes);
            app.MapStatus(pipeline, options.Source, service);
            app.MapWebPage();
            return new MonolithHost(app, pipeline, service);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    /// <summary>The addresses Kestrel listens on, once started (a port 0 in the URL becomes the real port).</summary>
    public ICollection<string> Urls => App.Urls;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
