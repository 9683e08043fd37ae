using System.Text;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// A table with a column of every type MariaDB writes to a row-based binlog, and three rows of literals per
/// column: the type's lowest values, its highest, and awkward ones (zero dates, negative fractions, stripped
/// padding, the empty set). Inserted through a session whose time zone is not UTC, so that TIMESTAMP values
/// must come out of the binlog as the UTC instants they are.
/// </summary>
internal static class AllTypesTable
{
    /// <summary>The session time zone of the writes: seven hours behind UTC.</summary>
    public const string WriteTimeZone = "-07:00";

    private static readonly string s_decimal65 = new string('9', 35) + "." + new string('9', 30);

    /// <summary>Column definition, then the literal of rows 1 (lowest), 2 (highest) and 3 (awkward).</summary>
    public static readonly (string Name, string Definition, string Low, string High, string Odd)[] Columns =
    [
        ("ti", "TINYINT", "-128", "127", "0"),
        ("tiu", "TINYINT UNSIGNED", "0", "255", "1"),
        ("flag", "BOOLEAN", "0", "1", "1"),
        ("si", "SMALLINT", "-32768", "32767", "-1"),
        ("siu", "SMALLINT UNSIGNED", "0", "65535", "256"),
        ("mi", "MEDIUMINT", "-8388608", "8388607", "-1"),
        ("miu", "MEDIUMINT UNSIGNED", "0", "16777215", "8388608"),
        ("i", "INT", "-2147483648", "2147483647", "-1"),
        ("iu", "INT UNSIGNED", "0", "4294967295", "2147483648"),
        ("bi", "BIGINT", "-9223372036854775808", "9223372036854775807", "-1"),
        ("biu", "BIGINT UNSIGNED", "0", "18446744073709551615", "9223372036854775808"),
        ("f", "FLOAT", "-3.402823466e38", "3.402823466e38", "1.401298464e-45"),
        ("d", "DOUBLE", "-1.7976931348623157e308", "1.7976931348623157e308", "4.9406564584124654e-324"),
        ("dec65", "DECIMAL(65,30)", "-" + s_decimal65, s_decimal65, "-0.000000000000000000000000000001"),
        ("dec10", "DECIMAL(10,0)", "-9999999999", "9999999999", "0"),
        ("dec52u", "DECIMAL(5,2) UNSIGNED", "0", "999.99", "0.5"),
        ("y", "YEAR", "1901", "2155", "0"),
        ("dt", "DATE", "'1000-01-01'", "'9999-12-31'", "'0000-00-00'"),
        ("tm0", "TIME", "'-838:59:59'", "'838:59:59'", "'-00:00:01'"),
        ("tm1", "TIME(1)", "'-838:59:59.0'", "'838:59:59.0'", "'-00:00:00.1'"),
        ("tm2", "TIME(2)", "'-838:59:58.99'", "'838:59:58.99'", "'-01:02:03.45'"),
        ("tm3", "TIME(3)", "'-838:59:58.999'", "'838:59:58.999'", "'-00:00:00.001'"),
        ("tm4", "TIME(4)", "'-838:59:58.9999'", "'838:59:58.9999'", "'-12:00:00.5'"),
        ("tm5", "TIME(5)", "'-838:59:58.99999'", "'838:59:58.99999'", "'-00:00:00.00001'"),
        ("tm6", "TIME(6)", "'-838:59:59.000000'", "'838:59:59.000000'", "'-00:00:00.000001'"),
        ("dt0", "DATETIME", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'0000-00-00 00:00:00'"),
        ("dt1", "DATETIME(1)", "'1000-01-01 00:00:00.0'", "'9999-12-31 23:59:59.9'", "'2024-02-29 12:34:56.1'"),
        ("dt2", "DATETIME(2)", "'1000-01-01 00:00:00.00'", "'9999-12-31 23:59:59.99'", "'2024-02-29 12:34:56.12'"),
        ("dt3", "DATETIME(3)", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.999'", "'0000-00-00 00:00:00.000'"),
        ("dt4", "DATETIME(4)", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.9999'", "'2024-02-29 12:34:56.1234'"),
        ("dt5", "DATETIME(5)", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.99999'", "'2024-02-29 12:34:56.00001'"),
        ("dt6", "DATETIME(6)", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'", "'2024-02-29 00:00:00.000001'"),
        ("ts0", "TIMESTAMP NULL", "'1969-12-31 17:00:01'", "'2038-01-18 20:14:07'", "'0000-00-00 00:00:00'"),
        ("ts1", "TIMESTAMP(1) NULL", "'1969-12-31 17:00:01.0'", "'2038-01-18 20:14:07.9'", "'2024-03-31 01:30:00.5'"),
        ("ts2", "TIMESTAMP(2) NULL", "'1969-12-31 17:00:01.01'",
            "'2038-01-18 20:14:07.99'", "'2024-03-31 01:30:00.05'"),
        ("ts3", "TIMESTAMP(3) NULL", "'1969-12-31 17:00:01.001'",
            "'2038-01-18 20:14:07.999'", "'2024-03-31 01:30:00.5'"),
        ("ts4", "TIMESTAMP(4) NULL", "'1969-12-31 17:00:01'",
            "'2038-01-18 20:14:07.9999'", "'2024-03-31 01:30:00.0005'"),
        ("ts5", "TIMESTAMP(5) NULL", "'1969-12-31 17:00:01'",
            "'2038-01-18 20:14:07.99999'", "'2000-01-01 00:00:00.00001'"),
        ("ts6", "TIMESTAMP(6) NULL", "'1969-12-31 17:00:01.000001'",
            "'2038-01-18 20:14:07.999999'", "'2024-12-31 23:59:59.999999'"),
        ("c4", "CHAR(10) CHARACTER SET utf8mb4", "''", "'😀😀😀😀😀😀😀😀😀😀'", "'ab  '"),
        ("vc4", "VARCHAR(300) CHARACTER SET utf8mb4", "''", "REPEAT('中', 300)", "'trailing  '"),
        ("tt4", "TINYTEXT CHARACTER SET utf8mb4", "''", "REPEAT('é', 127)", "'😀'"),
        ("tx4", "TEXT CHARACTER SET utf8mb4", "''", "REPEAT('😀', 16383)", "'ü'"),
        ("mt4", "MEDIUMTEXT CHARACTER SET utf8mb4", "''", "REPEAT('語', 70000)", "'𝄞'"),
        ("lt4", "LONGTEXT CHARACTER SET utf8mb4", "''", "REPEAT('a', 300000)", "'z'"),
        ("c3", "CHAR(10) CHARACTER SET utf8mb3", "''", "'ÄÖÜäöüß€中文'", "'x'"),
        ("vc3", "VARCHAR(100) CHARACTER SET utf8mb3", "''", "'中文字符テスト한국어'", "' '"),
        ("c1", "CHAR(10) CHARACTER SET latin1", "''", "'€ŠšŽžŸ¡¿Àÿ'", "'a'"),
        ("vc1", "VARCHAR(300) CHARACTER SET latin1", "''", Latin1HighBytes(), "'plain'"),
        ("tx1", "TEXT CHARACTER SET latin1", "''", "REPEAT('ÿ', 1000)", "'ö'"),
        ("bn", "BINARY(8)", "x'0000000000000000'", "x'FFFFFFFFFFFFFFFF'", "x'0102'"),
        ("vb", "VARBINARY(300)", "''", "REPEAT(x'00FF', 150)", "x'00'"),
        ("tb", "TINYBLOB", "''", "REPEAT(x'FF', 255)", "x'00'"),
        ("bb", "BLOB", "''", "REPEAT(x'00FF', 30000)", "x'DEADBEEF00'"),
        ("mb", "MEDIUMBLOB", "''", "REPEAT(x'A5', 100000)", "x'01'"),
        ("lb", "LONGBLOB", "''", "REPEAT(x'5A00', 150000)", "x'02'"),
        ("e", "ENUM('a','b','ü-😀')", "'a'", "'ü-😀'", "'b'"),
        ("s", "SET('x','y','z','ü')", "''", "'x,y,z,ü'", "'y'"),
        ("b1", "BIT(1)", "b'0'", "b'1'", "b'1'"),
        ("b7", "BIT(7)", "0", "127", "64"),
        ("b9", "BIT(9)", "0", "511", "256"),
        ("b64", "BIT(64)", "0", "x'FFFFFFFFFFFFFFFF'", "x'8000000000000001'"),
        ("j", "JSON", "'[]'",
            "'{\"k\": [1, 2.5, \"ü😀\", null, true, false], \"n\": {\"deep\": -1e-7, \"big\": 18446744073709551615}}'",
            "'\"str\"'"),
        ("g", "GEOMETRY", "ST_GeomFromText('POINT(0 0)')",
            "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))', 4326)",
            "ST_GeomFromText('LINESTRING(1 1, 2 2)', 3857)"),
        ("pt", "POINT", "POINT(-1.5, 2.25)", "ST_GeomFromText('POINT(180 90)', 4326)", "POINT(0, 0)"),
        ("u", "UUID", "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
            "'6ccd780c-baba-1026-9564-5b8c656024db'"),
        ("ip6", "INET6", "'::'", "'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'", "'::ffff:1.2.3.4'"),
        ("ip4", "INET4", "'0.0.0.0'", "'255.255.255.255'", "'192.168.0.1'"),
    ];

    /// <summary>The CREATE TABLE statement: an id, then every column, all nullable.</summary>
    public static string Create(string database, string table) =>
        $"CREATE TABLE `{database}`.`{table}` (id INT NOT NULL PRIMARY KEY, " +
        string.Join(", ", Columns.Select(c => $"`{c.Name}` {c.Definition}")) +
        ") DEFAULT CHARSET=utf8mb4";

    /// <summary>Row <paramref name="id"/>: 1 lowest, 2 highest, 3 awkward, 4 every column NULL.</summary>
    public static string Insert(string database, string table, int id) =>
        $"INSERT INTO `{database}`.`{table}` VALUES ({id}, " + string.Join(", ", Columns.Select(c => id switch
        {
            1 => c.Low,
            2 => c.High,
            3 => c.Odd,
            _ => "NULL",
        })) + ")";

    /// <summary>Inserts rows 1 to 4 through a session in <see cref="WriteTimeZone"/>.</summary>
    public static async Task InsertAllAsync(Infrastructure.PrivateMariaDb server, string database, string table)
    {
        await using var connection = await server.OpenAdminAsync();
        await using var command = new MySqlConnector.MySqlCommand($"SET time_zone = '{WriteTimeZone}'", connection);
        await command.ExecuteNonQueryAsync();
        for (var id = 1; id <= 4; id++)
        {
            command.CommandText = Insert(database, table, id);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Every byte from 0x20 to 0xFF as a latin1 string (MariaDB's latin1 is cp1252 with 0x81, 0x8D,
    /// 0x8F, 0x90 and 0x9D mapped to the C1 controls).</summary>
    private static string Latin1HighBytes()
    {
        var bytes = new StringBuilder();
        for (var b = 0x20; b <= 0xFF; b++)
        {
            bytes.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return $"_latin1 x'{bytes}'";
    }
}
