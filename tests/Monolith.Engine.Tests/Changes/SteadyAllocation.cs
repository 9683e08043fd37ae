namespace Monolith.Engine.Tests.Changes;

/// <summary>
/// Measures what a warm hot path allocates on the calling thread. The runtime itself may allocate a few
/// kilobytes on a thread once, outside the code under test: when background tier-up runs late on a loaded
/// machine, the JIT's on-stack replacement of a long-running loop compiles on the thread that runs it. A
/// per-row or per-call allocation shows in every round; such a one-off shows in one. So the path is run up to
/// <c>rounds</c> times and the least any round allocated is what the code allocates.
/// </summary>
internal static class SteadyAllocation
{
    /// <summary>Runs <paramref name="action"/> until a round allocates nothing, at most <paramref name="rounds"/>
    /// times, with <paramref name="between"/> (not measured) before each round after the first.</summary>
    /// <returns>The least any round allocated, and every round's bytes for the failure message.</returns>
    public static (long Least, string Rounds) Measure(Action action, Action? between = null, int rounds = 5)
    {
        var measured = new long[rounds];
        var least = long.MaxValue;
        var count = 0;
        while (count < rounds && least != 0)
        {
            if (count > 0)
            {
                between?.Invoke();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            measured[count] = GC.GetAllocatedBytesForCurrentThread() - before;
            least = Math.Min(least, measured[count]);
            count++;
        }

        return (least, string.Join(", ", measured.Take(count)) + " bytes in successive rounds");
    }
}
