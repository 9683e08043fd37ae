using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.Engine.Pipeline;

namespace Monolith.Hosting;

/// <summary>
/// Runs the pipeline for the lifetime of the host. A failure that retrying cannot mend (a wrong password, a
/// purged position, settings the source lacks) stops the process with a non-zero exit code and the reason.
/// </summary>
internal sealed class PipelineService(MonolithPipeline pipeline, IHostApplicationLifetime lifetime,
    ILogger<PipelineService> logger) : BackgroundService
{
    /// <summary>Why the pipeline stopped on its own, if it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Whether the pipeline is running (false once it stopped on its own).</summary>
    public bool IsRunning { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IsRunning = true;
        try
        {
            await pipeline.RunAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Failure = e;
            Log.PipelineFailed(logger, e.Message);
            lifetime.StopApplication();
        }
        finally
        {
            IsRunning = false;
        }
    }
}
