namespace Monolith.Engine.Query;

/// <summary>
/// The value of a <c>?</c> placeholder as Druid's SQL API sends it: <c>{"type": "VARCHAR", "value": "paid"}</c>.
/// </summary>
/// <param name="Type">SQL type name: VARCHAR, BIGINT, INTEGER, DOUBLE, FLOAT, DECIMAL, BOOLEAN, TIMESTAMP,
/// DATE.</param>
/// <param name="Value">The value: a string, a number, a boolean, or null.</param>
public sealed record SqlParameterValue(string Type, object? Value);
