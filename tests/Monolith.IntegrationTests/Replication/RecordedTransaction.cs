namespace Monolith.IntegrationTests.Replication;

/// <summary>A committed transaction as a consumer saw it: its GTID and every event, bytes as received.</summary>
internal sealed record RecordedTransaction(string Gtid, IReadOnlyList<byte[]> Events, string EndFile, long EndOffset)
{
    public IEnumerable<byte> Types => Events.Select(e => e[4]);

    public bool SameBytesAs(RecordedTransaction other) =>
        Gtid == other.Gtid && Events.Count == other.Events.Count &&
        Events.Zip(other.Events).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
}
