namespace Monolith.Binlog.Rows;

/// <summary>
/// MariaDB types that the binlog carries as fixed-length binary strings but SQL shows as text: UUID (16 bytes),
/// INET6 (16 bytes) and INET4 (4 bytes). Only the schema tells them from BINARY(n).
/// </summary>
public enum BinaryTextFormat : byte
{
    /// <summary>Plain binary data.</summary>
    None,

    /// <summary>MariaDB UUID: <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, bytes in the order of the text.</summary>
    Uuid,

    /// <summary>MariaDB INET4: dotted quad.</summary>
    Inet4,

    /// <summary>
    /// MariaDB INET6: hexadecimal groups, IPv4-mapped and IPv4-compatible addresses with a dotted quad.
    /// </summary>
    Inet6,
}
