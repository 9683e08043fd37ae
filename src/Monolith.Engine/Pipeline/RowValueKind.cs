namespace Monolith.Engine.Pipeline;

/// <summary>How a column's decoded value is read from a row image and appended.</summary>
internal enum RowValueKind : byte
{
    Null,
    Int64,
    UInt64,
    Double,
    Decimal,
    Date,
    DateTime,
    Timestamp,
    Time,
    Utf8Text,
    EncodedText,
    Binary,
    EnumLabel,
    SetLabels,
    BinaryJson,
}
