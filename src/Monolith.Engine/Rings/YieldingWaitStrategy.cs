using System.Diagnostics;

namespace Monolith.Engine.Rings;

/// <summary>
/// Spins for a short while, then gives the core away with <see cref="Thread.Yield"/>, and once a wait has lasted
/// longer than <see cref="YieldMilliseconds"/>, sleeps a millisecond at a time, so that a waiting stage neither
/// starves the stage it waits for nor burns a core while the stream is quiet.
/// </summary>
/// <remarks>
/// Yielding alone is not enough on Linux: <c>sched_yield</c> (which <c>Thread.Sleep(0)</c> also maps to) keeps
/// the thread runnable, so an idle reader takes a whole core, and on a machine with more runnable threads than
/// cores the scheduler charges every yield as run time: the waiter never earns the wake-up credit a sleeping
/// thread gets and sees the sequence move only once per scheduling period (milliseconds per hand-off). A real
/// sleep ends both. The clock is read only after the spinning phase, once per idle step.
/// </remarks>
internal sealed class YieldingWaitStrategy : WaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldMilliseconds = 1;

    private static readonly long s_yieldTicks = Stopwatch.Frequency * YieldMilliseconds / 1000;

    internal override bool NeedsSignal => false;

    internal override void Idle(ref WaitContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var spins = context.Spins++;
        if (spins < SpinTries)
        {
            Thread.SpinWait(4);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (spins == SpinTries)
        {
            context.YieldingSince = now;
        }

        if (now - context.YieldingSince < s_yieldTicks)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
