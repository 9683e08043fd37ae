namespace Monolith.Engine.Sql.Ast;

/// <summary>A type name in CAST, such as <c>BIGINT</c>, <c>VARCHAR</c> or <c>DECIMAL(12, 2)</c>.</summary>
/// <param name="Offset">Offset of the type name.</param>
/// <param name="Name">The type name in upper case; two-word names are joined by a space.</param>
/// <param name="Precision">Precision or length in parentheses, when written.</param>
/// <param name="Scale">Scale, when written.</param>
public sealed record SqlDataType(int Offset, string Name, int? Precision, int? Scale) : SqlNode(Offset)
{
    /// <inheritdoc />
    public override string ToString() => (Precision, Scale) switch
    {
        (null, _) => Name,
        ({ } p, null) => $"{Name}({p})",
        ({ } p, { } s) => $"{Name}({p}, {s})",
    };
}
