using System.Globalization;
using System.Text;
using Monolith.Shop.Vocabulary;

namespace Monolith.Shop.Workload;

/// <summary>The shop's transactions, each decided with the connection's generator and built as a plan.</summary>
internal sealed partial class WorkloadWorker
{
    /// <summary>The set member 'sale' of <c>products.tags</c> is the second, so its bit is 2.</summary>
    private const int SaleTagBit = 2;

    // Indexes into WorkloadCounters.Statuses.
    private const int StatusPending = 0;
    private const int StatusPaid = 1;
    private const int StatusDelivered = 3;
    private const int StatusCancelled = 4;
    private const int StatusRefunded = 5;

    private static readonly int[] s_itemCounts = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6];

    private int _variables;

    private TransactionPlan Decide(ShopTransactionKind kind, DateTimeOffset instant)
    {
        // A kind with nothing to act on falls back to placing an order (or registering, without users), so the
        // shop fills every state before the mix settles.
        var plan = kind switch
        {
            ShopTransactionKind.PayOrder when _state.Pending.Count > 0 => PayOrder(instant),
            ShopTransactionKind.ShipOrder when _state.Paid.Count > 0 =>
                Advance(kind, _state.Paid, "paid", "shipped", "shipped_at", instant),
            ShopTransactionKind.DeliverOrder when _state.Shipped.Count > 0 =>
                Advance(kind, _state.Shipped, "shipped", "delivered", "delivered_at", instant),
            ShopTransactionKind.CancelOrder when _state.Pending.Count + _state.Paid.Count > 0 => CancelOrder(instant),
            ShopTransactionKind.RefundOrder when _state.Delivered.Count > 0 => RefundOrder(instant),
            ShopTransactionKind.RepriceProduct => RepriceProduct(instant),
            ShopTransactionKind.RestockProduct => RestockProduct(instant),
            ShopTransactionKind.RenameCategory when _categories.Count > 0 => RenameCategory(instant),
            ShopTransactionKind.RegisterUser => RegisterUser(instant),
            ShopTransactionKind.DeleteUser when _state.Users.Count > 1 => DeleteUser(),
            ShopTransactionKind.PlaceMultipleOrders when _state.Users.Count > 1 => PlaceOrders(kind,
                _random.Between(2, Math.Min(4, _state.Users.Count)), instant),
            _ when _state.Users.Count == 0 => RegisterUser(instant),
            _ => PlaceOrders(ShopTransactionKind.PlaceOrder, 1, instant),
        };
        return plan;
    }

    private TransactionPlan PlaceOrders(ShopTransactionKind kind, int orders, DateTimeOffset instant)
    {
        var plan = new TransactionPlan(kind);
        var users = new HashSet<ulong>();
        for (var n = 0; n < orders; n++)
        {
            var user = _random.Pick(_state.Users);
            while (!users.Add(user.Id))
            {
                user = _random.Pick(_state.Users);
            }

            AddOrder(plan, user, instant);
        }

        return plan;
    }

    private void AddOrder(TransactionPlan plan, ShopUser user, DateTimeOffset instant)
    {
        var country = user.Country;
        var created = _clock.WallClock(instant);
        var now = ShopClock.Timestamp(instant);
        var lines = Math.Min(s_itemCounts[_random.Next(s_itemCounts.Length)], _catalog.Count);

        // Distinct products per order, each line priced in the order's currency.
        var products = new List<int>(lines);
        while (products.Count < lines)
        {
            var product = _random.Next(_catalog.Count);
            if (!products.Contains(product))
            {
                products.Add(product);
            }
        }

        var items = new StringBuilder(
            "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate, " +
            "line_total, created_at) VALUES ");
        var itemParameters = new List<(string, object?)>();
        var quantities = new int[lines];
        var subtotal = 0m;
        var variable = "order_" + (++_variables).ToString(CultureInfo.InvariantCulture);
        for (var line = 0; line < lines; line++)
        {
            var quantity = _random.Next(10) switch { < 7 => 1, < 9 => 2, _ => _random.Between(3, 5) };
            var unitPrice = ShopFactory.Convert(_catalog.Price(products[line]), country);
            var discountRate = _random.Chance(0.1) ? _random.Pick([0.1000m, 0.1500m, 0.2500m]) : 0m;
            var lineTotal = Math.Round(unitPrice * quantity * (1 - discountRate), country.Decimals,
                MidpointRounding.AwayFromZero);
            subtotal += lineTotal;
            quantities[line] = quantity;

            var p = string.Create(CultureInfo.InvariantCulture, $"@l{line}_");
            items.Append(line == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"(@{variable}, {line + 1}, {p}product, {p}quantity, {p}price, {p}rate, {p}total, @created)");
            itemParameters.Add((p + "product", _catalog.Id(products[line])));
            itemParameters.Add((p + "quantity", quantity));
            itemParameters.Add((p + "price", unitPrice));
            itemParameters.Add((p + "rate", discountRate));
            itemParameters.Add((p + "total", lineTotal));
        }

        itemParameters.Add(("@created", created));

        string? coupon = null;
        var discount = 0m;
        var shipping = subtotal >= ShopFactory.Convert(50m, country) ? 0m : ShopFactory.Convert(4.95m, country);
        if (_random.Chance(0.12))
        {
            coupon = _random.Pick(ShopVocabulary.CouponCodes);
            if (coupon == "FREESHIP")
            {
                shipping = 0m;
            }
            else
            {
                var percent = coupon.StartsWith("VIP", StringComparison.Ordinal) ? 0.20m : 0.10m;
                discount = Math.Round(subtotal * percent, country.Decimals, MidpointRounding.AwayFromZero);
            }
        }

        var total = subtotal - discount + shipping;
        var tax = Math.Round(total * country.VatRate / (1 + country.VatRate), country.Decimals,
            MidpointRounding.AwayFromZero);

        var insert = plan.Add(
            "INSERT INTO orders (user_id, status, country, currency, item_count, subtotal, discount, shipping_fee, " +
            "tax, total, coupon_code, created_at, updated_at) VALUES (@user, 'pending', @country, @currency, " +
            "@items, @subtotal, @discount, @shipping, @tax, @total, @coupon, @created, @now)",
            "orders", RowOperation.Insert,
            ("@user", user.Id), ("@country", country.Code), ("@currency", country.Currency), ("@items", lines),
            ("@subtotal", subtotal), ("@discount", discount), ("@shipping", shipping), ("@tax", tax),
            ("@total", total), ("@coupon", coupon), ("@created", created), ("@now", now));
        plan.Add($"SET @{variable} = LAST_INSERT_ID()", null, RowOperation.Insert);
        plan.Add(items.ToString(), "order_items", RowOperation.Insert, [.. itemParameters]);
        for (var line = 0; line < lines; line++)
        {
            plan.Add("UPDATE products SET stock = stock - @quantity, updated_at = @now WHERE id = @id",
                "products", RowOperation.Update,
                ("@quantity", quantities[line]), ("@now", now), ("@id", _catalog.Id(products[line])));
        }

        var id = plan.Read(variable);
        plan.OnCommitted.Add(outcome =>
        {
            _state.Pending.Add(new OpenOrder(outcome.Variables[id], user.Id, total, country));
            _counters.AddStatus(StatusPending, outcome.Affected[insert]);
        });
    }

    private TransactionPlan PayOrder(DateTimeOffset instant)
    {
        var order = _state.Pending.Pick(_random)!;
        var (method, feeRate) = ShopFactory.PickPaymentMethod(_random);
        var reference = "pi_" + _random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture)
                              + _random.NextUInt64().ToString("x8", CultureInfo.InvariantCulture)[..8];
        var now = ShopClock.Timestamp(instant);
        var plan = new TransactionPlan(ShopTransactionKind.PayOrder);
        plan.Add(
            "INSERT INTO payments (order_id, method, status, amount, currency, fee_rate, provider_ref, paid_at) " +
            "VALUES (@order, @method, 'captured', @amount, @currency, @fee, @reference, @now)",
            "payments", RowOperation.Insert,
            ("@order", order.Id), ("@method", method), ("@amount", order.Total), ("@currency", order.Country.Currency),
            ("@fee", feeRate), ("@reference", reference), ("@now", now));
        var update = plan.Add(
            "UPDATE orders SET status = 'paid', paid_at = @now, updated_at = @now " +
            "WHERE id = @order AND status = 'pending'",
            "orders", RowOperation.Update, ("@now", now), ("@order", order.Id));
        plan.OnCommitted.Add(outcome =>
        {
            _state.Pending.Remove(order.Id);
            _state.Paid.Add(order);
            MoveStatus(StatusPending, StatusPaid, outcome.Affected[update]);
        });
        return plan;
    }

    private TransactionPlan Advance(ShopTransactionKind kind, OrderPool from, string fromStatus, string toStatus,
        string timeColumn, DateTimeOffset instant)
    {
        var order = from.Pick(_random)!;
        var plan = new TransactionPlan(kind);
        var update = plan.Add(
            $"UPDATE orders SET status = '{toStatus}', {timeColumn} = @now, updated_at = @now " +
            $"WHERE id = @order AND status = '{fromStatus}'",
            "orders", RowOperation.Update, ("@now", ShopClock.Timestamp(instant)), ("@order", order.Id));
        plan.OnCommitted.Add(outcome =>
        {
            from.Remove(order.Id);
            _state.PoolFor(toStatus).Add(order);
            MoveStatus(WorkloadCounters.StatusIndex(fromStatus), WorkloadCounters.StatusIndex(toStatus),
                outcome.Affected[update]);
        });
        return plan;
    }

    private TransactionPlan CancelOrder(DateTimeOffset instant)
    {
        var paid = _state.Pending.Count == 0 || (_state.Paid.Count > 0 && _random.Chance(0.25));
        var pool = paid ? _state.Paid : _state.Pending;
        var status = paid ? "paid" : "pending";
        var order = pool.Pick(_random)!;
        var now = ShopClock.Timestamp(instant);
        var plan = new TransactionPlan(ShopTransactionKind.CancelOrder);
        var update = plan.Add(
            "UPDATE orders SET status = 'cancelled', cancel_reason = @reason, updated_at = @now " +
            "WHERE id = @order AND status = @status",
            "orders", RowOperation.Update,
            ("@reason", _random.Pick(ShopVocabulary.CancelReasons)), ("@now", now), ("@order", order.Id),
            ("@status", status));

        // The items go back into stock.
        plan.Add(
            "UPDATE products p JOIN order_items i ON i.product_id = p.id " +
            "SET p.stock = p.stock + CAST(i.quantity AS SIGNED), p.updated_at = @now WHERE i.order_id = @order",
            "products", RowOperation.Update, ("@now", now), ("@order", order.Id));
        if (paid)
        {
            plan.Add(
                "UPDATE payments SET status = 'refunded', refunded_at = @now, refund_reason = 'order cancelled' " +
                "WHERE order_id = @order AND status = 'captured'",
                "payments", RowOperation.Update, ("@now", now), ("@order", order.Id));
        }

        plan.OnCommitted.Add(outcome =>
        {
            pool.Remove(order.Id);
            MoveStatus(WorkloadCounters.StatusIndex(status), StatusCancelled, outcome.Affected[update]);
        });
        return plan;
    }

    private TransactionPlan RefundOrder(DateTimeOffset instant)
    {
        var order = _state.Delivered.Pick(_random)!;
        var now = ShopClock.Timestamp(instant);
        var plan = new TransactionPlan(ShopTransactionKind.RefundOrder);
        var update = plan.Add(
            "UPDATE orders SET status = 'refunded', updated_at = @now WHERE id = @order AND status = 'delivered'",
            "orders", RowOperation.Update, ("@now", now), ("@order", order.Id));
        plan.Add(
            "UPDATE payments SET status = 'refunded', refunded_at = @now, refund_reason = @reason " +
            "WHERE order_id = @order AND status = 'captured'",
            "payments", RowOperation.Update,
            ("@now", now), ("@reason", _random.Pick(ShopVocabulary.RefundReasons)), ("@order", order.Id));
        plan.OnCommitted.Add(outcome =>
        {
            _state.Delivered.Remove(order.Id);
            MoveStatus(StatusDelivered, StatusRefunded, outcome.Affected[update]);
        });
        return plan;
    }

    private TransactionPlan RepriceProduct(DateTimeOffset instant)
    {
        var product = _random.Next(_catalog.Count);
        var old = _catalog.Price(product);
        var factor = 0.85 + (_random.NextDouble() * 0.30);
        var ending = old - decimal.Floor(old);
        var price = Math.Max(1m, decimal.Floor(old * (decimal)factor)) + ending;
        if (price == old)
        {
            price += 1m;
        }

        // A price cut puts the product on sale; a rise takes it off.
        var tags = price < old ? $"tags | {SaleTagBit}" : $"tags & ~{SaleTagBit}";
        var plan = new TransactionPlan(ShopTransactionKind.RepriceProduct);
        plan.Add($"UPDATE products SET price = @price, tags = {tags}, updated_at = @now WHERE id = @id",
            "products", RowOperation.Update,
            ("@price", price), ("@now", ShopClock.Timestamp(instant)), ("@id", _catalog.Id(product)));
        plan.OnCommitted.Add(_ => _catalog.SetPrice(product, price));
        return plan;
    }

    private TransactionPlan RestockProduct(DateTimeOffset instant)
    {
        var plan = new TransactionPlan(ShopTransactionKind.RestockProduct);
        plan.Add("UPDATE products SET stock = stock + @quantity, updated_at = @now WHERE id = @id",
            "products", RowOperation.Update,
            ("@quantity", _random.Between(20, 400)), ("@now", ShopClock.Timestamp(instant)),
            ("@id", _catalog.Id(_random.Next(_catalog.Count))));
        return plan;
    }

    private TransactionPlan RenameCategory(DateTimeOffset instant)
    {
        var (id, name) = _random.Pick(_categories);
        var plan = new TransactionPlan(ShopTransactionKind.RenameCategory);
        plan.Add("UPDATE categories SET name = @name, updated_at = @now WHERE id = @id",
            "categories", RowOperation.Update,
            ("@name", string.Format(CultureInfo.InvariantCulture, _random.Pick(ShopVocabulary.CategoryRenames), name)),
            ("@now", ShopClock.Timestamp(instant)), ("@id", id));
        return plan;
    }

    private TransactionPlan RegisterUser(DateTimeOffset instant)
    {
        var tag = _random.NextUInt64().ToString("x12", CultureInfo.InvariantCulture)[..12];
        var user = ShopFactory.NewUser(_random, tag, _clock.WallClock(instant));
        var plan = new TransactionPlan(ShopTransactionKind.RegisterUser);
        plan.Add(
            "INSERT INTO users (email, name, country, birth_date, marketing_opt_in, created_at, updated_at) " +
            "VALUES (@email, @name, @country, @birth, @optIn, @created, @now)",
            "users", RowOperation.Insert,
            ("@email", user.Email), ("@name", user.Name), ("@country", user.Country.Code),
            ("@birth", user.BirthDate), ("@optIn", user.MarketingOptIn), ("@created", user.CreatedAt),
            ("@now", ShopClock.Timestamp(instant)));
        var variable = "user_" + (++_variables).ToString(CultureInfo.InvariantCulture);
        plan.Add($"SET @{variable} = LAST_INSERT_ID()", null, RowOperation.Insert);
        var id = plan.Read(variable);
        plan.OnCommitted.Add(outcome => _state.AddUser(new ShopUser(outcome.Variables[id], user.Country)));
        return plan;
    }

    private TransactionPlan DeleteUser()
    {
        var user = _random.Pick(_state.Users);
        var plan = new TransactionPlan(ShopTransactionKind.DeleteUser);

        // Dependent rows first, each with its own DELETE: nothing cascades, so the binlog carries every row.
        // The items are found through a join, not an IN subquery: MariaDB before 11.1 runs a single-table
        // DELETE's subquery once per row of the whole table, scanning and locking every order item.
        plan.Add(
            "DELETE i FROM orders o JOIN order_items i ON i.order_id = o.id " +
            "WHERE o.user_id = @user AND o.status = 'pending'",
            "order_items", RowOperation.Delete, ("@user", user.Id));
        var orders = plan.Add("DELETE FROM orders WHERE user_id = @user AND status = 'pending'",
            "orders", RowOperation.Delete, ("@user", user.Id));
        plan.Add("DELETE FROM users WHERE id = @user", "users", RowOperation.Delete, ("@user", user.Id));
        plan.OnCommitted.Add(outcome =>
        {
            _state.RemoveUser(user.Id);
            _state.Pending.RemoveUser(user.Id);
            _counters.AddStatus(StatusPending, -outcome.Affected[orders]);
        });
        return plan;
    }

    private void MoveStatus(int from, int to, long orders)
    {
        _counters.AddStatus(from, -orders);
        _counters.AddStatus(to, orders);
    }
}
