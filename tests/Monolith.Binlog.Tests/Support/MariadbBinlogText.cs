using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Tests.Support;

/// <summary>
/// Reads the row changes <c>mariadb-binlog -vv --base64-output=decode-rows</c> printed (the independent decoder
/// whose output the fixtures keep in <c>_derived/</c>) and renders this library's row images in the same notation,
/// so the two can be compared value by value. Text is handled as bytes (Latin-1) because the tool prints raw bytes.
/// </summary>
internal static partial class MariadbBinlogText
{
    public static List<string> ReadChanges(string relative)
    {
        var path = FixtureFiles.PathOf(relative);
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(input, Encoding.Latin1);
        var changes = new List<string>();
        StringBuilder? current = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("### INSERT INTO ", StringComparison.Ordinal) ||
                line.StartsWith("### UPDATE ", StringComparison.Ordinal) ||
                line.StartsWith("### DELETE FROM ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    changes.Add(current.ToString());
                }

                var kind = line[4] switch { 'I' => "insert", 'U' => "update", _ => "delete" };
                var table = line[(line.IndexOf('`', StringComparison.Ordinal))..].Replace("`", "",
                    StringComparison.Ordinal);
                current = new StringBuilder($"{kind} {table}");
            }
            else if (current is not null && line is "### WHERE" or "### SET")
            {
                current.Append(line == "### WHERE" ? " | before:" : " | after:");
            }
            else if (current is not null && ValueLine().Match(line) is { Success: true } m)
            {
                current.Append(CultureInfo.InvariantCulture, $" @{m.Groups[1].Value}={m.Groups[2].Value}");
            }
            else if (current is not null && !line.StartsWith("###", StringComparison.Ordinal))
            {
                changes.Add(current.ToString());
                current = null;
            }
        }

        if (current is not null)
        {
            changes.Add(current.ToString());
        }

        return changes;
    }

    public static string Render(in RowChange change, TableDecoder table)
    {
        var kind = change.Kind switch
        {
            RowChangeKind.Insert => "insert",
            RowChangeKind.Update => "update",
            _ => "delete",
        };
        var text = new StringBuilder($"{kind} {table.Database}.{table.Table}");
        if (change.Before.Exists)
        {
            text.Append(" | before:");
            RenderImage(change.Before, text);
        }

        if (change.After.Exists)
        {
            text.Append(" | after:");
            RenderImage(change.After, text);
        }

        return text.ToString();
    }

    private static void RenderImage(in RowImage image, StringBuilder text)
    {
        for (var i = 0; i < image.ColumnCount; i++)
        {
            if (image.IsPresent(i))
            {
                text.Append(CultureInfo.InvariantCulture, $" @{i + 1}={RenderValue(image, i)}");
            }
        }
    }

    private static string RenderValue(in RowImage image, int i)
    {
        if (image.IsNull(i))
        {
            return "NULL";
        }

        var info = image.GetColumn(i);
        var inv = CultureInfo.InvariantCulture;
        Span<byte> buffer = stackalloc byte[80];
        switch (info.Kind)
        {
            case ValueKind.SignedInteger:
            case ValueKind.UnsignedInteger:
                // The tool prints a value whose signed reading is negative as "signed (unsigned)".
                var raw = image.GetBytes(i);
                ulong unsigned = 0;
                for (var k = raw.Length - 1; k >= 0; k--)
                {
                    unsigned = (unsigned << 8) | raw[k];
                }

                var bits = raw.Length * 8;
                var signed = bits == 64 ? (long)unsigned : (long)(unsigned << (64 - bits)) >> (64 - bits);
                return signed < 0 ? $"{signed.ToString(inv)} ({unsigned.ToString(inv)})" : unsigned.ToString(inv);
            case ValueKind.Year:
                return image.GetInt64(i).ToString(inv);
            case ValueKind.Enum:
                return image.GetUInt64(i).ToString(inv);
            case ValueKind.Bit:
                return $"b'{Convert.ToString((long)image.GetUInt64(i), 2).PadLeft(info.BitWidth, '0')}'";
            case ValueKind.Set:
                return $"b'{Convert.ToString((long)image.GetUInt64(i), 2).PadLeft(8 * info.MaxLength, '0')}'";
            case ValueKind.Double:
            case ValueKind.Float:
                return image.GetDouble(i).ToString("G15", inv).ToLowerInvariant();
            case ValueKind.Decimal:
                return Encoding.ASCII.GetString(buffer[..image.FormatDecimal(i, buffer)]);
            case ValueKind.DateTime:
                return $"'{Encoding.ASCII.GetString(buffer[..image.GetDateTime(i).FormatUtf8(buffer, true,
                    info.FractionalDigits)])}'";
            case ValueKind.Date:
                var d = image.GetDateTime(i);
                return string.Create(inv, $"'{d.Year:D4}:{d.Month:D2}:{d.Day:D2}'");
            case ValueKind.Timestamp:
                var micros = image.GetTimestampMicroseconds(i);
                return info.FractionalDigits == 0
                    ? (micros / 1_000_000).ToString(inv)
                    : (micros / 1e6).ToString("F" + info.FractionalDigits, inv);
            case ValueKind.Time:
                var length = TemporalText.FormatTime(image.GetTimeMicroseconds(i), info.FractionalDigits,
                    buffer, 2);
                return $"'{Encoding.ASCII.GetString(buffer[..length])}'";
            default:
                return Quote(image.GetBytes(i));
        }
    }

    /// <summary>The tool's quoting: bytes below 0x20 as \xNN, everything else raw.</summary>
    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("'");
        foreach (var b in bytes)
        {
            if (b < 0x20)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
            else
            {
                text.Append((char)b);
            }
        }

        return text.Append('\'').ToString();
    }

    [GeneratedRegex(@"^###   @(\d+)=(.*?) /\* ")]
    private static partial Regex ValueLine();

}

/// <summary>Collects this library's row changes rendered in mariadb-binlog's notation.</summary>
internal sealed class MariadbNotationConsumer : IBinlogConsumer
{
    private int[] _scratch = new int[64];

    public List<string> Changes { get; } = [];

    public void OnTransactionStart(in TransactionInfo transaction)
    {
    }

    public void OnRows(in RowsEvent rows)
    {
        if (_scratch.Length < rows.Table.ScratchLength)
        {
            _scratch = new int[rows.Table.ScratchLength];
        }

        foreach (var change in rows.GetRows(_scratch))
        {
            Changes.Add(MariadbBinlogText.Render(change, rows.Table));
        }
    }

    public void OnSchemaChange(in SchemaChange change)
    {
    }

    public void OnTransactionCommit(in TransactionCommit commit)
    {
    }

    public void OnProgress(in BinlogProgress progress)
    {
    }

    public void OnNotice(in DecoderNotice notice)
    {
    }
}
