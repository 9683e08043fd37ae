using System.Globalization;

namespace Monolith.Binlog.Schema;

/// <summary>
/// Orders binlog positions as the server writes them: by file sequence number (the numeric extension, so that
/// <c>bin.1000000</c> follows <c>bin.999999</c>), then by offset.
/// </summary>
public sealed class BinlogPositionComparer : IComparer<BinlogPosition>
{
    /// <summary>The one instance.</summary>
    public static BinlogPositionComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(BinlogPosition x, BinlogPosition y)
    {
        var files = CompareFiles(x.File, y.File);
        return files != 0 ? files : x.Offset.CompareTo(y.Offset);
    }

    private static int CompareFiles(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        var xDot = x.LastIndexOf('.');
        var yDot = y.LastIndexOf('.');
        if (xDot > 0 && yDot > 0 && x.AsSpan(0, xDot).SequenceEqual(y.AsSpan(0, yDot)) &&
            long.TryParse(x.AsSpan(xDot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var xNumber) &&
            long.TryParse(y.AsSpan(yDot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var yNumber))
        {
            return xNumber.CompareTo(yNumber);
        }

        return string.CompareOrdinal(x, y);
    }
}
