namespace Monolith.Engine.Enrichment;

/// <summary>
/// Enrichment state cannot go on: a store outgrew the memory it may use without a directory to spill to, a record
/// read back does not decode, or a row is too large for the store's pages. The message names the store and what
/// to change.
/// </summary>
public sealed class EnrichmentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnrichmentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public EnrichmentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public EnrichmentStateException()
    {
    }
}
