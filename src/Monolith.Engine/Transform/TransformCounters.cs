namespace Monolith.Engine.Transform;

/// <summary>
/// Values an expression evaluator turned into NULL, counted since it was compiled. Each is a value SQL
/// could not produce exactly; the pipeline reports them instead of storing something silently wrong.
/// </summary>
public sealed class TransformCounters
{
    /// <summary>Arithmetic or conversions whose result does not fit the result type (integer overflow,
    /// decimal precision exceeded, dates outside year 0 to 9999).</summary>
    public long Overflows { get; internal set; }

    /// <summary>Divisions and remainders by zero.</summary>
    public long DivisionsByZero { get; internal set; }

    /// <summary>Input that cannot be read as the wanted type: text that is not a number or date in a CAST,
    /// invalid JSON.</summary>
    public long InvalidInputs { get; internal set; }
}
