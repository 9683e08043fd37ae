namespace Monolith.Binlog.Schema;

/// <summary>A statement the DDL interpreter cannot read, with the offset in the statement where it stopped.</summary>
internal sealed class DdlSyntaxException(string problem, int offset)
    : FormatException($"{problem} (at offset {offset} of the statement)")
{
    public int Offset { get; } = offset;
}
