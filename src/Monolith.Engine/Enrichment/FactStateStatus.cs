namespace Monolith.Engine.Enrichment;

/// <summary>The joined values recorded per fact row of one fact table, for <c>/status</c>.</summary>
/// <param name="Table">The fact table (<c>database.table</c>).</param>
/// <param name="Facts">Fact rows with a recorded join.</param>
/// <param name="RetractionsWithoutRecord">Removed row images that had no recorded join (the row was written
/// before reading started) and were retracted with the dimension rows as they stood then.</param>
/// <param name="State">Its keyed state.</param>
public sealed record FactStateStatus(string Table, long Facts, long RetractionsWithoutRecord, StoreStatus State);
