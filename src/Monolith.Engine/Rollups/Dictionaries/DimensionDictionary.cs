using Apache.Arrow;

namespace Monolith.Engine.Rollups.Dictionaries;

/// <summary>
/// Maps the values of one column to dense int ids, 0 standing for NULL, so that group keys are small integers.
/// The writer encodes whole Arrow arrays; readers see the values of ids below the count published with a
/// version. Ids are never reused, so a published id keeps its value forever.
/// </summary>
internal abstract class DimensionDictionary
{
    /// <summary>The type of the values.</summary>
    public abstract ColumnType Type { get; }

    /// <summary>Ids in use, counting the NULL id 0.</summary>
    public abstract int Count { get; }

    /// <summary>Bytes of values and look-up tables.</summary>
    public abstract long Bytes { get; }

    /// <summary>Writes the id of every slot of <paramref name="array"/> to <paramref name="ids"/>, adding new
    /// values.</summary>
    public abstract void Encode(IArrowArray array, Span<int> ids);

    /// <summary>
    /// Like <see cref="Encode(IArrowArray, Span{int})"/> for the rows whose group is not negative (the rows a
    /// metric applies); the ids of the other rows are unspecified. A dictionary whose look-up is the cost of an
    /// encoding overrides this to skip rows that will not be applied, such as the pairs of an UPDATE that changed
    /// nothing the rollup reads.
    /// </summary>
    public virtual void Encode(IArrowArray array, Span<int> ids, ReadOnlySpan<int> groups) => Encode(array, ids);

    /// <summary>An immutable view of the values added so far.</summary>
    public abstract DictionarySnapshot Publish();

    /// <summary>A dictionary for a column type, or null when the type cannot be a dimension.</summary>
    public static DimensionDictionary? Create(ColumnType type) => type.Kind switch
    {
        ValueKind.String => new StringDictionary(),
        ValueKind.Decimal when type.Precision <= 38 => new DecimalDictionary(type),
        ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Double or ValueKind.Boolean or ValueKind.Timestamp =>
            new LongDictionary(type),
        _ => null,
    };

    /// <summary>The smallest power of two at least twice <paramref name="count"/>, for an open-addressing
    /// table.</summary>
    protected static int TableSize(int count) => Math.Max(16,
        (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(count * 2)));
}
