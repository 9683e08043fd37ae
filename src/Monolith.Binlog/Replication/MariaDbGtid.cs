using System.Globalization;

namespace Monolith.Binlog.Replication;

/// <summary>A MariaDB global transaction id: replication domain, originating server id, sequence number.</summary>
public readonly record struct MariaDbGtid(uint Domain, uint ServerId, ulong Sequence)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Domain}-{ServerId}-{Sequence}");
}
