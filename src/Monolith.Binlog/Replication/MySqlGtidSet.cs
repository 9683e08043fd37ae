using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// MySQL's GTID set: for each source server UUID, the ranges of transaction numbers executed, in the text
/// form of <c>@@gtid_executed</c>: <c>3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9,4a...:1-3</c>. Ranges are kept
/// sorted and merged. Not thread-safe.
/// </summary>
public sealed class MySqlGtidSet : GtidSet, IEquatable<MySqlGtidSet>
{
    // Lower-case canonical UUID text sorts like the 16 bytes it stands for, which is MySQL's order.
    private readonly SortedDictionary<string, List<Interval>> _sets = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override ServerFlavor Flavor => ServerFlavor.MySql;

    /// <inheritdoc />
    public override bool IsEmpty => _sets.Count == 0;

    /// <summary>The source UUIDs in the set.</summary>
    public IEnumerable<string> SourceIds => _sets.Keys;

    /// <summary>The executed ranges of one source, inclusive, in order.</summary>
    public IReadOnlyList<(long First, long Last)> RangesOf(string sourceId) =>
        _sets.TryGetValue(CanonicalUuid(sourceId), out var intervals)
            ? intervals.Select(interval => (interval.First, interval.Last)).ToList()
            : [];

    /// <summary>Adds one transaction <paramref name="sourceId"/>:<paramref name="transactionNumber"/>.</summary>
    public void Add(string sourceId, long transactionNumber) =>
        AddRange(sourceId, transactionNumber, transactionNumber);

    /// <summary>Adds the inclusive range first..last of one source.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number below 1, or last before first.</exception>
    public void AddRange(string sourceId, long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        var key = CanonicalUuid(sourceId);
        if (!_sets.TryGetValue(key, out var intervals))
        {
            intervals = [];
            _sets.Add(key, intervals);
        }

        // Find the first interval that ends at or after first - 1; merge everything it touches.
        var index = 0;
        while (index < intervals.Count && intervals[index].Last < first - 1)
        {
            index++;
        }

        var merged = new Interval(first, last);
        while (index < intervals.Count && intervals[index].First <= last + 1)
        {
            merged = new Interval(Math.Min(merged.First, intervals[index].First),
                Math.Max(merged.Last, intervals[index].Last));
            intervals.RemoveAt(index);
        }

        intervals.Insert(index, merged);
    }

    /// <summary>Whether the set holds <paramref name="sourceId"/>:<paramref name="transactionNumber"/>.</summary>
    public bool Contains(string sourceId, long transactionNumber) =>
        _sets.TryGetValue(CanonicalUuid(sourceId), out var intervals) &&
        intervals.Any(interval => interval.First <= transactionNumber && transactionNumber <= interval.Last);

    /// <summary>Whether every transaction of this set is also in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(MySqlGtidSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (source, intervals) in _sets)
        {
            if (!other._sets.TryGetValue(source, out var others))
            {
                return false;
            }

            foreach (var interval in intervals)
            {
                if (!others.Any(o => o.First <= interval.First && interval.Last <= o.Last))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A copy that later changes to this one do not affect.</summary>
    public MySqlGtidSet Clone()
    {
        var copy = new MySqlGtidSet();
        foreach (var (source, intervals) in _sets)
        {
            copy._sets.Add(source, [.. intervals]);
        }

        return copy;
    }

    /// <summary>
    /// The binary form COM_BINLOG_DUMP_GTID carries: the number of sources (8 bytes), then per source its 16
    /// UUID bytes, the number of intervals (8 bytes) and each interval as start and exclusive end (8 bytes each),
    /// all little-endian.
    /// </summary>
    public byte[] Encode()
    {
        var length = 8 + _sets.Sum(pair => 16 + 8 + (pair.Value.Count * 16));
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, _sets.Count);
        var offset = 8;
        foreach (var (source, intervals) in _sets)
        {
            Convert.FromHexString(source.Replace("-", "", StringComparison.Ordinal)).CopyTo(span[offset..]);
            offset += 16;
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], intervals.Count);
            offset += 8;
            foreach (var interval in intervals)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[offset..], interval.First);
                BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], interval.Last + 1);
                offset += 16;
            }
        }

        return bytes;
    }

    /// <summary>
    /// Parses the text form. Whitespace and line breaks around entries are ignored, as in the output of
    /// <c>SELECT @@gtid_executed</c>; empty text is an empty set.
    /// </summary>
    /// <exception cref="FormatException">A malformed UUID or range, or a tagged GTID (MySQL 8.4), named with
    /// its offset in the text.</exception>
    public static new MySqlGtidSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new MySqlGtidSet();
        var offset = 0;
        foreach (var rawEntry in text.Split(','))
        {
            var entry = rawEntry.Trim();
            if (entry.Length > 0)
            {
                ParseEntry(set, entry, offset + rawEntry.IndexOf(entry[0], StringComparison.Ordinal));
            }
            else if (text.Trim().Length > 0)
            {
                throw new FormatException($"Empty entry in the GTID set '{text}' at offset {offset}.");
            }

            offset += rawEntry.Length + 1;
        }

        return set;
    }

    private static void ParseEntry(MySqlGtidSet set, string entry, int offset)
    {
        var parts = entry.Split(':');
        if (parts.Length < 2 || !TryCanonicalUuid(parts[0].Trim(), out var source))
        {
            throw new FormatException(
                $"'{entry}' at offset {offset} of the GTID set is not 'uuid:range[:range...]' (for example " +
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5).");
        }

        foreach (var rawRange in parts.Skip(1))
        {
            var range = rawRange.Trim();
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash < 0 ? range : range[..dash];
            var lastText = dash < 0 ? range : range[(dash + 1)..];
            if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first < 1 || last < first)
            {
                var tagged = range.Length > 0 && !char.IsAsciiDigit(range[0]);
                throw new FormatException(tagged
                    ? $"'{entry}' at offset {offset} of the GTID set uses the tag '{range}' (MySQL 8.4 tagged " +
                      "GTIDs), which this client does not support."
                    : $"'{range}' in '{entry}' at offset {offset} of the GTID set is not a range of transaction " +
                      "numbers (n or first-last, from 1).");
            }

            set.AddRange(source, first, last);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (source, intervals) in _sets)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(source);
            foreach (var interval in intervals)
            {
                builder.Append(CultureInfo.InvariantCulture, $":{interval.First}");
                if (interval.Last != interval.First)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"-{interval.Last}");
                }
            }
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public bool Equals(MySqlGtidSet? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MySqlGtidSet);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static string CanonicalUuid(string text) =>
        TryCanonicalUuid(text, out var canonical)
            ? canonical
            : throw new FormatException($"'{text}' is not a server UUID (8-4-4-4-12 hexadecimal digits).");

    private static bool TryCanonicalUuid(string text, out string canonical)
    {
        canonical = "";
        if (text.Length != 36 || !Guid.TryParseExact(text, "D", out _))
        {
            return false;
        }

        canonical = text.ToLowerInvariant();
        return true;
    }

    private readonly record struct Interval(long First, long Last);
}
