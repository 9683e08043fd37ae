using Monolith.Binlog.Rows;

namespace Monolith.Benchmarks.Pipeline;

/// <summary>One rows event as the source hands it to the compute stage: its parsed header and its body.</summary>
/// <param name="Header">The rows event's post-header.</param>
/// <param name="Body">The event body after the common header.</param>
/// <param name="Rows">Row changes in the event (an UPDATE counts once).</param>
internal sealed record RowsEventData(RowsEventHeader Header, byte[] Body, int Rows);
