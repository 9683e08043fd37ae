namespace Monolith.Binlog;

/// <summary>
/// A place in a server's binary log: a file name and a byte offset inside it. When it marks where a
/// transaction ends, it is the offset just past that transaction's last event, which is where reading
/// resumes without repeating it.
/// </summary>
/// <param name="File">Binlog file name as the server names it, for example <c>mariadb-bin.000003</c>.</param>
/// <param name="Offset">Byte offset inside the file; 4 is the first event after the magic number.</param>
public readonly record struct BinlogPosition(string File, long Offset)
{
    /// <summary>The offset of the first event in every binlog file, just past the four magic bytes.</summary>
    public const long FirstEventOffset = 4;

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Offset}";
}
