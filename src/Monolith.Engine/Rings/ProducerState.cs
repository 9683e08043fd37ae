using System.Runtime.InteropServices;

namespace Monolith.Engine.Rings;

/// <summary>
/// The producer's private counters, padded like <see cref="PaddedLong"/> so that its stores on every claim
/// never touch a cache line the readers load (the slot array reference, the mask, the cursor).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct ProducerState
{
    /// <summary>The last claimed sequence.</summary>
    [FieldOffset(128)]
    public long Claimed;

    /// <summary>The last published sequence (a private copy of the cursor, read without a fence).</summary>
    [FieldOffset(136)]
    public long Published;

    /// <summary>The slowest reader's sequence as last read: claims below its wrap point need no look.</summary>
    [FieldOffset(144)]
    public long CachedGatingMinimum;

    /// <summary>Whether the first claim has happened (readers can no longer be added).</summary>
    [FieldOffset(152)]
    public bool Started;
}
