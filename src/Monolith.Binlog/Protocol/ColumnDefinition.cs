namespace Monolith.Binlog.Protocol;

/// <summary>One column of a text result set, as the server describes it (Protocol::ColumnDefinition41).</summary>
/// <param name="Schema">Database of the underlying table, empty for computed values.</param>
/// <param name="Table">Alias of the table.</param>
/// <param name="Name">Column name or alias as selected.</param>
/// <param name="CharacterSet">Collation id of the values.</param>
/// <param name="Length">Maximum display length.</param>
/// <param name="Type">Protocol type code (MYSQL_TYPE_*).</param>
/// <param name="Flags">Column flags (NOT NULL, UNSIGNED, BINARY, ...).</param>
/// <param name="Decimals">Digits after the decimal point.</param>
public sealed record ColumnDefinition(
    string Schema, string Table, string Name, int CharacterSet, uint Length, byte Type, ushort Flags, byte Decimals)
{
    internal static ColumnDefinition Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload, "column definition packet");
        reader.ReadLengthEncodedBytes();
        var schema = reader.ReadLengthEncodedString();
        var table = reader.ReadLengthEncodedString();
        reader.ReadLengthEncodedBytes();
        var name = reader.ReadLengthEncodedString();
        reader.ReadLengthEncodedBytes();
        var fixedLength = reader.ReadLengthEncodedInteger();
        if (fixedLength < 12)
        {
            throw new BinlogFormatException(
                $"A column definition announces {fixedLength} bytes of fixed fields; at least 12 are required.");
        }

        var characterSet = reader.ReadUInt16();
        var length = reader.ReadUInt32();
        var type = reader.ReadByte();
        var flags = reader.ReadUInt16();
        var decimals = reader.ReadByte();
        return new ColumnDefinition(schema, table, name, characterSet, length, type, flags, decimals);
    }
}
