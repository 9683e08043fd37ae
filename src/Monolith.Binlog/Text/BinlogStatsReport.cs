using System.Globalization;

namespace Monolith.Binlog.Text;

/// <summary>What <see cref="BinlogCommands.StatsAsync"/> measured.</summary>
/// <param name="Tables">Counts per table, ordered by database and table.</param>
/// <param name="Transactions">Committed transactions.</param>
/// <param name="Events">Events read.</param>
/// <param name="Bytes">Bytes of binlog read.</param>
/// <param name="Elapsed">Wall-clock time spent reading and decoding.</param>
public sealed record BinlogStatsReport(
    IReadOnlyList<TableChangeCounts> Tables, long Transactions, long Events, long Bytes, TimeSpan Elapsed)
{
    /// <summary>All row changes.</summary>
    public long Rows => Tables.Sum(t => t.Inserted + t.Updated + t.Deleted);

    /// <summary>Row changes decoded per second.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>Binlog megabytes (10^6 bytes) read per second.</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;

    /// <summary>Writes the report as an aligned table followed by the totals.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var names = Tables.Select(t => $"{t.Database}.{t.Table}").ToList();
        var width = Math.Max(5, names.Count == 0 ? 0 : names.Max(n => n.Length));
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Format(inv, "{0,-" + width + "} {1,12} {2,12} {3,12}", "table", "inserted",
            "updated", "deleted"));
        for (var i = 0; i < Tables.Count; i++)
        {
            var t = Tables[i];
            writer.WriteLine(string.Format(inv, "{0,-" + width + "} {1,12} {2,12} {3,12}", names[i], t.Inserted,
                t.Updated, t.Deleted));
        }

        writer.WriteLine(string.Format(inv,
            "{0} rows in {1} transactions, {2} events, {3:F1} MB in {4:F3} s: {5:F0} rows/s, {6:F1} MB/s",
            Rows, Transactions, Events, Bytes / 1e6, Elapsed.TotalSeconds, RowsPerSecond, MegabytesPerSecond));
    }
}
