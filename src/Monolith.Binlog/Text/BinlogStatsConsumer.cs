using System.Buffers;
using System.Text.Json;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Text;

/// <summary>
/// An <see cref="IBinlogConsumer"/> that decodes every value of every row change (through the same typed accessors
/// a real consumer uses) without printing, and counts changes per table.
/// </summary>
public sealed class BinlogStatsConsumer : IBinlogConsumer, IDisposable
{
    private readonly Dictionary<TableDecoder, long[]> _byDecoder = [];
    private readonly Dictionary<(string, string), long[]> _byTable = [];
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _jsonWriter;
    private int[] _scratch = new int[256];

    /// <summary>Creates the consumer.</summary>
    public BinlogStatsConsumer()
    {
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    /// <summary>Committed transactions seen.</summary>
    public long Transactions { get; private set; }

    /// <summary>A checksum over decoded integer values, so the decoding work cannot be optimised away.</summary>
    public long Checksum { get; private set; }

    /// <summary>The counts per table so far.</summary>
    public IReadOnlyList<TableChangeCounts> GetCounts() => _byTable
        .OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
        .Select(p => new TableChangeCounts(p.Key.Item1, p.Key.Item2, p.Value[0], p.Value[1], p.Value[2]))
        .ToList();

    /// <inheritdoc />
    public void OnTransactionStart(in TransactionInfo transaction)
    {
    }

    /// <inheritdoc />
    public void OnRows(in RowsEvent rows)
    {
        var table = rows.Table;
        if (!_byDecoder.TryGetValue(table, out var counts))
        {
            var key = (table.Database, table.Table);
            if (!_byTable.TryGetValue(key, out counts))
            {
                counts = new long[3];
                _byTable[key] = counts;
            }

            _byDecoder[table] = counts;
        }

        if (_scratch.Length < table.ScratchLength)
        {
            _scratch = new int[table.ScratchLength];
        }

        var slot = (int)rows.Kind - 1;
        foreach (var change in rows.GetRows(_scratch))
        {
            counts[slot]++;
            if (change.Before.Exists)
            {
                Touch(change.Before);
            }

            if (change.After.Exists)
            {
                Touch(change.After);
            }
        }
    }

    /// <inheritdoc />
    public void OnSchemaChange(in SchemaChange change)
    {
        // Decoders of changed tables are rebuilt by the decoder; forget them so the map does not grow.
        _byDecoder.Clear();
    }

    /// <inheritdoc />
    public void OnTransactionCommit(in TransactionCommit commit) => Transactions++;

    /// <inheritdoc />
    public void OnProgress(in BinlogProgress progress)
    {
    }

    /// <inheritdoc />
    public void OnNotice(in DecoderNotice notice)
    {
    }

    /// <inheritdoc />
    public void Dispose() => _jsonWriter.Dispose();

    private void Touch(in RowImage image)
    {
        Span<byte> text = stackalloc byte[80];
        long sum = 0;
        for (var i = 0; i < image.ColumnCount; i++)
        {
            if (!image.IsPresent(i) || image.IsNull(i))
            {
                continue;
            }

            switch (image.Table.Columns[i].Kind)
            {
                case ValueKind.SignedInteger:
                case ValueKind.Year:
                    sum += image.GetInt64(i);
                    break;
                case ValueKind.UnsignedInteger:
                case ValueKind.Bit:
                case ValueKind.Enum:
                case ValueKind.Set:
                    sum += (long)image.GetUInt64(i);
                    break;
                case ValueKind.Float:
                case ValueKind.Double:
                    sum += (long)image.GetDouble(i);
                    break;
                case ValueKind.Decimal:
                    sum += image.FormatDecimal(i, text);
                    break;
                case ValueKind.Date:
                case ValueKind.DateTime:
                    sum += image.GetDateTime(i).Day;
                    break;
                case ValueKind.Timestamp:
                    sum += image.GetTimestampMicroseconds(i);
                    break;
                case ValueKind.Time:
                    sum += image.GetTimeMicroseconds(i);
                    break;
                case ValueKind.Json:
                    _json.ResetWrittenCount();
                    _jsonWriter.Reset(_json);
                    image.WriteJson(i, _jsonWriter);
                    _jsonWriter.Flush();
                    sum += _json.WrittenCount;
                    break;
                default:
                    sum += image.GetBytes(i).Length;
                    break;
            }
        }

        Checksum += sum;
    }
}
