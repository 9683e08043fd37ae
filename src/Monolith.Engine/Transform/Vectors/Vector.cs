using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>
/// One column of values inside the evaluator: borrowed from an input Arrow array without a copy, or held in
/// buffers a kernel node owns and reuses from batch to batch (grown, never shrunk).
/// </summary>
/// <remarks>
/// Validity is a bitmap of 64-bit words (bit set = valid), or absent when every value is valid. Words past
/// the length are kept zero. Boolean values are a second bitmap of the same shape; a value bit under a NULL
/// is meaningless. Dates are held widened to 64-bit days so that all temporal kernels share one layout, and
/// Int8 (the change weight) widened to 64 bits so that it takes part in integer arithmetic.
/// </remarks>
internal sealed class Vector
{
    private byte[] _ownedValues = [];
    private byte[] _ownedData = [];
    private byte[] _ownedValidity = [];
    private byte[] _ownedBits = [];

    public Vector(IArrowType type)
    {
        Type = type;
        Kind = KindOf(type);
        Scale = DecimalTypes.ScaleOf(type);
    }

    public IArrowType Type { get; }

    public VectorKind Kind { get; }

    /// <summary>Scale of a decimal vector.</summary>
    public int Scale { get; }

    public int Length { get; private set; }

    /// <summary>Fixed-width values, or the <c>Length + 1</c> offsets of a bytes vector.</summary>
    public ReadOnlyMemory<byte> Values { get; private set; }

    /// <summary>The bytes of a bytes vector.</summary>
    public ReadOnlyMemory<byte> Data { get; private set; }

    /// <summary>Validity words, or empty when all values are valid.</summary>
    public ReadOnlyMemory<byte> Validity { get; private set; }

    /// <summary>Value words of a Boolean vector.</summary>
    public ReadOnlyMemory<byte> Bits { get; private set; }

    public bool HasNulls => !Validity.IsEmpty;

    public ReadOnlySpan<ulong> ValidityWords => MemoryMarshal.Cast<byte, ulong>(Validity.Span);

    public ReadOnlySpan<ulong> BitWords => MemoryMarshal.Cast<byte, ulong>(Bits.Span);

    public ReadOnlySpan<int> Offsets => MemoryMarshal.Cast<byte, int>(Values.Span);

    public static int WordCount(int length) => (length + 63) >> 6;

