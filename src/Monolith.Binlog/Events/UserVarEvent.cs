using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// USER_VAR_EVENT (type 14): a user variable (<c>@x</c>) that the next statement-based QUERY reads. Parsed for
/// validation and diagnostics; row-based decoding does not need it.
/// </summary>
/// <param name="Name">The variable name without the <c>@</c>.</param>
/// <param name="IsNull">Whether the value is NULL.</param>
/// <param name="ValueType">The item result type: 0 string, 1 real, 2 integer, 4 decimal.</param>
/// <param name="Charset">The collation id of a string value.</param>
/// <param name="Value">The raw value bytes.</param>
public sealed record UserVarEvent(string Name, bool IsNull, byte ValueType, uint Charset, byte[] Value)
{
    private const int MaxNameLength = 256;

    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static UserVarEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "USER_VAR", position);
        var nameLength = reader.ReadUInt32("name length");
        if (nameLength > MaxNameLength)
        {
            reader.Fail($"name length {nameLength} exceeds {MaxNameLength}");
        }

        var name = Encoding.UTF8.GetString(reader.ReadBytes((int)nameLength, "name"));
        var isNull = reader.ReadUInt8("null flag") != 0;
        if (isNull)
        {
            return new UserVarEvent(name, true, 0, 0, []);
        }

        var type = reader.ReadUInt8("value type");
        var charset = reader.ReadUInt32("charset");
        var valueLength = reader.ReadUInt32("value length");
        var value = reader.ReadBytes(valueLength, "value").ToArray();
        return new UserVarEvent(name, false, type, charset, value);
    }
}
