namespace Monolith.Shop.Workload;

/// <summary>
/// The orderable products and their current prices in euros, shared by all connections. A reprice becomes visible
/// to other connections once it is committed, as a shop's cache would be refreshed.
/// </summary>
internal sealed class ProductCatalog
{
    private readonly Lock _lock = new();
    private readonly ulong[] _ids;
    private readonly decimal[] _prices;

    public ProductCatalog(IReadOnlyList<(ulong Id, decimal Price)> products)
    {
        _ids = products.Select(p => p.Id).ToArray();
        _prices = products.Select(p => p.Price).ToArray();
    }

    public int Count => _ids.Length;

    public ulong Id(int index) => _ids[index];

    public decimal Price(int index)
    {
        lock (_lock)
        {
            return _prices[index];
        }
    }

    public void SetPrice(int index, decimal price)
    {
        lock (_lock)
        {
            _prices[index] = price;
        }
    }
}
