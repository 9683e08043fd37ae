namespace Monolith.Shop.Workload;

/// <summary>The business transactions of the shop.</summary>
public enum ShopTransactionKind
{
    /// <summary>INSERT an order and its 1 to 6 items; UPDATE the stock of each product.</summary>
    PlaceOrder,

    /// <summary>INSERT a payment; UPDATE the order to paid.</summary>
    PayOrder,

    /// <summary>UPDATE a paid order to shipped.</summary>
    ShipOrder,

    /// <summary>UPDATE a shipped order to delivered.</summary>
    DeliverOrder,

    /// <summary>
    /// UPDATE a pending or paid order to cancelled, its payment to refunded, and put its items back in stock.
    /// </summary>
    CancelOrder,

    /// <summary>UPDATE a delivered order and its payment to refunded.</summary>
    RefundOrder,

    /// <summary>UPDATE a product's price.</summary>
    RepriceProduct,

    /// <summary>UPDATE a product's stock upwards.</summary>
    RestockProduct,

    /// <summary>UPDATE a category's name.</summary>
    RenameCategory,

    /// <summary>INSERT a user.</summary>
    RegisterUser,

    /// <summary>DELETE a user, their pending orders and those orders' items, each with its own statement.</summary>
    DeleteUser,

    /// <summary>
    /// Two to four orders for different users in one transaction, as a marketplace checkout splits them.
    /// </summary>
    PlaceMultipleOrders,
}
