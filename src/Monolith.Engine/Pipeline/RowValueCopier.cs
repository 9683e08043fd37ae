using System.Buffers;
using System.Text;
using System.Text.Json;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// Copies one decoded column value of a row image into a sink, converting it on the way: non-UTF-8 text to UTF-8,
/// ENUM and SET numbers to their labels, binary JSON to JSON text, decimals past 38 digits to text. Owns the
/// scratch buffers those conversions need, so one instance serves one thread and steady state allocates nothing.
/// </summary>
internal sealed class RowValueCopier
{
    private readonly ArrayBufferWriter<byte> _text = new(256);
    private readonly Utf8JsonWriter _json;
    private char[] _chars = new char[256];

    public RowValueCopier() => _json = new Utf8JsonWriter(_text);

    /// <summary>Copies the value of <paramref name="plan"/>'s column into <paramref name="sink"/>'s
    /// <paramref name="target"/> column; an absent or NULL value becomes NULL.</summary>
    public void Copy<TSink>(ref TSink sink, int target, in RowImage image, RowColumnPlan plan)
        where TSink : struct, IRowValueSink
    {
        var c = plan.Ordinal;
        if (!image.IsPresent(c) || image.IsNull(c))
        {
            sink.AppendNull(target);
            return;
        }

        switch (plan.Kind)
        {
            case RowValueKind.Int64:
                sink.AppendInt64(target, image.GetInt64(c));
                break;
            case RowValueKind.UInt64:
                sink.AppendUInt64(target, image.GetUInt64(c));
                break;
            case RowValueKind.Double:
                sink.AppendDouble(target, image.GetDouble(c));
                break;
            case RowValueKind.PackedDecimal:
                if (PackedBinlogValues.TryReadDecimal64(image.GetBytes(c), plan.Precision, plan.Scale, out var small))
                {
                    sink.AppendDecimal(target, small, plan.Scale);
                }
                else
                {
                    CopyDecimal(ref sink, target, image, c);
                }

                break;
            case RowValueKind.Decimal:
                CopyDecimal(ref sink, target, image, c);
                break;
            case RowValueKind.Date:
                var date = image.GetDateTime(c);
                sink.AppendDate(target, date.Year, date.Month, date.Day);
                break;
            case RowValueKind.PackedDateTime when PackedBinlogValues.TryReadDateTime2(image.GetBytes(c),
                plan.FractionalDigits, out var year, out var month, out var day, out var hour, out var minute,
                out var second, out var microsecond):
                sink.AppendDateTime(target, year, month, day, hour, minute, second, microsecond);
                break;
            case RowValueKind.DateTime or RowValueKind.PackedDateTime:
                var dt = image.GetDateTime(c);
                sink.AppendDateTime(target, dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute, dt.Second, dt.Microsecond);
                break;
            case RowValueKind.Timestamp:
                sink.AppendTimestampMicros(target, image.GetTimestampMicroseconds(c));
                break;
            case RowValueKind.Time:
                sink.AppendTimeMicros(target, image.GetTimeMicroseconds(c));
                break;
            case RowValueKind.Utf8Text or RowValueKind.Binary:
                sink.AppendBytes(target, image.GetBytes(c));
                break;
            case RowValueKind.EncodedText:
                sink.AppendBytes(target, ToUtf8(image.GetBytes(c), plan.Encoding!));
                break;
            case RowValueKind.EnumLabel:
                // ENUM index 0 is the empty string MySQL stores for an invalid value. The index is one or two
                // little-endian bytes.
                var labels = plan.Labels!;
                long index = PackedBinlogValues.ReadEnumIndex(image.GetBytes(c));
                if (index < 0)
                {
                    index = image.GetInt64(c);
                }

                sink.AppendBytes(target, index >= 1 && index <= labels.Length ? labels[index - 1] : []);
                break;
            case RowValueKind.SetLabels:
                sink.AppendBytes(target, SetText(plan.Labels!, image.GetUInt64(c)));
                break;
            case RowValueKind.BinaryJson:
                _text.ResetWrittenCount();
                _json.Reset(_text);
                image.WriteJson(c, _json);
                _json.Flush();
                sink.AppendBytes(target, _text.WrittenSpan);
                break;
            default:
                sink.AppendNull(target);
                break;
        }
    }

    private static void CopyDecimal<TSink>(ref TSink sink, int target, in RowImage image, int column)
        where TSink : struct, IRowValueSink
    {
        if (image.TryGetDecimal(column, out var unscaled, out var scale))
        {
            sink.AppendDecimal(target, unscaled, scale);
            return;
        }

        Span<byte> text = stackalloc byte[80];
        var length = image.FormatDecimal(column, text);
        sink.AppendDecimalText(target, text[..length]);
    }

    private ReadOnlySpan<byte> SetText(byte[][] labels, ulong bits)
    {
        _text.ResetWrittenCount();
        var first = true;
        for (var i = 0; i < labels.Length && bits != 0; i++, bits >>= 1)
        {
            if ((bits & 1) == 0)
            {
                continue;
            }

            if (!first)
            {
                _text.Write(","u8);
            }

            _text.Write(labels[i]);
            first = false;
        }

        return _text.WrittenSpan;
    }

    private ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var charCount = encoding.GetMaxCharCount(bytes.Length);
        if (_chars.Length < charCount)
        {
            _chars = new char[Math.Max(charCount, _chars.Length * 2)];
        }

        var chars = encoding.GetChars(bytes, _chars);
        _text.ResetWrittenCount();
        var written = Encoding.UTF8.GetBytes(_chars.AsSpan(0, chars),
            _text.GetSpan(Encoding.UTF8.GetMaxByteCount(chars)));
        _text.Advance(written);
        return _text.WrittenSpan;
    }
}
