using System.Globalization;

namespace Monolith.Shop.Verification;

/// <summary>
/// One group of a ground-truth answer: the bucket's start in UTC epoch milliseconds, the dimension values as
/// text (null for SQL NULL), and the aggregates as MariaDB computed them (<see cref="long"/> counts,
/// <see cref="decimal"/> sums, MIN and MAX in the column's type).
/// </summary>
public sealed record GroundTruthRow(long BucketMs, IReadOnlyList<string?> Dimensions, IReadOnlyList<object?> Values)
{
    /// <summary>The bucket's start as an instant.</summary>
    public DateTimeOffset Bucket => DateTimeOffset.FromUnixTimeMilliseconds(BucketMs);

    /// <summary>
    /// An aggregate as invariant text: decimals keep their scale (<c>12.50</c>), as Monolith prints them.
    /// </summary>
    public string? Text(int aggregate) => Values[aggregate] switch
    {
        null => null,
        DateTime d => d.ToString(d.TimeOfDay.Ticks % TimeSpan.TicksPerSecond == 0
            ? "yyyy-MM-dd HH:mm:ss"
            : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    /// <summary>The key of the group: bucket and dimensions, joined with a character that names never hold.</summary>
    public string Key => GroundTruthResult.KeyOf(BucketMs, Dimensions);
}
