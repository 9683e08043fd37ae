namespace Monolith.Engine.Rings;

/// <summary>
/// A contiguous run of sequences, inclusive at both ends, that a producer claimed or a reader may read.
/// </summary>
/// <param name="First">The first sequence of the run.</param>
/// <param name="Last">The last sequence of the run.</param>
public readonly record struct RingRange(long First, long Last)
{
    /// <summary>Number of sequences in the run.</summary>
    public int Count => (int)(Last - First + 1);
}
