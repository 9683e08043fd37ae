namespace Monolith.Engine.Rings;

/// <summary>
/// How a thread waits for a sequence to move: a reader for the producer (or the stage before it), the producer
/// for the slowest reader to free slots. Choose one of the three built-in strategies with the factory methods.
/// </summary>
/// <remarks>
/// Internally the waiter loops <c>while (!condition) strategy.Idle(ref context, token)</c> and calls
/// <c>EndWait</c> when the condition holds; the side that advances a sequence calls <c>Signal</c> when
/// <c>NeedsSignal</c> says the strategy can sleep.
/// </remarks>
public abstract class WaitStrategy
{
    private protected WaitStrategy()
    {
    }

    /// <summary>Spins with no pause at all: lowest latency, one core burnt per waiting thread.</summary>
    public static WaitStrategy BusySpin() => new BusySpinWaitStrategy();

    /// <summary>Spins briefly, then yields the core, then sleeps in 1 ms steps once a wait lasts over a
    /// millisecond: low latency under load, polite to other threads, no core burnt when idle.</summary>
    public static WaitStrategy Yielding() => new YieldingWaitStrategy();

    /// <summary>Spins briefly, then sleeps on a monitor that the other side pulses only when someone sleeps.</summary>
    public static WaitStrategy Blocking() => new BlockingWaitStrategy();

    /// <summary>Whether the advancing side must call <see cref="Signal"/> after each store.</summary>
    internal abstract bool NeedsSignal { get; }

    /// <summary>One idle step of a wait whose condition was just found false.</summary>
    /// <param name="context">State of this wait; starts as <c>default</c>.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    internal abstract void Idle(ref WaitContext context, CancellationToken cancellationToken);

    /// <summary>Releases what the wait registered; called once the condition holds or the wait throws.</summary>
    internal virtual void EndWait(ref WaitContext context)
    {
    }

    /// <summary>Wakes sleeping waiters after a sequence moved or the ring completed.</summary>
    internal virtual void Signal()
    {
    }
}
