namespace Monolith.Shop.Workload;

/// <summary>
/// Orders in one state, owned by one connection: random pick, removal by id, both O(1). The order of the items
/// depends only on the operations, so a seeded run picks the same orders every time.
/// </summary>
internal sealed class OrderPool
{
    private readonly List<OpenOrder> _orders = [];
    private readonly Dictionary<ulong, int> _index = [];
    private readonly int _capacity;

    /// <param name="capacity">When full, adding drops the oldest-added order that is still first in line.</param>
    public OrderPool(int capacity = int.MaxValue)
    {
        _capacity = capacity;
    }

    public int Count => _orders.Count;

    public void Add(OpenOrder order)
    {
        if (_orders.Count >= _capacity)
        {
            Remove(_orders[0].Id);
        }

        _index[order.Id] = _orders.Count;
        _orders.Add(order);
    }

    public OpenOrder? Pick(ShopRandom random) => _orders.Count == 0 ? null : _orders[random.Next(_orders.Count)];

    public bool Remove(ulong id)
    {
        if (!_index.Remove(id, out var at))
        {
            return false;
        }

        var last = _orders.Count - 1;
        if (at != last)
        {
            _orders[at] = _orders[last];
            _index[_orders[at].Id] = at;
        }

        _orders.RemoveAt(last);
        return true;
    }

    /// <summary>Removes every order of a user; returns how many there were.</summary>
    public int RemoveUser(ulong userId)
    {
        var ids = _orders.Where(o => o.UserId == userId).Select(o => o.Id).ToList();
        foreach (var id in ids)
        {
            Remove(id);
        }

        return ids.Count;
    }
}
