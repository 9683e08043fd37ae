using System.Diagnostics;

namespace Monolith.Engine.Rings;

/// <summary>
/// Spins briefly, then sleeps on a monitor. The advancing side takes the lock only when a waiter has
/// registered, so a ring whose consumer keeps up pays one fence per publish and no lock.
/// </summary>
/// <remarks>
/// Lost wake-ups are excluded by a Dekker handshake: the waiter registers (a full fence) before it re-checks
/// its condition, and <see cref="Signal"/> fences after the sequence store before it reads the waiter count.
/// Either the waiter sees the new sequence, or the signaller sees the waiter and bumps the signal number
/// under the lock, which the waiter compares before it sleeps. The bounded sleep is only a safety net.
/// </remarks>
internal sealed class BlockingWaitStrategy : WaitStrategy
{
    private const int SpinTries = 64;
    private const int YieldMicroseconds = 50;
    private const int SleepMilliseconds = 100;

    private static readonly long s_yieldTicks = Stopwatch.Frequency * YieldMicroseconds / 1_000_000;

    private static readonly Action<object?> s_wake = static state => ((BlockingWaitStrategy)state!).Wake();

    private readonly object _gate = new();
    private int _waiters;
    private long _signal;

    internal override bool NeedsSignal => true;

    internal override void Idle(ref WaitContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (context.Spins < SpinTries)
        {
            context.Spins++;
            Thread.SpinWait(8);
            return;
        }

        if (!context.Registered)
        {
            // Before going to sleep, give the core away for a short while: a stream that is merely between two
            // items then costs the other side no lock and no wake-up.
            var now = Stopwatch.GetTimestamp();
            if (context.Spins == SpinTries)
            {
                context.Spins++;
                context.YieldingSince = now;
            }

            if (now - context.YieldingSince < s_yieldTicks)
            {
                Thread.Yield();
                return;
            }
        }

        if (!context.Registered)
        {
            // Register, then let the caller re-check its condition before the first sleep.
            Interlocked.Increment(ref _waiters);
            context.Registered = true;
            context.SeenSignal = Volatile.Read(ref _signal);
            if (cancellationToken.CanBeCanceled)
            {
                context.Cancellation = cancellationToken.UnsafeRegister(s_wake, this);
            }

            return;
        }

        lock (_gate)
        {
            if (_signal == context.SeenSignal && !cancellationToken.IsCancellationRequested)
            {
                Monitor.Wait(_gate, SleepMilliseconds);
            }

            context.SeenSignal = _signal;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    internal override void EndWait(ref WaitContext context)
    {
        if (context.Registered)
        {
            context.Cancellation.Dispose();
            Interlocked.Decrement(ref _waiters);
            context.Registered = false;
        }
    }

    internal override void Signal()
    {
        // Orders the caller's sequence store before the read of the waiter count (store-load needs a fence).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) != 0)
        {
            Wake();
        }
    }

    private void Wake()
    {
        lock (_gate)
        {
            _signal++;
            Monitor.PulseAll(_gate);
        }
    }
}
