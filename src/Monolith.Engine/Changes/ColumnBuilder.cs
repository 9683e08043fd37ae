using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>
/// Appends the values of one column into native buffers and turns them into an Arrow array without a copy.
/// Every typed append has a default that stores NULL and counts the value as unfit; each concrete builder
/// overrides the appends its Arrow type can represent exactly.
/// </summary>
/// <remarks>
/// The validity bitmap is zeroed when buffers are attached, so an append only sets its bit when the value
/// is valid. Null slots of fixed-width columns hold zero, so kernels that compute over a whole buffer never
/// see leftovers of an earlier batch.
/// </remarks>
internal abstract class ColumnBuilder
{
    private ColumnBuffers _buffers = null!;
    private int _nullCount;

    protected ColumnBuilder(ChangeColumn column, int rowCapacity)
    {
        Column = column;
        RowCapacity = rowCapacity;
    }

    public ChangeColumn Column { get; }

    public IArrowType Type => Column.Type;

    public int RowCapacity { get; }

    /// <summary>Values appended to the current batch.</summary>
    public int Count { get; protected set; }

    public long ZeroDates { get; private set; }

    public long Unfit { get; private set; }

    public long Missing { get; private set; }

    public ColumnBuffers Buffers => _buffers;

    /// <summary>Bytes of variable-width data appended to the current batch.</summary>
    public virtual int DataLength => 0;

    protected AlignedBuffer Values => _buffers.Values;

    protected AlignedBuffer? Data => _buffers.Data;

    public abstract ColumnBuffers CreateBuffers();

    public virtual void Attach(ColumnBuffers buffers)
    {
        _buffers = buffers;
        _buffers.Validity.Clear(_buffers.Validity.Capacity);
        Count = 0;
        _nullCount = 0;
    }

    public void AppendNull()
    {
        WriteNullValue();
        _nullCount++;
        Count++;
    }

    public void AppendMissing()
    {
        Missing++;
        AppendNull();
    }

    public void AppendZeroDate()
    {
        ZeroDates++;
        AppendNull();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void AppendUnfit()
    {
        Unfit++;
        AppendNull();
    }

    public virtual void AppendInt64(long value) => AppendUnfit();

    public virtual void AppendUInt64(ulong value) => AppendUnfit();

    public virtual void AppendDouble(double value) => AppendUnfit();

    public virtual void AppendDecimal(Int128 unscaled, int scale) => AppendUnfit();

    public virtual void AppendDecimalText(ReadOnlySpan<byte> text) => AppendUnfit();

    public virtual void AppendDateTime(int year, int month, int day, int hour, int minute, int second,
        int microsecond) => AppendUnfit();

    public virtual void AppendDate(int year, int month, int day) => AppendUnfit();

    public virtual void AppendTimestampMicros(long micros) => AppendUnfit();

    public virtual void AppendTimeMicros(long micros) => AppendUnfit();

    public virtual void AppendBytes(ReadOnlySpan<byte> value) => AppendUnfit();

    public virtual void AppendBoolean(bool value) => AppendUnfit();

    /// <summary>Drops values appended after the first <paramref name="length"/> (an aborted row).</summary>
    public virtual void Truncate(int length)
    {
        ref var bits = ref _buffers.Validity.Reference;
        for (var i = length; i < Count; i++)
        {
            ref var cell = ref Unsafe.Add(ref bits, i >> 3);
            var mask = (byte)(1 << (i & 7));
            if ((cell & mask) == 0)
            {
                _nullCount--;
            }

            cell &= (byte)~mask;
        }

        Count = length;
    }

    /// <summary>The Arrow array data over the current buffers (no copy).</summary>
    public abstract ArrayData Build();

    /// <summary>Marks the value about to be appended at <see cref="Count"/> as valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void MarkValid()
    {
        var index = Count;
        Unsafe.Add(ref _buffers.Validity.Reference, index >> 3) |= (byte)(1 << (index & 7));
    }

    protected abstract void WriteNullValue();

    protected ArrowBuffer ValidityBuffer() =>
        _nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(_buffers.Validity.Memory[..((Count + 7) >> 3)]);

    protected int NullCount => _nullCount;

    protected static int BitmapBytes(int rows) => (rows + 7) >> 3;
}
