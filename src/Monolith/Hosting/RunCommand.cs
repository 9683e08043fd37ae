using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.Cli;
using Monolith.Configuration;
using Monolith.Engine.Rollups;

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
        try
        {
            options = Read(configuration);
            options.Source.Validate();
            options.State.ToEnrichmentOptions().Validate();
            rollups = [.. options.Rollups.Select(r => r.ToDefinition())];
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or RollupDefinitionException
                                      or FormatException)
        {
            await Console.Error.WriteLineAsync($"monolith: configuration {path}: {e.Message}");
            return 2;
        }

        MonolithHost host;
        try
        {
            host = MonolithHost.Build(options, rollups, configuration);
        }
        catch (RollupDefinitionException e)
        {
            await Console.Error.WriteLineAsync($"monolith: {e.Message}");
            return 2;
        }

        await using var _ = host;
        var app = host.App;
        var service = host.Service;
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
