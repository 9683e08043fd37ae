using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace Monolith.Engine.Changes;

/// <summary>A column of fixed-width values: one <typeparamref name="T"/> per row in the values buffer.</summary>
internal abstract class FixedWidthColumnBuilder<T> : ColumnBuilder
    where T : unmanaged
{
    protected FixedWidthColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public override ColumnBuffers CreateBuffers() =>
        new(BitmapBytes(RowCapacity), RowCapacity * Unsafe.SizeOf<T>(), 0);

    public override ArrayData Build() =>
        new(Type, Count, NullCount, 0,
            [ValidityBuffer(), new ArrowBuffer(Values.Memory[..(Count * Unsafe.SizeOf<T>())])]);

    /// <summary>Appends a valid value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Append(T value)
    {
        Unsafe.Add(ref Unsafe.As<byte, T>(ref Values.Reference), Count) = value;
        MarkValid();
        Count++;
    }

    protected override void WriteNullValue() =>
        Unsafe.Add(ref Unsafe.As<byte, T>(ref Values.Reference), Count) = default;
}
