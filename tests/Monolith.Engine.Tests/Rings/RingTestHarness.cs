using Monolith.Engine.Rings;

namespace Monolith.Engine.Tests.Rings;

/// <summary>Runs ring producers and consumers on dedicated threads with a deadline, so no test can hang.</summary>
internal static class RingTestHarness
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static WaitStrategy Strategy(string name) => name switch
    {
        "busy-spin" => WaitStrategy.BusySpin(),
        "yielding" => WaitStrategy.Yielding(),
        "blocking" => WaitStrategy.Blocking(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown wait strategy."),
    };

    public static Task Start(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static bool FinishesWithin(Task task, TimeSpan time) => task.Wait(time);

    public static void AwaitAll(params Task[] tasks)
    {
        if (!Task.WaitAll(tasks, Deadline))
        {
            throw new TimeoutException($"Ring threads did not finish within {Deadline}.");
        }
    }
}
