using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// Reads a column of the batch. Without a selection the values are borrowed from the Arrow buffers; only
/// the validity bitmap is copied (into 64-bit words), and Date32 and Boolean values are widened. With a
/// selection the selected rows are gathered into owned buffers so every kernel above runs densely.
/// </summary>
internal sealed class ColumnNode : Node
{
    private readonly int _index;

    public ColumnNode(int index, IArrowType type)
        : base(type) => _index = index;

    public int Index => _index;

    protected override void Compute(EvaluationContext context)
    {
        if ((uint)_index >= (uint)context.Batch.ColumnCount)
        {
            throw new ExpressionException(
                $"Column {_index} is referenced, but the batch has {context.Batch.ColumnCount} columns.");
        }

        var data = context.Batch.Column(_index).Data;
        if (!ScalarReader.TypesEqual(data.DataType, Type))
        {
            throw new ExpressionException(
                $"Column {_index} was compiled as {Type.Name} but the batch holds {data.DataType.Name}.");
        }

        if (context.Selection is null)
        {
            LoadAll(data);
        }
        else
        {
            Gather(data, context.Selection, context.Length);
        }
    }

    private void LoadAll(ArrayData data)
    {
        var length = data.Length;
        var offset = data.Offset;
        var output = Output;
        var values = data.Buffers.Length > 1 ? data.Buffers[1].Memory : ReadOnlyMemory<byte>.Empty;
        switch (Type.TypeId)
        {
            case ArrowTypeId.Date32:
                var days = MemoryMarshal.Cast<byte, int>(values.Span).Slice(offset, length);
                var widened = output.StartValues<long>(length);
                for (var i = 0; i < days.Length; i++)
                {
                    widened[i] = days[i];
                }

                break;
            case ArrowTypeId.Int8:
                var small = MemoryMarshal.Cast<byte, sbyte>(values.Span).Slice(offset, length);
                var wide = output.StartValues<long>(length);
                for (var i = 0; i < small.Length; i++)
                {
                    wide[i] = small[i];
                }

                break;
            case ArrowTypeId.Boolean:
                var bits = output.StartBits(length);
                Bitmaps.FromArrow(values.Span, offset, length, bits);
                break;
            case ArrowTypeId.String or ArrowTypeId.Binary:
                output.Borrow(length, values.Slice(offset * sizeof(int), (length + 1) * sizeof(int)),
                    data.Buffers[2].Memory, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
                break;
            default:
                var width = Vector.WidthOf(output.Kind);
                output.Borrow(length, values.Slice(offset * width, length * width), ReadOnlyMemory<byte>.Empty,
                    ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
                break;
        }

        if (data.NullCount != 0 && data.Buffers[0].Length > 0)
        {
            var validity = output.StartValidity();
            Bitmaps.FromArrow(data.Buffers[0].Span, offset, length, validity);
        }
        else
        {
            output.ClearValidity();
        }
    }

    private void Gather(ArrayData data, int[] selection, int count)
    {
        var offset = data.Offset;
        var output = Output;
        var values = data.Buffers.Length > 1 ? data.Buffers[1].Span : ReadOnlySpan<byte>.Empty;
        var rows = selection.AsSpan(0, count);
        switch (Type.TypeId)
        {
            case ArrowTypeId.Date32:
                GatherWidened(MemoryMarshal.Cast<byte, int>(values)[offset..], rows, output.StartValues<long>(count));
                break;
            case ArrowTypeId.Int8:
                var small = MemoryMarshal.Cast<byte, sbyte>(values)[offset..];
                var wide = output.StartValues<long>(count);
                for (var i = 0; i < rows.Length; i++)
                {
                    wide[i] = small[rows[i]];
                }

                break;
            case ArrowTypeId.Boolean:
                var bits = output.StartBits(count);
                for (var i = 0; i < rows.Length; i++)
                {
                    var bit = offset + rows[i];
                    if ((values[bit >> 3] & (1 << (bit & 7))) != 0)
                    {
                        bits[i >> 6] |= 1UL << i;
                    }
                }

                break;
            case ArrowTypeId.String or ArrowTypeId.Binary:
                GatherBytes(data, rows);
                break;
            default:
                switch (output.Kind)
                {
                    case VectorKind.Decimal128:
                        GatherFixed(MemoryMarshal.Cast<byte, Int128>(values)[offset..], rows,
                            output.StartValues<Int128>(count));
                        break;
                    case VectorKind.Decimal256:
                        GatherFixed(MemoryMarshal.Cast<byte, Int256>(values)[offset..], rows,
                            output.StartValues<Int256>(count));
                        break;
                    default:
                        GatherFixed(MemoryMarshal.Cast<byte, long>(values)[offset..], rows,
                            output.StartValues<long>(count));
                        break;
                }

                break;
        }

        if (data.NullCount != 0 && data.Buffers[0].Length > 0)
        {
            var source = data.Buffers[0].Span;
            var validity = output.StartValidity();
            for (var i = 0; i < rows.Length; i++)
            {
                var bit = offset + rows[i];
                if ((source[bit >> 3] & (1 << (bit & 7))) == 0)
                {
                    validity[i >> 6] &= ~(1UL << i);
                }
            }
        }
        else
        {
            output.ClearValidity();
        }
    }

    private static void GatherFixed<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> rows, Span<T> destination)
        where T : unmanaged
    {
        for (var i = 0; i < rows.Length; i++)
        {
            destination[i] = source[rows[i]];
        }
    }

    private static void GatherWidened(ReadOnlySpan<int> source, ReadOnlySpan<int> rows, Span<long> destination)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            destination[i] = source[rows[i]];
        }
    }

    private void GatherBytes(ArrayData data, ReadOnlySpan<int> rows)
    {
        var offsets = MemoryMarshal.Cast<byte, int>(data.Buffers[1].Span)[data.Offset..];
        var bytes = data.Buffers[2].Span;
        var total = 0;
        foreach (var row in rows)
        {
            total += offsets[row + 1] - offsets[row];
        }

        var output = Output;
        var outOffsets = output.StartValues<int>(rows.Length);
        var outData = output.DataBuffer(total, 0);
        var position = 0;
        outOffsets[0] = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var value = bytes[offsets[rows[i]]..offsets[rows[i] + 1]];
            value.CopyTo(outData[position..]);
            position += value.Length;
            outOffsets[i + 1] = position;
        }

        output.SetDataLength(position);
    }
}
