using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace Monolith.Engine.Changes;

/// <summary>Boolean: one bit per row. Integers are taken as MySQL does (zero is false).</summary>
internal sealed class BooleanColumnBuilder : ColumnBuilder
{
    public BooleanColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override ColumnBuffers CreateBuffers() => new(BitmapBytes(RowCapacity), BitmapBytes(RowCapacity), 0);

    public override void Attach(ColumnBuffers buffers)
    {
        base.Attach(buffers);
        buffers.Values.Clear(buffers.Values.Capacity);
    }

    public override void AppendBoolean(bool value)
    {
        ref var cell = ref Unsafe.Add(ref Values.Reference, Count >> 3);
        var mask = (byte)(1 << (Count & 7));
        cell = value ? (byte)(cell | mask) : (byte)(cell & ~mask);
        MarkValid();
        Count++;
    }

    public override void AppendInt64(long value) => AppendBoolean(value != 0);

    public override void AppendUInt64(ulong value) => AppendBoolean(value != 0);

    public override ArrayData Build() =>
        new(Type, Count, NullCount, 0, [ValidityBuffer(), new ArrowBuffer(Values.Memory[..BitmapBytes(Count)])]);

    protected override void WriteNullValue() =>
        Unsafe.Add(ref Values.Reference, Count >> 3) &= (byte)~(1 << (Count & 7));
}
