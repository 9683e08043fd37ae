using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>
/// String (UTF-8) and Binary: 32-bit offsets in the values buffer and the bytes in a growing data buffer.
/// Text arrives as UTF-8 bytes and is copied once, never decoded into .NET strings; bytes that are not
/// valid UTF-8 make the value NULL in a String column rather than a corrupt string.
/// </summary>
internal sealed class BinaryColumnBuilder : ColumnBuilder
{
    private readonly bool _isUtf8;
    private readonly int _initialDataBytes;
    private int _dataLength;

    public BinaryColumnBuilder(ChangeColumn column, int rowCapacity, int initialBytesPerValue)
        : base(column, rowCapacity)
    {
        _isUtf8 = column.Type.TypeId == ArrowTypeId.String;
        _initialDataBytes = rowCapacity * initialBytesPerValue;
    }

    public override int DataLength => _dataLength;

    public override ColumnBuffers CreateBuffers() =>
        new(BitmapBytes(RowCapacity), (RowCapacity + 1) * sizeof(int), Math.Max(_initialDataBytes, 64));

    public override void Attach(ColumnBuffers buffers)
    {
        base.Attach(buffers);
        _dataLength = 0;
        Offset(0) = 0;
    }

    public override void AppendBytes(ReadOnlySpan<byte> value)
    {
        if (_isUtf8 && !Utf8.IsValid(value))
        {
            AppendUnfit();
            return;
        }

        var end = (long)_dataLength + value.Length;
        if (end > int.MaxValue - AlignedBuffer.Alignment)
        {
            ThrowDataOverflow(end);
        }

        var data = Data!;
        data.EnsureCapacity((int)end, _dataLength);
        value.CopyTo(data.Span[_dataLength..]);
        _dataLength = (int)end;
        MarkValid();
        Count++;
        Offset(Count) = _dataLength;
    }

    public override void Truncate(int length)
    {
        base.Truncate(length);
        _dataLength = Offset(length);
    }

    public override ArrayData Build() =>
        new(Type, Count, NullCount, 0,
            [
                ValidityBuffer(),
                new ArrowBuffer(Values.Memory[..((Count + 1) * sizeof(int))]),
                new ArrowBuffer(Data!.Memory[.._dataLength]),
            ]);

    protected override void WriteNullValue() => Offset(Count + 1) = _dataLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Offset(int index) => ref Unsafe.Add(ref Unsafe.As<byte, int>(ref Values.Reference), index);

    private void ThrowDataOverflow(long end) =>
        throw new InvalidOperationException(
            $"Column '{Column.Name}' would hold {end} bytes in one batch, beyond the 2 GiB a 32-bit offset " +
            "addresses; close batches at a smaller byte budget.");
}
