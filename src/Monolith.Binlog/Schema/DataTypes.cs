namespace Monolith.Binlog.Schema;

/// <summary>
/// The type names of column definitions and their synonyms, mapped to the <c>DATA_TYPE</c> that
/// information_schema reports (INTEGER is <c>int</c>, BOOL is <c>tinyint</c>, NUMERIC is <c>decimal</c>).
/// </summary>
internal static class DataTypes
{
    private static readonly Dictionary<string, string> s_single = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tinyint"] = "tinyint", ["int1"] = "tinyint", ["bool"] = "tinyint", ["boolean"] = "tinyint",
        ["smallint"] = "smallint", ["int2"] = "smallint",
        ["mediumint"] = "mediumint", ["int3"] = "mediumint", ["middleint"] = "mediumint",
        ["int"] = "int", ["integer"] = "int", ["int4"] = "int",
        ["bigint"] = "bigint", ["int8"] = "bigint", ["serial"] = "bigint",
        ["decimal"] = "decimal", ["dec"] = "decimal", ["numeric"] = "decimal", ["fixed"] = "decimal",
        ["float"] = "float", ["float4"] = "float",
        ["double"] = "double", ["float8"] = "double", ["real"] = "double",
        ["bit"] = "bit",
        ["char"] = "char", ["character"] = "char", ["nchar"] = "char",
        ["varchar"] = "varchar", ["nvarchar"] = "varchar", ["varcharacter"] = "varchar",
        ["binary"] = "binary", ["varbinary"] = "varbinary",
        ["tinytext"] = "tinytext", ["text"] = "text", ["mediumtext"] = "mediumtext", ["longtext"] = "longtext",
        ["long"] = "mediumtext",
        ["tinyblob"] = "tinyblob", ["blob"] = "blob", ["mediumblob"] = "mediumblob", ["longblob"] = "longblob",
        ["json"] = "json", ["enum"] = "enum", ["set"] = "set",
        ["date"] = "date", ["time"] = "time", ["datetime"] = "datetime", ["timestamp"] = "timestamp",
        ["year"] = "year",
        ["geometry"] = "geometry", ["point"] = "point", ["linestring"] = "linestring", ["polygon"] = "polygon",
        ["multipoint"] = "multipoint", ["multilinestring"] = "multilinestring",
        ["multipolygon"] = "multipolygon", ["geometrycollection"] = "geometrycollection",
        ["geomcollection"] = "geomcollection",
        ["uuid"] = "uuid", ["inet4"] = "inet4", ["inet6"] = "inet6", ["vector"] = "vector",
    };

    private static readonly HashSet<string> s_text = new(StringComparer.OrdinalIgnoreCase)
    {
        "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set",
    };

    /// <summary>
    /// The DATA_TYPE for a type word, with the word after it for two-word names (DOUBLE PRECISION, CHARACTER
    /// VARYING, LONG VARCHAR, LONG VARBINARY, NATIONAL CHAR); <paramref name="words"/> is 2 when both are used.
    /// </summary>
    public static bool TryNormalize(string word, string? nextWord, out string dataType, out int words)
    {
        words = 1;
        var next = nextWord?.ToUpperInvariant();
        switch (word.ToUpperInvariant())
        {
            case "DOUBLE" when next == "PRECISION":
                (dataType, words) = ("double", 2);
                return true;
            case "CHARACTER" or "CHAR" when next == "VARYING":
                (dataType, words) = ("varchar", 2);
                return true;
            case "LONG" when next is "VARCHAR" or "CHARACTER":
                (dataType, words) = ("mediumtext", 2);
                return true;
            case "LONG" when next == "VARBINARY":
                (dataType, words) = ("mediumblob", 2);
                return true;
            case "NATIONAL" when next is "CHAR" or "CHARACTER":
                (dataType, words) = ("char", 2);
                return true;
            case "NATIONAL" when next is "VARCHAR" or "VARCHARACTER":
                (dataType, words) = ("varchar", 2);
                return true;
        }

        return s_single.TryGetValue(word, out dataType!);
    }

    /// <summary>Whether values of the type are text in a character set.</summary>
    public static bool IsText(string dataType) => s_text.Contains(dataType);

    /// <summary>The binary type a text type becomes with CHARACTER SET binary.</summary>
    public static string ToBinary(string dataType) => dataType switch
    {
        "char" => "binary",
        "varchar" => "varbinary",
        "tinytext" => "tinyblob",
        "text" => "blob",
        "mediumtext" => "mediumblob",
        "longtext" => "longblob",
        _ => dataType,
    };
}
