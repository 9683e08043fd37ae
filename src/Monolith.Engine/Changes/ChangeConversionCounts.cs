namespace Monolith.Engine.Changes;

/// <summary>
/// Values a <see cref="ChangeBatchBuilder"/> stored as NULL because they could not be represented, counted
/// since the builder was created. The pipeline reports them; a value is never stored wrong instead.
/// </summary>
/// <param name="ZeroDates">Zero or partly zero dates (<c>0000-00-00</c>, <c>2024-00-10</c>).</param>
/// <param name="Unfit">Values outside the column type: out of range or precision, inexact scale, invalid
/// calendar dates, invalid UTF-8, or an append of a kind the column type cannot take.</param>
/// <param name="Missing">Materialised columns that a row did not supply (a minimal row image).</param>
public readonly record struct ChangeConversionCounts(long ZeroDates, long Unfit, long Missing)
{
    /// <summary>All values stored as NULL instead of what the source sent.</summary>
    public long Total => ZeroDates + Unfit + Missing;
}
