using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Expressions;

/// <summary>
/// A compiled expression: typed at compile time, evaluated against an <see cref="IValueSource"/>. Trees are
/// built per query and used by one thread.
/// </summary>
internal abstract class Expr(ColumnType type)
{
    public ColumnType Type { get; } = type;

    public abstract QueryValue Evaluate(IValueSource row);

    public virtual IReadOnlyList<Expr> Children => [];

    /// <summary>True when the value depends on no column (and the expression can be folded).</summary>
    public virtual bool IsConstant => Children.All(c => c.IsConstant);

    /// <summary>Slots of the columns the expression reads.</summary>
    public HashSet<int> Slots()
    {
        var slots = new HashSet<int>();
        Collect(this, slots);
        return slots;

        static void Collect(Expr expr, HashSet<int> slots)
        {
            if (expr is ColumnExpr column)
            {
                slots.Add(column.Slot);
            }

            foreach (var child in expr.Children)
            {
                Collect(child, slots);
            }
        }
    }
}
