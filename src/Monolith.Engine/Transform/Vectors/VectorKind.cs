namespace Monolith.Engine.Transform.Vectors;

/// <summary>Physical layout of a <see cref="Vector"/>: what the kernels dispatch on.</summary>
internal enum VectorKind : byte
{
    /// <summary>64-bit signed values: Int64, and Timestamp, Duration and (widened) Date32.</summary>
    Int64,

    /// <summary>64-bit unsigned values.</summary>
    UInt64,

    /// <summary>IEEE doubles.</summary>
    Double,

    /// <summary>128-bit unscaled decimals.</summary>
    Decimal128,

    /// <summary>256-bit unscaled decimals.</summary>
    Decimal256,

    /// <summary>Bits.</summary>
    Boolean,

    /// <summary>32-bit offsets and bytes: String and Binary.</summary>
    Bytes,
}
