using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>
/// Wraps a vector's buffers as an Arrow array without copying (dates and Int8 values are narrowed back into a
/// buffer this object owns). The array is valid until the vector is computed again.
/// </summary>
internal sealed class VectorExport
{
    private byte[] _narrowed = [];

    public IArrowArray ToArrow(Vector vector)
    {
        var length = vector.Length;
        var nullCount = vector.HasNulls ? length - Bitmaps.PopCount(vector.ValidityWords) : 0;
        var validity = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(vector.Validity);
        ArrowBuffer[] buffers = vector.Kind switch
        {
            VectorKind.Boolean => [validity, new ArrowBuffer(vector.Bits)],
            VectorKind.Bytes => [validity, new ArrowBuffer(vector.Values), new ArrowBuffer(vector.Data)],
            _ when vector.Type.TypeId == ArrowTypeId.Date32 => [validity, new ArrowBuffer(Narrow(vector))],
            _ when vector.Type.TypeId == ArrowTypeId.Int8 => [validity, new ArrowBuffer(NarrowToByte(vector))],
            _ => [validity, new ArrowBuffer(vector.Values)],
        };
        return ArrowArrayFactory.BuildArray(new ArrayData(vector.Type, length, nullCount, 0, buffers));
    }

    private ReadOnlyMemory<byte> NarrowToByte(Vector vector)
    {
        if (_narrowed.Length < vector.Length)
        {
            _narrowed = new byte[Math.Max(vector.Length, _narrowed.Length * 2)];
        }

        var values = vector.ValuesAs<long>();
        for (var i = 0; i < values.Length; i++)
        {
            _narrowed[i] = (byte)(sbyte)values[i];
        }

        return _narrowed.AsMemory(0, vector.Length);
    }

    private ReadOnlyMemory<byte> Narrow(Vector vector)
    {
        var bytes = vector.Length * sizeof(int);
        if (_narrowed.Length < bytes)
        {
            _narrowed = new byte[Math.Max(bytes, _narrowed.Length * 2)];
        }

        var days = vector.ValuesAs<long>();
        var narrowed = MemoryMarshal.Cast<byte, int>(_narrowed.AsSpan(0, bytes));
        for (var i = 0; i < narrowed.Length; i++)
        {
            narrowed[i] = (int)days[i];
        }

        return _narrowed.AsMemory(0, bytes);
    }
}
