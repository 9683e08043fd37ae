using Monolith.Engine.Enrichment.State;

namespace Monolith.Engine.Enrichment;

/// <summary>One keyed state store, for <c>/status</c>.</summary>
/// <param name="Name">The store's name (<c>dimension-shop.products</c>, <c>facts-shop.order_items</c>).</param>
/// <param name="OnDisk">Whether records past the memory budget spill to disk.</param>
/// <param name="Keys">Keys with a record.</param>
/// <param name="LogBytes">Bytes of log from its oldest live record to its tail (live records and garbage).</param>
/// <param name="MemoryBytes">Bytes of the log held in memory.</param>
/// <param name="DiskReads">Reads that waited for the disk.</param>
/// <param name="Compactions">Compactions run.</param>
public sealed record StoreStatus(string Name, bool OnDisk, long Keys, long LogBytes, long MemoryBytes, long DiskReads,
    long Compactions)
{
    internal static StoreStatus Of(KeyedStateStore store) => new(store.Name, store.OnDisk, store.LiveKeys,
        store.LogBytes, store.MemoryBytes, store.DiskReads, store.Compactions);
}
