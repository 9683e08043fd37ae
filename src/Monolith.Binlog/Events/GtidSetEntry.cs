namespace Monolith.Binlog.Events;

/// <summary>The transactions of one source (and tag) in a MySQL GTID set.</summary>
/// <param name="SourceId">The source server's UUID.</param>
/// <param name="Tag">The tag, or null for untagged transactions.</param>
/// <param name="Intervals">The runs of transaction numbers.</param>
public sealed record GtidSetEntry(Guid SourceId, string? Tag, IReadOnlyList<GtidInterval> Intervals)
{
    /// <summary>The text form, e.g. <c>3e11fa47-71ca-11e1-9e33-c80aa9429562:tag:1-5:7</c>.</summary>
    public override string ToString() =>
        $"{SourceId:D}{(Tag is null ? string.Empty : ":" + Tag)}:{string.Join(':', Intervals)}";
}
