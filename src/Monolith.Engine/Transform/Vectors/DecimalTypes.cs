using Apache.Arrow.Types;

namespace Monolith.Engine.Transform.Vectors;

/// <summary>Precision and scale of Arrow's two decimal types, which share no interface.</summary>
internal static class DecimalTypes
{
    public static bool IsDecimal(IArrowType type) => type is Decimal128Type or Decimal256Type;

    public static int ScaleOf(IArrowType type) => type switch
    {
        Decimal128Type d => d.Scale,
        Decimal256Type d => d.Scale,
        _ => 0,
    };

    public static int PrecisionOf(IArrowType type) => type switch
    {
        Decimal128Type d => d.Precision,
        Decimal256Type d => d.Precision,
        _ => 0,
    };
}
