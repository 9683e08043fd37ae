using Apache.Arrow.Types;
using Monolith.Engine.Changes;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>Reads one row of a vector back as a constant (for folding casts of literals at compile time).
/// </summary>
internal static class ScalarReader
{
    public static ScalarValue Read(Vector vector, int index)
    {
        if (!vector.IsValid(index))
        {
            return ScalarValue.Null(vector.Type);
        }

        return vector.Kind switch
        {
            VectorKind.Int64 => ScalarValue.OfInt64(vector.Type, vector.ValuesAs<long>()[index]),
            VectorKind.UInt64 => ScalarValue.OfUInt64(vector.ValuesAs<ulong>()[index]),
            VectorKind.Double => ScalarValue.OfDouble(vector.ValuesAs<double>()[index]),
            VectorKind.Decimal128 => ScalarValue.OfDecimal(vector.Type, vector.ValuesAs<Int128>()[index]),
            VectorKind.Decimal256 => ScalarValue.OfDecimal256(vector.Type, vector.ValuesAs<Int256>()[index]),
            VectorKind.Boolean => ScalarValue.OfBoolean(Bitmaps.Get(vector.BitWords, index)),
            _ => ScalarValue.OfBytes(vector.Type, vector.GetBytes(index).ToArray()),
        };
    }

    public static bool TypesEqual(IArrowType left, IArrowType right) =>
        left.TypeId == right.TypeId && (left, right) switch
        {
            (Decimal128Type a, Decimal128Type b) => a.Precision == b.Precision && a.Scale == b.Scale,
            (Decimal256Type a, Decimal256Type b) => a.Precision == b.Precision && a.Scale == b.Scale,
            (TimestampType a, TimestampType b) => a.Unit == b.Unit && a.Timezone == b.Timezone,
            (DurationType a, DurationType b) => a.Unit == b.Unit,
            _ => true,
        };
}
