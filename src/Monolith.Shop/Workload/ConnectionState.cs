namespace Monolith.Shop.Workload;

/// <summary>
/// What one workload connection owns: its users and their open orders. Connections never touch each other's
/// users or orders, so they conflict only on the shared products, as checkouts in a real shop do.
/// </summary>
internal sealed class ConnectionState
{
    /// <summary>Delivered orders kept for refunds: refunds come within weeks, not years.</summary>
    private const int RecentDeliveries = 2000;

    private readonly Dictionary<ulong, int> _userIndex = [];

    public List<ShopUser> Users { get; } = [];

    public OrderPool Pending { get; } = new();

    public OrderPool Paid { get; } = new();

    public OrderPool Shipped { get; } = new();

    public OrderPool Delivered { get; } = new(RecentDeliveries);

    public void AddUser(ShopUser user)
    {
        _userIndex[user.Id] = Users.Count;
        Users.Add(user);
    }

    public void RemoveUser(ulong id)
    {
        if (!_userIndex.Remove(id, out var at))
        {
            return;
        }

        var last = Users.Count - 1;
        if (at != last)
        {
            Users[at] = Users[last];
            _userIndex[Users[at].Id] = at;
        }

        Users.RemoveAt(last);
    }

    public OrderPool PoolFor(string status) => status switch
    {
        "pending" => Pending,
        "paid" => Paid,
        "shipped" => Shipped,
        "delivered" => Delivered,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an open order status."),
    };
}
