using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Enrichment.Dimensions;

namespace Monolith.Engine.Enrichment.Joins;

/// <summary>
/// One dimension table reached from a fact table: through a column of the fact table (<see cref="Parent"/> -1) or
/// through a column of the dimension reached by an earlier node (chains such as order item → product → category).
/// Rollups over the same fact table that join the same table through the same column share the node, so each fact
/// row looks it up once. The node's columns join the fact table's change batches as
/// <c>{Name}.{column}</c>.
/// </summary>
internal sealed class JoinNode
{
    public JoinNode(int index, string name, DimensionTable dimension, int parent, string sourceColumn)
    {
        Index = index;
        Name = name;
        Dimension = dimension;
        Parent = parent;
        SourceColumn = sourceColumn;
    }

    /// <summary>The node's place among its fact table's nodes (parents come first).</summary>
    public int Index { get; }

    /// <summary>The prefix of its columns in change batches: the alias the first rollup gave the table.</summary>
    public string Name { get; }

    public DimensionTable Dimension { get; }

    /// <summary>The node whose dimension holds the key, or -1 for the fact table.</summary>
    public int Parent { get; }

    /// <summary>The column holding the key: of the fact table, or of the parent's dimension.</summary>
    public string SourceColumn { get; }

    /// <summary>The layout of the dimension when the fact table was bound, or null if it was not known then.
    /// </summary>
    public DimensionLayout? Layout { get; private set; }

    /// <summary>Index of the node's first column among the fact table's joined columns.</summary>
    public int FirstColumn { get; private set; }

    /// <summary>The index of <see cref="SourceColumn"/> in the parent's layout (for a chained node).</summary>
    public int SourceIndex { get; set; } = -1;

    /// <summary>The name of a joined column in change batches.</summary>
    public string ColumnName(string column) => $"{Name}.{column}";

    /// <summary>The node's change-batch columns (none while its dimension has no layout).</summary>
    public IEnumerable<ChangeColumn> Columns(int firstColumn)
    {
        Layout = Dimension.Layout;
        FirstColumn = firstColumn;
        return Layout is null
            ? []
            : Layout.Columns.Select(c => new ChangeColumn(ColumnName(c.Name), c.Type));
    }

    /// <summary>Whether a type can hold join keys.</summary>
    public static bool IsKeyType(IArrowType type) => type is Int64Type or UInt64Type;
}
