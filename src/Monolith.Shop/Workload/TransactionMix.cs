using System.Globalization;

namespace Monolith.Shop.Workload;

/// <summary>
/// Relative weights of the transaction kinds. A kind that cannot run at the moment (no pending order to pay, say)
/// places an order instead, so the mix is a target, reached once the shop has orders in every state.
/// </summary>
public sealed class TransactionMix
{
    private readonly int[] _weights;
    private readonly int _total;

    private TransactionMix(int[] weights)
    {
        _weights = weights;
        _total = weights.Sum();
        if (_total <= 0)
        {
            throw new ArgumentException("A transaction mix needs at least one kind with a positive weight.");
        }
    }

    /// <summary>A shop's typical day, per mille: mostly order traffic, some catalogue and account changes.</summary>
    public static TransactionMix Default { get; } = new(
    [
        300, // PlaceOrder
        220, // PayOrder
        150, // ShipOrder
        120, // DeliverOrder
        40,  // CancelOrder
        20,  // RefundOrder
        40,  // RepriceProduct
        20,  // RestockProduct
        5,   // RenameCategory
        50,  // RegisterUser
        10,  // DeleteUser
        15,  // PlaceMultipleOrders
    ]);

    /// <summary>The weight of a kind.</summary>
    public int this[ShopTransactionKind kind] => _weights[(int)kind];

    /// <summary>A copy with one weight changed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative.</exception>
    public TransactionMix With(ShopTransactionKind kind, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        var weights = (int[])_weights.Clone();
        weights[(int)kind] = weight;
        return new TransactionMix(weights);
    }

    /// <summary>
    /// Parses <c>Kind=weight</c> pairs separated by commas (for example <c>PlaceOrder=50,DeleteUser=0</c>) over
    /// the default mix; kind names are case-insensitive.
    /// </summary>
    /// <exception cref="FormatException">
    /// A pair is malformed or names no kind; the message gives its position.
    /// </exception>
    public static TransactionMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = (int[])Default._weights.Clone();
        var position = 0;
        foreach (var pair in text.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2
                || !Enum.TryParse<ShopTransactionKind>(parts[0].Trim(), ignoreCase: true, out var kind)
                || !Enum.IsDefined(kind)
                || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                throw new FormatException(
                    $"Transaction mix '{text}': expected Kind=weight (a kind of {nameof(ShopTransactionKind)} and a " +
                    $"non-negative integer) at character {position + 1}, found '{pair}'.");
            }

            weights[(int)kind] = weight;
            position += pair.Length + 1;
        }

        return new TransactionMix(weights);
    }

    internal ShopTransactionKind Pick(ShopRandom random)
    {
        var ticket = random.Next(_total);
        for (var i = 0; i < _weights.Length; i++)
        {
            ticket -= _weights[i];
            if (ticket < 0)
            {
                return (ShopTransactionKind)i;
            }
        }

        return ShopTransactionKind.PlaceOrder;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(',',
        Enum.GetValues<ShopTransactionKind>().Select(k => $"{k}={_weights[(int)k]}"));
}
