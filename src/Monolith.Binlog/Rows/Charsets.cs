using System.Collections.Frozen;
using System.Text;

namespace Monolith.Binlog.Rows;

/// <summary>
/// Maps MySQL and MariaDB collation ids and character set names to text encodings. Every encoding decodes
/// leniently: invalid bytes become U+FFFD rather than failing, so a statement or a value is always readable.
/// </summary>
public static class Charsets
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(false, false);
    private static readonly Encoding s_utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding s_utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding s_utf32Be = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    // Legacy character sets by name: the code page .NET knows them under.
    private static readonly FrozenDictionary<string, int> s_codePages = new Dictionary<string, int>
    {
        ["big5"] = 950, ["cp850"] = 850, ["koi8r"] = 20866, ["latin2"] = 28592, ["ujis"] = 51932,
        ["sjis"] = 932, ["cp932"] = 932, ["hebrew"] = 28598, ["tis620"] = 874, ["euckr"] = 51949,
        ["koi8u"] = 21866, ["gb2312"] = 936, ["greek"] = 28597, ["cp1250"] = 1250, ["gbk"] = 936,
        ["cp1257"] = 1257, ["latin5"] = 28599, ["cp866"] = 866, ["macce"] = 10029, ["macroman"] = 10000,
        ["cp852"] = 852, ["latin7"] = 28603, ["cp1251"] = 1251, ["cp1256"] = 1256, ["gb18030"] = 54936,
        ["eucjpms"] = 20932, ["dec8"] = 1252, ["hp8"] = 1252, ["swe7"] = 20107, ["armscii8"] = 1252,
        ["keybcs2"] = 852, ["geostd8"] = 1252,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // The character set of every collation id up to 323 (MySQL 8.0 and MariaDB share the low ids).
    private static readonly string?[] s_collationCharsets = BuildCollationTable();

    /// <summary>The character set name of a collation id (<c>utf8mb4</c>,
    /// <c>latin1</c>, ...), or null if unknown.</summary>
    public static string? GetCharsetName(int collationId)
    {
        if ((uint)collationId < (uint)s_collationCharsets.Length)
        {
            return s_collationCharsets[collationId];
        }

        // MariaDB: 576-671 hold extra utf8mb3/utf8mb4/ucs2/utf16/utf32 collations, and from 10.10 on the UCA 14.0
        // collations are numbered 2048 + 256 * character set slot.
        return collationId switch
        {
            >= 576 and <= 599 => "utf8mb3",
            >= 608 and <= 631 => "utf8mb4",
            >= 640 and <= 663 => "ucs2",
            >= 672 and <= 695 => "utf16",
            >= 736 and <= 759 => "utf32",
            >= 1024 and <= 2047 => (collationId & 0xFF) switch
            {
                33 or 83 or (>= 192 and <= 215) => "utf8mb3",
                45 or 46 or (>= 224 and <= 247) => "utf8mb4",
                _ => null,
            },
            >= 2048 and < 2304 => "utf8mb3",
            >= 2304 and < 2560 => "utf8mb4",
            >= 2560 and < 2816 => "ucs2",
            >= 2816 and < 3072 => "utf16",
            >= 3072 and < 3328 => "utf32",
            _ => null,
        };
    }

    /// <summary>The character set of a collation id.</summary>
    public static CharacterSet FromCollation(int collationId) => FromName(GetCharsetName(collationId));

    /// <summary>The character set for a name as <c>information_schema</c> reports it.</summary>
    public static CharacterSet FromName(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" => CharacterSet.Unknown,
        "binary" => CharacterSet.Binary,
        "utf8mb4" => CharacterSet.Utf8Mb4,
        "utf8mb3" or "utf8" => CharacterSet.Utf8Mb3,
        "latin1" => CharacterSet.Latin1,
        "ascii" => CharacterSet.Ascii,
        "ucs2" => CharacterSet.Ucs2,
        "utf16" => CharacterSet.Utf16,
        "utf16le" => CharacterSet.Utf16Le,
        "utf32" => CharacterSet.Utf32,
        var other when s_codePages.ContainsKey(other) => CharacterSet.CodePage,
        _ => CharacterSet.Unknown,
    };

    /// <summary>
    /// The encoding that decodes a character set; UTF-8 for unknown ones, and for binary (which has no text form).
    /// </summary>
    public static Encoding GetEncoding(CharacterSet charset, string? name = null) => charset switch
    {
        CharacterSet.Latin1 => CodePage(1252),
        CharacterSet.Ascii => Encoding.ASCII,
        CharacterSet.Ucs2 or CharacterSet.Utf16 => s_utf16Be,
        CharacterSet.Utf16Le => s_utf16Le,
        CharacterSet.Utf32 => s_utf32Be,
        CharacterSet.CodePage when name is not null && s_codePages.TryGetValue(name, out var page) => CodePage(page),
        _ => s_utf8,
    };

    /// <summary>The encoding for a collation id.</summary>
    public static Encoding GetEncodingForCollation(int collationId)
    {
        var name = GetCharsetName(collationId);
        return GetEncoding(FromName(name), name);
    }

    /// <summary>Whether text in this character set is already valid UTF-8 byte for byte.</summary>
    public static bool IsUtf8Compatible(CharacterSet charset) =>
        charset is CharacterSet.Utf8Mb4 or CharacterSet.Utf8Mb3 or CharacterSet.Ascii or CharacterSet.Unknown;

    /// <summary>Decodes bytes in a collation's character set, replacing invalid sequences with U+FFFD.</summary>
    public static string Decode(int collationId, ReadOnlySpan<byte> bytes) =>
        collationId == 0 ? s_utf8.GetString(bytes) : GetEncodingForCollation(collationId).GetString(bytes);

    private static Encoding CodePage(int page) =>
        CodePagesEncodingProvider.Instance.GetEncoding(page) ?? Encoding.GetEncoding(page);

    private static string?[] BuildCollationTable()
    {
        var table = new string?[324];
        void Set(string name, params int[] ids)
        {
            foreach (var id in ids)
            {
                table[id] = name;
            }
        }

        void Range(string name, int from, int to)
        {
            for (var id = from; id <= to; id++)
            {
                table[id] = name;
            }
        }

        Set("big5", 1, 84);
        Set("dec8", 3, 69);
        Set("cp850", 4, 80);
        Set("hp8", 6, 72);
        Set("koi8r", 7, 74);
        Set("latin1", 5, 8, 15, 31, 47, 48, 49, 94);
        Set("latin2", 9, 21, 27, 77);
        Set("swe7", 10, 82);
        Set("ascii", 11, 65);
        Set("ujis", 12, 91);
        Set("sjis", 13, 88);
        Set("cp1251", 14, 23, 50, 51, 52);
        Set("hebrew", 16, 71);
        Set("tis620", 18, 89);
        Set("euckr", 19, 85);
        Set("latin7", 20, 41, 42, 79);
        Set("koi8u", 22, 75);
        Set("gb2312", 24, 86);
        Set("greek", 25, 70);
        Set("cp1250", 26, 34, 44, 66, 99);
        Set("gbk", 28, 87);
        Set("cp1257", 29, 58, 59);
        Set("latin5", 30, 78);
        Set("armscii8", 32, 64);
        Set("utf8mb3", 33, 76, 83, 223);
        Range("utf8mb3", 192, 215);
        Set("ucs2", 35, 90, 159);
        Range("ucs2", 128, 151);
        Set("cp866", 36, 68);
        Set("keybcs2", 37, 73);
        Set("macce", 38, 43);
        Set("macroman", 39, 53);
        Set("cp852", 40, 81);
        Set("utf8mb4", 45, 46);
        Range("utf8mb4", 224, 247);
        Range("utf8mb4", 255, 323);
        Set("utf16", 54, 55);
        Range("utf16", 101, 124);
        Set("utf16le", 56, 62);
        Set("cp1256", 57, 67);
        Set("utf32", 60, 61);
        Range("utf32", 160, 183);
        Set("binary", 63);
        Set("geostd8", 92, 93);
        Set("cp932", 95, 96);
        Set("eucjpms", 97, 98);
        Set("gb18030", 248, 249, 250);
        return table;
    }
}
