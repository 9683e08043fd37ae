namespace Monolith.Engine.Rings;

/// <summary>
/// Per-wait state a <see cref="WaitStrategy"/> keeps on the waiting thread's stack: how long it has spun; for a
/// yielding strategy, when it began to yield; for a blocking strategy, whether it is registered as a waiter and
/// which signal it saw last.
/// </summary>
internal struct WaitContext
{
    internal int Spins;
    internal bool Registered;
    internal long SeenSignal;
    internal long YieldingSince;
    internal CancellationTokenRegistration Cancellation;
}
