namespace Monolith.Engine.Rings;

/// <summary>
/// Spins for a short while, then gives the core away with <see cref="Thread.Yield"/> and, every few rounds,
/// <c>Thread.Sleep(0)</c>, so that a waiting stage does not starve the stage it waits for on a small machine.
/// </summary>
internal sealed class YieldingWaitStrategy : WaitStrategy
{
    private const int SpinTries = 100;

    internal override bool NeedsSignal => false;

    internal override void Idle(ref WaitContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var spins = context.Spins++;
        if (spins < SpinTries)
        {
            Thread.SpinWait(4);
        }
        else if ((spins & 7) != 0)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(0);
        }
    }
}
