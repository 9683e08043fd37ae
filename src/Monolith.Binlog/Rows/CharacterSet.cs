namespace Monolith.Binlog.Rows;

/// <summary>The character sets a text column can use, as far as the decoder can turn them into text.</summary>
public enum CharacterSet : byte
{
    /// <summary>Not known: neither the TABLE_MAP metadata nor the schema said. Decoded as UTF-8.</summary>
    Unknown = 0,

    /// <summary>Binary strings (BINARY, VARBINARY, BLOB): bytes, not text.</summary>
    Binary,

    /// <summary>UTF-8 with up to four bytes per character.</summary>
    Utf8Mb4,

    /// <summary>UTF-8 limited to three bytes per character (<c>utf8</c> before MySQL 8.0.30).</summary>
    Utf8Mb3,

    /// <summary>MySQL's <c>latin1</c>, which is Windows code page
    /// 1252 (with 0x81, 0x8D, 0x8F, 0x90, 0x9D kept).</summary>
    Latin1,

    /// <summary>US-ASCII.</summary>
    Ascii,

    /// <summary>UCS-2, big-endian.</summary>
    Ucs2,

    /// <summary>UTF-16, big-endian.</summary>
    Utf16,

    /// <summary>UTF-16, little-endian.</summary>
    Utf16Le,

    /// <summary>UTF-32, big-endian.</summary>
    Utf32,

    /// <summary>A legacy single- or multi-byte character set decoded through its Windows or ISO code page.</summary>
    CodePage,
}
