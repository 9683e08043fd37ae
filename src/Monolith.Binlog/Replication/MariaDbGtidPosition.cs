using System.Globalization;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// MariaDB's replication position: for each replication domain, the last GTID applied, in the text form of
/// <c>@@gtid_current_pos</c> and <c>@slave_connect_state</c>: <c>0-1-42,1-2-7</c>. A transaction applied in a
/// domain replaces that domain's entry. Not thread-safe.
/// </summary>
public sealed class MariaDbGtidPosition : GtidSet, IEquatable<MariaDbGtidPosition>
{
    private readonly SortedDictionary<uint, MariaDbGtid> _domains = [];

    /// <summary>An empty position.</summary>
    public MariaDbGtidPosition()
    {
    }

    /// <summary>A position holding these GTIDs, one per domain.</summary>
    /// <exception cref="FormatException">Two GTIDs for the same domain.</exception>
    public MariaDbGtidPosition(IEnumerable<MariaDbGtid> gtids)
    {
        ArgumentNullException.ThrowIfNull(gtids);
        foreach (var gtid in gtids)
        {
            if (!_domains.TryAdd(gtid.Domain, gtid))
            {
                throw new FormatException(
                    $"The GTID position names domain {gtid.Domain} twice ({_domains[gtid.Domain]} and {gtid}).");
            }
        }
    }

    /// <inheritdoc />
    public override ServerFlavor Flavor => ServerFlavor.MariaDb;

    /// <inheritdoc />
    public override bool IsEmpty => _domains.Count == 0;

    /// <summary>The last GTID of each domain, by domain.</summary>
    public IEnumerable<MariaDbGtid> Gtids => _domains.Values;

    /// <summary>Records that <paramref name="gtid"/> was applied: it becomes its domain's entry.</summary>
    public void Advance(MariaDbGtid gtid) => _domains[gtid.Domain] = gtid;

    /// <summary>The entry of a domain, if any.</summary>
    public bool TryGetDomain(uint domain, out MariaDbGtid gtid) => _domains.TryGetValue(domain, out gtid);

    /// <summary>A copy that later changes to this one do not affect.</summary>
    public MariaDbGtidPosition Clone() => new(_domains.Values);

    /// <summary>
    /// Parses <c>domain-server-sequence</c> entries separated by commas; empty text is an empty position.
    /// </summary>
    /// <exception cref="FormatException">
    /// An entry that is not three unsigned numbers, or a domain named twice.</exception>
    public static new MariaDbGtidPosition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var gtids = new List<MariaDbGtid>();
        var offset = 0;
        foreach (var rawEntry in text.Split(','))
        {
            var entry = rawEntry.Trim();
            if (entry.Length == 0)
            {
                if (text.Trim().Length == 0)
                {
                    break;
                }

                throw new FormatException($"Empty entry in the MariaDB GTID position '{text}' at offset {offset}.");
            }

            var parts = entry.Split('-');
            if (parts.Length != 3
                || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var domain)
                || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var server)
                || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw new FormatException(
                    $"'{entry}' at offset {offset} of '{text}' is not a MariaDB GTID (domain-server-sequence, " +
                    "for example 0-1-42).");
            }

            gtids.Add(new MariaDbGtid(domain, server, sequence));
            offset += rawEntry.Length + 1;
        }

        return new MariaDbGtidPosition(gtids);
    }

    /// <summary>Whether the text has the shape of a MariaDB position (digits and dashes, comma separated).</summary>
    internal static bool LooksLike(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        foreach (var entry in trimmed.Split(','))
        {
            var parts = entry.Trim().Split('-');
            if (parts.Length != 3 || parts.Any(part => part.Length == 0 || !part.All(char.IsAsciiDigit)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", _domains.Values);

    /// <inheritdoc />
    public bool Equals(MariaDbGtidPosition? other) =>
        other is not null && _domains.Count == other._domains.Count &&
        _domains.All(pair => other._domains.TryGetValue(pair.Key, out var gtid) && gtid == pair.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MariaDbGtidPosition);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
