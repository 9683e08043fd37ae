using Apache.Arrow.Types;

namespace Monolith.Engine.Changes;

/// <summary>One column of a captured table as the change batches carry it.</summary>
/// <param name="Name">Column name; becomes the Arrow field name.</param>
/// <param name="Type">The Arrow type the column is materialised as. Supported: Int64, UInt64, Double,
/// Decimal128, Decimal256, Timestamp(Microsecond, null or "UTC"), Date32, Duration(Microsecond), String,
/// Binary, Boolean.</param>
/// <param name="IsNullable">Whether the source declares the column nullable.</param>
public sealed record ChangeColumn(string Name, IArrowType Type, bool IsNullable = true);
