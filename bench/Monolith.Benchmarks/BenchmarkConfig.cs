using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Monolith.Benchmarks;

/// <summary>
/// The configuration every Monolith suite shares: the memory diagnoser (hot paths must show zero bytes per
/// operation), operations per second next to the mean, and a short job sized for a two-core machine shared
/// with builds: one process launch, three warm-up and eight measured iterations, each at least 100 ms.
/// Apply with <c>[Config(typeof(BenchmarkConfig))]</c>; a <c>--job</c> given on the command line adds to it.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the shared configuration.</summary>
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short2Core")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)));
        // Building the benchmark's own process takes minutes on two busy cores; BenchmarkDotNet's default of two
        // minutes would end the run before it starts.
        WithBuildTimeout(TimeSpan.FromMinutes(15));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddColumn(RankColumn.Arabic);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
