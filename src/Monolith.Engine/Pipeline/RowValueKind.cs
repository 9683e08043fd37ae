namespace Monolith.Engine.Pipeline;

/// <summary>How a column's decoded value is read from a row image and appended.</summary>
internal enum RowValueKind : byte
{
    Null,
    Int64,
    UInt64,
    Double,
    Decimal,

    /// <summary>A DECIMAL of at most 18 digits, read from its packed bytes.</summary>
    PackedDecimal,
    Date,
    DateTime,

    /// <summary>A DATETIME2 (MySQL 5.6 and later, MariaDB with the new format), read from its packed bytes.</summary>
    PackedDateTime,
    Timestamp,
    Time,
    Utf8Text,
    EncodedText,
    Binary,
    EnumLabel,
    SetLabels,
    BinaryJson,
}
