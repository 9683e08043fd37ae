using System.Globalization;

namespace Monolith.Binlog.Events;

/// <summary>
/// A global transaction identifier of either flavour: MySQL's <c>3E11FA47-71CA-11E1-9E33-C80AA9429562:23</c>
/// (optionally with a tag, <c>uuid:tag:23</c>) or MariaDB's <c>0-1-42</c>. A small value type; the text form is
/// made only when asked for.
/// </summary>
public readonly struct Gtid : IEquatable<Gtid>
{
    private Gtid(GtidFlavor flavor, Guid sourceId, string? tag, long transactionNumber, uint domain, uint serverId,
        ulong sequence)
    {
        Flavor = flavor;
        SourceId = sourceId;
        Tag = tag;
        TransactionNumber = transactionNumber;
        Domain = domain;
        ServerId = serverId;
        Sequence = sequence;
    }

    /// <summary>Which flavour this is; <see cref="GtidFlavor.None"/> for the default value.</summary>
    public GtidFlavor Flavor { get; }

    /// <summary>MySQL: the source server's UUID.</summary>
    public Guid SourceId { get; }

    /// <summary>MySQL 8.3 and later: the transaction tag, or null.</summary>
    public string? Tag { get; }

    /// <summary>MySQL: the transaction number (GNO), from 1.</summary>
    public long TransactionNumber { get; }

    /// <summary>MariaDB: the replication domain id.</summary>
    public uint Domain { get; }

    /// <summary>MariaDB: the server id of the server that wrote the transaction.</summary>
    public uint ServerId { get; }

    /// <summary>MariaDB: the sequence number within the domain.</summary>
    public ulong Sequence { get; }

    /// <summary>Whether this holds a GTID at all.</summary>
    public bool IsEmpty => Flavor == GtidFlavor.None;

    /// <summary>A MySQL GTID.</summary>
    public static Gtid ForMySql(Guid sourceId, long transactionNumber, string? tag = null) =>
        new(GtidFlavor.MySql, sourceId, string.IsNullOrEmpty(tag) ? null : tag, transactionNumber, 0, 0, 0);

    /// <summary>A MariaDB GTID.</summary>
    public static Gtid ForMariaDb(uint domain, uint serverId, ulong sequence) =>
        new(GtidFlavor.MariaDb, Guid.Empty, null, 0, domain, serverId, sequence);

    /// <summary>Writes the text form into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        switch (Flavor)
        {
            case GtidFlavor.MySql:
                return Tag is null
                    ? destination.TryWrite(CultureInfo.InvariantCulture, $"{SourceId:D}:{TransactionNumber}",
                        out charsWritten)
                    : destination.TryWrite(CultureInfo.InvariantCulture, $"{SourceId:D}:{Tag}:{TransactionNumber}",
                        out charsWritten);
            case GtidFlavor.MariaDb:
                return destination.TryWrite(CultureInfo.InvariantCulture, $"{Domain}-{ServerId}-{Sequence}",
                    out charsWritten);
            default:
                charsWritten = 0;
                return true;
        }
    }

    /// <summary>The text form as the server prints it; an empty string when there is no GTID.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[128];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : string.Empty;
    }

    /// <inheritdoc />
    public bool Equals(Gtid other) =>
        Flavor == other.Flavor && SourceId == other.SourceId && Tag == other.Tag &&
        TransactionNumber == other.TransactionNumber && Domain == other.Domain && ServerId == other.ServerId &&
        Sequence == other.Sequence;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Gtid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Flavor, SourceId, Tag, TransactionNumber, Domain, ServerId, Sequence);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Gtid left, Gtid right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Gtid left, Gtid right) => !left.Equals(right);
}
