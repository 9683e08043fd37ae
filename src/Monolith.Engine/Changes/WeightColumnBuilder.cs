namespace Monolith.Engine.Changes;

/// <summary>The <c>__weight</c> column: Int8, +1 for a row image that enters, -1 for one that leaves.</summary>
internal sealed class WeightColumnBuilder : FixedWidthColumnBuilder<sbyte>
{
    public WeightColumnBuilder(ChangeColumn column, int rowCapacity)
        : base(column, rowCapacity)
    {
    }

    public void AppendWeight(sbyte weight) => Append(weight);
}
