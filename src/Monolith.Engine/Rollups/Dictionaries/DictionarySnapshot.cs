using Monolith.Engine.Query;

namespace Monolith.Engine.Rollups.Dictionaries;

/// <summary>The values of a dimension dictionary as published with one version.</summary>
internal abstract class DictionarySnapshot
{
    /// <summary>The type of the values.</summary>
    public abstract ColumnType Type { get; }

    /// <summary>Ids that have values, counting the NULL id 0.</summary>
    public abstract int Count { get; }

    /// <summary>The value of an id; id 0 is NULL.</summary>
    public abstract QueryValue GetValue(int id);
}
