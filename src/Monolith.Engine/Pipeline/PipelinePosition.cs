using Monolith.Binlog;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// What a published rollup version reflects: the binlog position just past the last transaction it contains,
/// that transaction's commit time on the source (seconds), and when the source handed it on
/// (<see cref="System.Diagnostics.Stopwatch"/> ticks, 0 when unknown).
/// </summary>
public sealed record PipelinePosition(BinlogPosition Position, uint CommitTimestamp, long HandedOnTicks)
{
    /// <inheritdoc />
    public override string ToString() => Position.ToString();
}
