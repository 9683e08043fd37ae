namespace Monolith.Engine.Query.Results;

/// <summary>The result formats of Druid's SQL API, plus Arrow IPC streams.</summary>
public enum SqlResultFormat
{
    /// <summary>A JSON array of objects (<c>object</c>, the default).</summary>
    Object,

    /// <summary>A JSON array of arrays (<c>array</c>).</summary>
    Array,

    /// <summary>One JSON object per line, then a blank line (<c>objectLines</c>).</summary>
    ObjectLines,

    /// <summary>One JSON array per line, then a blank line (<c>arrayLines</c>).</summary>
    ArrayLines,

    /// <summary>Comma-separated values, then a blank line (<c>csv</c>).</summary>
    Csv,

    /// <summary>An Arrow IPC stream (<c>application/vnd.apache.arrow.stream</c>).</summary>
    ArrowStream,
}
