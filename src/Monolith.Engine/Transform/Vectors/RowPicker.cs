using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>
/// Builds an output vector by taking each row from one of several source vectors of the output's type, as
/// CASE and COALESCE do; a choice of -1 makes the row NULL. Work is done source by source, so each source's
/// buffers are looked up once per batch rather than once per row.
/// </summary>
internal static class RowPicker
{
    public static void Pick(Vector output, Vector[] sources, ReadOnlySpan<int> chosen, int length)
    {
        switch (output.Kind)
        {
            case VectorKind.Int64:
                PickFixed<long>(output, sources, chosen, length);
                break;
            case VectorKind.UInt64:
                PickFixed<ulong>(output, sources, chosen, length);
                break;
            case VectorKind.Double:
                PickFixed<double>(output, sources, chosen, length);
                break;
            case VectorKind.Decimal128:
                PickFixed<Int128>(output, sources, chosen, length);
                break;
            case VectorKind.Decimal256:
                PickFixed<Int256>(output, sources, chosen, length);
                break;
            case VectorKind.Boolean:
                var bits = output.StartBits(length);
                for (var k = 0; k < sources.Length; k++)
                {
                    var values = sources[k].BitWords;
                    for (var i = 0; i < length; i++)
                    {
                        if (chosen[i] == k)
                        {
                            bits[i >> 6] |= values[i >> 6] & (1UL << i);
                        }
                    }
                }

                break;
            default:
                PickBytes(output, sources, chosen, length);
                break;
        }

        var validity = output.StartValidity();
        validity.Clear();
        for (var k = 0; k < sources.Length; k++)
        {
            var valid = sources[k].HasNulls ? sources[k].ValidityWords : default;
            for (var i = 0; i < length; i++)
            {
                if (chosen[i] == k && (valid.IsEmpty || (valid[i >> 6] & (1UL << i)) != 0))
                {
                    validity[i >> 6] |= 1UL << i;
                }
            }
        }

        if (Bitmaps.PopCount(validity) == length)
        {
            output.ClearValidity();
        }
    }

    private static void PickFixed<T>(Vector output, Vector[] sources, ReadOnlySpan<int> chosen, int length)
        where T : unmanaged
    {
        var result = output.StartValues<T>(length);
        result.Clear();
        for (var k = 0; k < sources.Length; k++)
        {
            var values = sources[k].ValuesAs<T>();
            for (var i = 0; i < length; i++)
            {
                if (chosen[i] == k)
                {
                    result[i] = values[i];
                }
            }
        }
    }

    /// <summary>Lengths first (source by source), then offsets by prefix sum, then the bytes.</summary>
    private static void PickBytes(Vector output, Vector[] sources, ReadOnlySpan<int> chosen, int length)
    {
        var offsets = output.StartValues<int>(length);
        offsets.Clear();
        for (var k = 0; k < sources.Length; k++)
        {
            var sourceOffsets = sources[k].Offsets;
            for (var i = 0; i < length; i++)
            {
                if (chosen[i] == k)
                {
                    offsets[i + 1] = sourceOffsets[i + 1] - sourceOffsets[i];
                }
            }
        }

        for (var i = 0; i < length; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var data = output.DataBuffer(offsets[length], 0);
        for (var k = 0; k < sources.Length; k++)
        {
            var sourceOffsets = sources[k].Offsets;
            var sourceData = sources[k].Data.Span;
            for (var i = 0; i < length; i++)
            {
                if (chosen[i] == k)
                {
                    sourceData[sourceOffsets[i]..sourceOffsets[i + 1]].CopyTo(data[offsets[i]..]);
                }
            }
        }

        output.SetDataLength(offsets[length]);
    }
}
