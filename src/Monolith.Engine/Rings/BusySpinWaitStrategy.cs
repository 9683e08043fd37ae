namespace Monolith.Engine.Rings;

/// <summary>Spins on the sequence without pausing: for threads that own a core each.</summary>
internal sealed class BusySpinWaitStrategy : WaitStrategy
{
    internal override bool NeedsSignal => false;

    internal override void Idle(ref WaitContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        context.Spins++;
        Thread.SpinWait(1);
    }
}