    public static VectorKind KindOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int64 or ArrowTypeId.Timestamp or ArrowTypeId.Duration or ArrowTypeId.Date32
            or ArrowTypeId.Int8 => VectorKind.Int64,
        ArrowTypeId.UInt64 => VectorKind.UInt64,
        ArrowTypeId.Double => VectorKind.Double,
        ArrowTypeId.Decimal128 => VectorKind.Decimal128,
        ArrowTypeId.Decimal256 => VectorKind.Decimal256,
        ArrowTypeId.Boolean => VectorKind.Boolean,
        ArrowTypeId.String or ArrowTypeId.Binary => VectorKind.Bytes,
        _ => throw new NotSupportedException($"Arrow type {type.Name} is not supported by the expression kernels."),
    };

    public static int WidthOf(VectorKind kind) => kind switch
    {
        VectorKind.Decimal128 => 16,
        VectorKind.Decimal256 => 32,
        VectorKind.Boolean => 0,
        VectorKind.Bytes => sizeof(int),
        _ => 8,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<T> ValuesAs<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(Values.Span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) =>
        Validity.IsEmpty || (ValidityWords[index >> 6] & (1UL << index)) != 0;

    /// <summary>The bytes of row <paramref name="index"/> of a bytes vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        var offsets = Offsets;
        return Data.Span[offsets[index]..offsets[index + 1]];
    }

    /// <summary>Points the vector at borrowed memory (an input array, or another vector's buffers).</summary>
    public void Borrow(int length, ReadOnlyMemory<byte> values, ReadOnlyMemory<byte> data,
        ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> bits)
    {
        Length = length;
        Values = values;
        Data = data;
        Validity = validity;
        Bits = bits;
    }

    /// <summary>Prepares owned value storage for <paramref name="length"/> fixed-width values (or offsets).
    /// </summary>
    public Span<T> StartValues<T>(int length)
        where T : unmanaged
    {
        Length = length;
        var count = Kind == VectorKind.Bytes ? length + 1 : length;
        var bytes = count * Unsafe.SizeOf<T>();
        Ensure(ref _ownedValues, bytes);
        Values = _ownedValues.AsMemory(0, bytes);
        Data = ReadOnlyMemory<byte>.Empty;
        Validity = ReadOnlyMemory<byte>.Empty;
        Bits = ReadOnlyMemory<byte>.Empty;
        return MemoryMarshal.Cast<byte, T>(_ownedValues.AsSpan(0, bytes));
    }

    /// <summary>Prepares owned Boolean value words for <paramref name="length"/> rows, zeroed.</summary>
    public Span<ulong> StartBits(int length)
    {
        Length = length;
        var bytes = WordCount(length) * sizeof(ulong);
        Ensure(ref _ownedBits, bytes);
        Bits = _ownedBits.AsMemory(0, bytes);
        Values = ReadOnlyMemory<byte>.Empty;
        Data = ReadOnlyMemory<byte>.Empty;
        Validity = ReadOnlyMemory<byte>.Empty;
        var words = MemoryMarshal.Cast<byte, ulong>(_ownedBits.AsSpan(0, bytes));
        words.Clear();
        return words;
    }

    /// <summary>Owned data bytes of at least <paramref name="capacity"/>; call <see cref="SetDataLength"/>
    /// when done. Existing content up to <paramref name="preserve"/> bytes is kept when it grows.</summary>
    public Span<byte> DataBuffer(int capacity, int preserve)
    {
        if (_ownedData.Length < capacity)
        {
            var grown = new byte[Math.Max(capacity, Math.Min(Array.MaxLength, _ownedData.Length * 2))];
            _ownedData.AsSpan(0, preserve).CopyTo(grown);
            _ownedData = grown;
        }

        return _ownedData;
    }

    public void SetDataLength(int length) => Data = _ownedData.AsMemory(0, length);

    /// <summary>Owned validity words for the current length, all set to valid; the caller clears bits.</summary>
    public Span<ulong> StartValidity()
    {
        var words = WordCount(Length);
        var bytes = words * sizeof(ulong);
        Ensure(ref _ownedValidity, bytes);
        Validity = _ownedValidity.AsMemory(0, bytes);
        var span = MemoryMarshal.Cast<byte, ulong>(_ownedValidity.AsSpan(0, bytes));
        span.Fill(ulong.MaxValue);
        if ((Length & 63) != 0)
        {
            span[^1] = (1UL << (Length & 63)) - 1;
        }

        return span;
    }

    /// <summary>Owned validity words copied from a source bitmap (or all valid when it is empty).</summary>
    public Span<ulong> StartValidityFrom(ReadOnlySpan<ulong> source)
    {
        var span = StartValidity();
        if (!source.IsEmpty)
        {
            source[..span.Length].CopyTo(span);
        }

        return span;
    }

    /// <summary>Drops the validity bitmap: every value is valid.</summary>
    public void ClearValidity() => Validity = ReadOnlyMemory<byte>.Empty;

    /// <summary>The validity words to modify in place, created all valid when absent. Validity, when
    /// present, always lives in the owned buffer: inputs' bitmaps are copied, never shared.</summary>
    public Span<ulong> MutableValidity() =>
        Validity.IsEmpty
            ? StartValidity()
            : MemoryMarshal.Cast<byte, ulong>(_ownedValidity.AsSpan(0, Validity.Length));

    /// <summary>
    /// Turns the rows flagged in <paramref name="problems"/> into NULL and returns how many of them were
    /// valid before (the ones to count).
    /// </summary>
    public long NullifyFlagged(ReadOnlySpan<ulong> problems)
    {
        if (problems.IndexOfAnyExcept(0UL) < 0)
        {
            return 0;
        }

        var validity = MutableValidity();
        long count = 0;
        for (var w = 0; w < validity.Length; w++)
        {
            var flagged = problems[w] & validity[w];
            count += System.Numerics.BitOperations.PopCount(flagged);
            validity[w] &= ~flagged;
        }

        return count;
    }

    private static void Ensure(ref byte[] buffer, int bytes)
    {
        if (buffer.Length < bytes)
        {
            buffer = new byte[Math.Max(bytes, Math.Min(Array.MaxLength, buffer.Length * 2))];
        }
    }
}
