namespace Monolith.Engine.Query;

/// <summary>Why a query failed, in the categories Druid's error responses use.</summary>
public enum QueryErrorCode
{
    /// <summary>The query is malformed or refers to something that does not exist (Druid's INVALID_INPUT).</summary>
    InvalidInput,

    /// <summary>The query is well formed but asks for something the engine cannot answer exactly
    /// (Druid's UNSUPPORTED).</summary>
    Unsupported,

    /// <summary>The query would produce more than the configured limit allows (Druid's CAPACITY_EXCEEDED).</summary>
    CapacityExceeded,
}
