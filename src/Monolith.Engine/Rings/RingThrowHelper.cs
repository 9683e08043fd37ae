using System.Diagnostics.CodeAnalysis;

namespace Monolith.Engine.Rings;

/// <summary>Cold throw paths of the ring, kept out of the inlined hot methods.</summary>
internal static class RingThrowHelper
{
    [DoesNotReturn]
    public static void ThrowClaimCount(int count, int capacity) =>
        throw new ArgumentOutOfRangeException(
            nameof(count), count, $"A claim must be between 1 and the ring capacity {capacity}.");

    [DoesNotReturn]
    public static void ThrowNoReader() =>
        throw new InvalidOperationException("The ring has no reader; add one before the first claim.");

    [DoesNotReturn]
    public static void ThrowCompleted() =>
        throw new InvalidOperationException("The ring is completed; nothing more can be claimed.");

    [DoesNotReturn]
    public static void ThrowPublishOutOfRange(long last, long published, long claimed) =>
        throw new ArgumentOutOfRangeException(
            nameof(last), last, $"Publish must name a claimed sequence after {published} and up to {claimed}.");

    [DoesNotReturn]
    public static void ThrowReleaseOutOfRange(long last, long released, long available) =>
        throw new ArgumentOutOfRangeException(
            nameof(last), last, $"Release must name a sequence from {released} up to the available {available}.");
}
