-- The demo dashboard: Druid SQL over the rollups of data/shop.json. `./dev demo` runs each query every two
-- seconds through `monolith query` and prints its answer under the title in the comment above it. Each query
-- ends with a semicolon at the end of a line. The last query must have rows once orders flow: the demo's
-- smoke test (`./dev demo --duration N`) fails when it has none.

-- Revenue by order status, last hour
SELECT status, SUM(orders) AS orders, SUM(revenue) AS revenue
FROM orders_per_minute
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR
GROUP BY status
ORDER BY revenue DESC;

-- Top countries by revenue, last 24 hours (cancelled orders excluded)
SELECT country, currency, SUM(orders) AS orders, SUM(revenue) AS revenue, COUNT(DISTINCT customers) AS customers
FROM revenue_per_hour
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' DAY
GROUP BY country, currency
ORDER BY orders DESC
LIMIT 5;

-- Payment methods, last hour
SELECT method, SUM(payments) AS payments, MIN(min_amount) AS smallest, MAX(max_amount) AS largest
FROM payments_per_minute
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR
GROUP BY method
ORDER BY payments DESC;

-- Best-selling products, last hour
SELECT product_id, SUM(units) AS units, SUM(lines) AS order_lines
FROM items_per_hour
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' HOUR
GROUP BY product_id
ORDER BY units DESC
LIMIT 5;

-- New users by country, last 7 days
SELECT country, SUM(users) AS users
FROM users_per_day
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '7' DAY
GROUP BY country
ORDER BY users DESC
LIMIT 5;

-- Orders per minute, last 10 minutes
SELECT TIME_FLOOR(__time, 'PT1M') AS "minute", SUM(orders) AS orders, SUM(revenue) AS revenue
FROM orders_per_minute
WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '10' MINUTE
GROUP BY 1
ORDER BY 1 DESC;
