using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>Reads one column of the row.</summary>
internal sealed class ColumnExpr(int slot, ColumnType type, string name) : Expr(type)
{
    public int Slot { get; } = slot;

    public string Name { get; } = name;

    public override QueryValue Evaluate(IValueSource row) => row.Get(Slot);

    public override bool IsConstant => false;
}
