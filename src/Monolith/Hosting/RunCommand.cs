using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.Cli;
using Monolith.Configuration;
using Monolith.Engine.Pipeline;
using Monolith.Engine.Rollups;
using Monolith.Http;

namespace Monolith.Hosting;

/// <summary>
/// <c>monolith run --config FILE [--Section:Key=value ...]</c>: the service. Reads the configuration (the file,
/// then <c>MONOLITH__Section__Key</c> environment variables, then command-line overrides), binds every rollup
/// to its table, starts the replica connection and the compute stage, and serves the HTTP API.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(CommandLineArguments args, CancellationToken cancel)
    {
        args.RejectUnknown("config");
        var path = args.Get("config") ?? throw new UsageException("run needs --config FILE.");
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"monolith: configuration file not found: {path}");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables("MONOLITH__")
            .AddCommandLine([.. args.ConfigurationOverrides])
            .Build();
        MonolithOptions options;
        IReadOnlyList<RollupDefinition> rollups;
        PipelineOptions pipelineOptions;
        try
        {
            options = Read(configuration);
            options.Source.Validate();
            pipelineOptions = new PipelineOptions { Enrichment = options.State.ToEnrichmentOptions() };
            rollups = [.. options.Rollups.Select(r => r.ToDefinition())];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or RollupDefinitionException
                                      or FormatException)
        {
            await Console.Error.WriteLineAsync($"monolith: configuration {path}: {e.Message}");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.WebHost.UseUrls(options.Http.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.Http.MaxRequestBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new MonolithPipeline(options.Source, rollups,
            sp.GetRequiredService<ILoggerFactory>(), pipelineOptions));
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());

        await using var app = builder.Build();
        MonolithPipeline pipeline;
        try
        {
            pipeline = app.Services.GetRequiredService<MonolithPipeline>();
        }
        catch (RollupDefinitionException e)
        {
            await Console.Error.WriteLineAsync($"monolith: {e.Message}");
            return 2;
        }

        var service = app.Services.GetRequiredService<PipelineService>();
        app.MapDruid(pipeline.Queries, options.Http.MaxRequestBytes);
        app.MapStatus(pipeline, options.Source, service);
        Log.Serving(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monolith"), options.Http.Url,
            rollups.Count, string.Join(", ", rollups.Select(r => r.Name)));
        await app.StartAsync(cancel);
        await app.WaitForShutdownAsync(cancel);
        if (service.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync($"monolith: stopped: {failure.Message}");
            return 1;
        }

        return 0;
    }

    private static MonolithOptions Read(IConfiguration configuration)
    {
        var options = new MonolithOptions();
        configuration.GetSection("Source").Bind(options.Source);
        configuration.GetSection("Http").Bind(options.Http);
        configuration.GetSection("State").Bind(options.State);
        options.Rollups = RollupConfiguration.ReadAll(configuration);
        return options;
    }
}
