namespace Monolith.Binlog.Events;

/// <summary>A run of MySQL transaction numbers, <see cref="Start"/> included and <see cref="End"/> excluded.</summary>
/// <param name="Start">First transaction number in the run.</param>
/// <param name="End">One past the last transaction number in the run.</param>
public readonly record struct GtidInterval(long Start, long End)
{
    /// <summary>The text form used in GTID sets: <c>1-14</c>, or <c>7</c> for a single transaction.</summary>
    public override string ToString() => End == Start + 1 ? $"{Start}" : $"{Start}-{End - 1}";
}
