using System.Globalization;
using Monolith.Shop.Vocabulary;

namespace Monolith.Shop.Bulk;

public sealed partial class ShopBulkLoader
{
    /// <summary>
    /// The statements for orders <c>first .. first + count - 1</c> (numbered from 1 over the whole load; the
    /// order's id is that number plus the largest id before the load). Only numbers computed here are spliced
    /// into the SQL text.
    /// </summary>
    private sealed class Chunk(long first, int count, long baseId, long users, long products, ShopBulkLoader loader)
    {
        private readonly BulkLoadOptions _options = loader._options;

        /// <summary>The order's number over the whole load, from the chunk's sequence.</summary>
        private string Number => string.Create(CultureInfo.InvariantCulture, $"(s.seq + {first - 1})");

        public string ItemsSql()
        {
            var line = $"o.seq * 8 + l.seq";
            return "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate, " +
                   "line_total, created_at) " +
                   "SELECT x.order_id, x.line_no, x.product_id, x.quantity, x.unit_price, x.discount_rate, " +
                   $"{Round("x.unit_price * x.quantity * (1 - x.discount_rate)", "x.decimals")}, x.created_at " +
                   "FROM (SELECT o.id AS order_id, l.seq AS line_no, p.id AS product_id, " +
                   $"CASE {Hash("q", line)} % 10 WHEN 9 THEN 3 WHEN 8 THEN 2 WHEN 7 THEN 2 ELSE 1 END AS quantity, " +
                   $"{Round("p.price * u.rate", "u.decimals")} AS unit_price, " +
                   $"CASE WHEN {Hash("d", line)} % 10 <> 0 THEN 0.0000 " +
                   $"WHEN {Hash("e", line)} % 3 = 0 THEN 0.1000 " +
                   $"WHEN {Hash("e", line)} % 3 = 1 THEN 0.1500 ELSE 0.2500 END AS discount_rate, " +
                   "u.decimals, o.created_at " +
                   $"FROM ({OrdersDerived()}) o " +
                   "JOIN seq_1_to_6 l ON l.seq <= o.items " +
                   "JOIN bulk_users u ON u.n = o.user_n " +
                   $"JOIN bulk_products p ON p.n = {Hash("p", line)} % {products}) x " +
                   "ORDER BY x.order_id, x.line_no";
        }

        public string OrdersSql()
        {
            var lo = baseId + first;
            var hi = baseId + first + count - 1;
            var reasons = Elt(Hash("x", "z.id"), ShopVocabulary.CancelReasons);
            var coupons = Elt(Hash("k", "z.id"), ShopVocabulary.CouponCodes);

            // z: the order with its items summed; y: coupon discount and shipping; outer: total, tax, timestamps.
            var z = "SELECT o.id, o.created_at, u.id AS user_id, u.country, u.currency, u.vat, u.rate, u.decimals, " +
                    "i.item_count, i.subtotal, " +
                    "CASE WHEN o.r < 40 THEN 'cancelled' WHEN o.r < 70 THEN 'refunded' " +
                    "WHEN NOT o.recent OR o.r < 700 THEN 'delivered' WHEN o.r < 800 THEN 'shipped' " +
                    "WHEN o.r < 900 THEN 'paid' ELSE 'pending' END AS status, " +
                    $"IF({Hash("c", "o.id")} % 100 < 12, 1, 0) AS has_coupon " +
                    $"FROM ({OrdersDerived()}) o " +
                    "JOIN bulk_users u ON u.n = o.user_n " +
                    "JOIN (SELECT order_id, COUNT(*) AS item_count, SUM(line_total) AS subtotal FROM order_items " +
                    $"WHERE order_id BETWEEN {lo} AND {hi} GROUP BY order_id) i ON i.order_id = o.id";
            var y = "SELECT z.*, " +
                    $"IF(z.has_coupon = 1, {coupons}, NULL) AS coupon_code, " +
                    $"{Hash("a", "z.id")} % 3600 + 60 AS pay_s, " +
                    $"{Hash("b", "z.id")} % 172800 + 3600 AS ship_s, " +
                    $"{Hash("v", "z.id")} % 259200 + 86400 AS deliver_s, " +
                    $"IF(z.status = 'cancelled', {reasons}, NULL) AS cancel_reason " +
                    $"FROM ({z}) z";
            var w = "SELECT y.*, " +
                    "CASE WHEN y.coupon_code IS NULL OR y.coupon_code = 'FREESHIP' THEN 0 " +
                    $"WHEN y.coupon_code LIKE 'VIP%' THEN {Round("y.subtotal * 0.20", "y.decimals")} " +
                    $"ELSE {Round("y.subtotal * 0.10", "y.decimals")} END AS discount, " +
                    $"CASE WHEN y.coupon_code = 'FREESHIP' OR y.subtotal >= {Round("50 * y.rate", "y.decimals")} " +
                    $"THEN 0 ELSE {Round("4.95 * y.rate", "y.decimals")} END AS shipping_fee " +
                    $"FROM ({y}) y";
            var v = "SELECT w.*, w.subtotal - w.discount + w.shipping_fee AS total, " +
                    "IF(w.status IN ('pending', 'cancelled'), NULL, w.created_at + INTERVAL w.pay_s SECOND) " +
                    "AS paid_at, " +
                    "IF(w.status IN ('shipped', 'delivered', 'refunded'), " +
                    "w.created_at + INTERVAL (w.pay_s + w.ship_s) SECOND, NULL) AS shipped_at, " +
                    "IF(w.status IN ('delivered', 'refunded'), " +
                    "w.created_at + INTERVAL (w.pay_s + w.ship_s + w.deliver_s) SECOND, NULL) AS delivered_at " +
                    $"FROM ({w}) w";
            return "INSERT INTO orders (id, user_id, status, country, currency, item_count, subtotal, discount, " +
                   "shipping_fee, tax, total, coupon_code, created_at, updated_at, paid_at, shipped_at, " +
                   "delivered_at, cancel_reason) " +
                   "SELECT v.id, v.user_id, v.status, v.country, v.currency, v.item_count, v.subtotal, v.discount, " +
                   $"v.shipping_fee, {Round("v.total * v.vat / (1 + v.vat)", "v.decimals")}, v.total, " +
                   "v.coupon_code, v.created_at, " +
                   "CASE v.status WHEN 'refunded' THEN v.delivered_at + INTERVAL 3 DAY " +
                   "WHEN 'cancelled' THEN v.created_at + INTERVAL 1 HOUR " +
                   "ELSE COALESCE(v.delivered_at, v.shipped_at, v.paid_at, v.created_at) END, " +
                   "v.paid_at, v.shipped_at, v.delivered_at, v.cancel_reason " +
                   $"FROM ({v}) v";
        }

