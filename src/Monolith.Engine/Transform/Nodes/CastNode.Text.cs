using System.Text.Unicode;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>Conversions to text and binary, and between temporal types.</summary>
internal sealed partial class CastNode
{
    private void ToBytes(Vector input, int length, Span<ulong> invalid)
    {
        var toText = Type.TypeId == ArrowTypeId.String;
        var writer = new BytesWriter(Output, length, input.Kind == VectorKind.Bytes ? input.Data.Length : length * 12);
        for (var i = 0; i < length; i++)
        {
            if (input.Kind == VectorKind.Bytes)
            {
                var value = input.GetBytes(i);
                if (toText && input.Type.TypeId == ArrowTypeId.Binary && !Utf8.IsValid(value))
                {
                    Flag(invalid, i);
                    writer.AppendEmpty();
                    continue;
                }

                writer.Append(value);
                continue;
            }

            var destination = writer.Reserve(TextFormat.MaxLength);
            var written = input.Kind switch
            {
                VectorKind.UInt64 => TextFormat.UInt64(input.ValuesAs<ulong>()[i], destination),
                VectorKind.Double => TextFormat.Double(input.ValuesAs<double>()[i], destination),
                VectorKind.Decimal128 => TextFormat.Decimal(input.ValuesAs<Int128>()[i], input.Scale, destination),
                VectorKind.Boolean => TextFormat.Int64(Bitmaps.Get(input.BitWords, i) ? 1 : 0, destination),
                _ => input.Type.TypeId switch
                {
                    ArrowTypeId.Timestamp => TextFormat.Timestamp(input.ValuesAs<long>()[i], destination),
                    ArrowTypeId.Date32 => TextFormat.Date(input.ValuesAs<long>()[i], destination),
                    ArrowTypeId.Duration => TextFormat.Time(input.ValuesAs<long>()[i], destination),
                    _ => TextFormat.Int64(input.ValuesAs<long>()[i], destination),
                },
            };
            writer.Commit(written);
        }

        writer.Finish();
    }

    private void ToTemporal(Vector input, Span<long> result, Span<ulong> invalid)
    {
        var from = input.Type.TypeId;
        var to = Type.TypeId;
        for (var i = 0; i < result.Length; i++)
        {
            long value = 0;
            if (from == ArrowTypeId.String)
            {
                var text = input.GetBytes(i);
                var ok = to switch
                {
                    ArrowTypeId.Date32 => TextParse.Date(text, out value),
                    ArrowTypeId.Duration => TextParse.Time(text, out value),
                    _ => TextParse.Timestamp(text, out value),
                };
                if (!ok)
                {
                    Flag(invalid, i);
                }
            }
            else
            {
                var source = input.ValuesAs<long>()[i];
                value = (from, to) switch
                {
                    (ArrowTypeId.Date32, ArrowTypeId.Timestamp) => source * CivilCalendar.MicrosPerDay,
                    (ArrowTypeId.Timestamp, ArrowTypeId.Date32) => CivilCalendar.SplitMicros(source).Days,
                    _ => source,
                };
            }

            result[i] = value;
        }
    }
}