        public string PaymentsSql()
        {
            var lo = baseId + first;
            var hi = baseId + first + count - 1;
            var reasons = Elt(Hash("f", "o.id"), ShopVocabulary.RefundReasons);
            return "INSERT INTO payments (order_id, method, status, amount, currency, fee_rate, provider_ref, " +
                   "paid_at, refunded_at, refund_reason) " +
                   "SELECT o.id, m.method, IF(o.status = 'refunded', 'refunded', 'captured'), o.total, o.currency, " +
                   $"m.fee_rate, CONCAT('pi_', LPAD(HEX({Hash("r", "o.id")}), 8, '0'), " +
                   $"LPAD(HEX({Hash("s", "o.id")}), 8, '0')), o.paid_at, " +
                   "IF(o.status = 'refunded', o.updated_at, NULL), " +
                   $"IF(o.status = 'refunded', {reasons}, NULL) " +
                   "FROM orders o " +
                   $"JOIN bulk_methods m ON {Hash("m", "o.id")} % 100 BETWEEN m.lo AND m.hi " +
                   $"WHERE o.id BETWEEN {lo} AND {hi} AND o.paid_at IS NOT NULL ORDER BY o.id";
        }

        /// <summary>One row per order of the chunk: number, id, customer, item count, creation time, dice.</summary>
        private string OrdersDerived()
        {
            var n = Number;
            var spanMicroseconds = (decimal)_options.Span.Ticks / 10;
            var step = spanMicroseconds / _options.Orders;
            var jitter = Math.Max(1L, (long)step);
            var openFrom = (long)(_options.Orders * 0.97m);
            var start = _options.Start.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture,
                $"SELECT {n} AS seq, {baseId} + {n} AS id, {Hash("u", n)} % {users} AS user_n, " +
                $"ELT(1 + {Hash("n", n)} % 20, 1,1,1,1,1,1,1,2,2,2,2,2,3,3,3,3,4,4,5,6) + 0 AS items, " +
                $"CAST('{start}' AS DATETIME(6)) + INTERVAL (FLOOR(({n} - 1) * {step:0.######}) " +
                $"+ {Hash("t", n)} % {jitter}) MICROSECOND AS created_at, " +
                $"{Hash("o", n)} % 1000 AS r, {n} > {openFrom} AS recent " +
                $"FROM seq_1_to_{count} s");
        }

        /// <summary>A CRC32 of the seed, a salt naming the value, and an expression: 0 to 2^32 - 1.</summary>
        private string Hash(string salt, string expression) => string.Create(CultureInfo.InvariantCulture,
            $"CRC32(CONCAT('{_options.Seed}:{salt}:', {expression}))");

        /// <summary>
        /// ROUND to the currency's decimals; both branches are DECIMAL, so no value passes through DOUBLE.
        /// </summary>
        private static string Round(string value, string decimals) =>
            $"IF({decimals} = 0, ROUND({value}, 0), ROUND({value}, 2))";

        private static string Elt(string hash, IReadOnlyList<string> values) =>
            $"ELT(1 + {hash} % {values.Count}, " +
            string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'")) + ")";
    }
}
