-- The demo shop: an online store as real shops model it. Apply it inside an existing database:
--
--   mariadb -e 'CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
--   mariadb shop < data/shop.sql
--
-- `monolith shop init` does the same (this file is embedded in Monolith.Shop) and then adds reference data.
-- Every statement is idempotent, so applying the file twice changes nothing.
--
-- There are no FOREIGN KEY ... ON DELETE CASCADE clauses on purpose: rows deleted by a cascade are not written
-- to the binlog as row events, so a change-data-capture reader would never see them. The workload deletes
-- every dependent row with its own DELETE statement (order items, then orders, then the user), and the
-- references below are plain indexed columns.
--
-- Time: DATETIME(6) columns hold the shop's wall clock (no zone); TIMESTAMP(6) columns hold instants, stored
-- in UTC and shown in the session's time zone. Money is DECIMAL(12,2); rates are DECIMAL(5,4).

CREATE TABLE IF NOT EXISTS categories (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  parent_id   BIGINT UNSIGNED NULL DEFAULT NULL COMMENT 'NULL for a top-level category',
  name        VARCHAR(100) NOT NULL,
  slug        VARCHAR(120) NOT NULL,
  position    SMALLINT NOT NULL DEFAULT 0,
  is_active   BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY categories_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS products (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  category_id  BIGINT UNSIGNED NOT NULL,
  sku          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name         VARCHAR(200) NOT NULL,
  price        DECIMAL(12,2) NOT NULL COMMENT 'gross price in currency',
  currency     CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'EUR',
  vat_rate     DECIMAL(5,4) NOT NULL COMMENT 'e.g. 0.1900 for 19 %',
  stock        INT NOT NULL DEFAULT 0 COMMENT 'negative while back-ordered',
  attributes   JSON NULL COMMENT 'colour, size, weight_g',
  tags         SET('new', 'sale', 'bestseller', 'eco', 'limited', 'gift') NOT NULL DEFAULT '',
  is_active    BOOLEAN NOT NULL DEFAULT TRUE,
  created_at   DATETIME(6) NOT NULL,
  updated_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY products_sku (sku),
  KEY products_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS users (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email             VARCHAR(190) NOT NULL,
  name              VARCHAR(100) NOT NULL,
  country           CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'ISO 3166-1 alpha-2',
  birth_date        DATE NULL DEFAULT NULL,
  marketing_opt_in  BOOLEAN NOT NULL DEFAULT FALSE,
  created_at        DATETIME(6) NOT NULL,
  updated_at        TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS orders (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id          BIGINT UNSIGNED NOT NULL COMMENT 'kept when the user is deleted after the order was paid',
  status           ENUM('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')
                     NOT NULL DEFAULT 'pending',
  country          CHAR(2) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'shipping country',
  currency         CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'ISO 4217',
  item_count       TINYINT UNSIGNED NOT NULL,
  subtotal         DECIMAL(12,2) NOT NULL,
  discount         DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  shipping_fee     DECIMAL(12,2) NOT NULL DEFAULT 0.00,
  tax              DECIMAL(12,2) NOT NULL COMMENT 'included in total',
  total            DECIMAL(12,2) NOT NULL,
  coupon_code      VARCHAR(32) NULL DEFAULT NULL,
  created_at       DATETIME(6) NOT NULL COMMENT 'wall clock of the shop',
  updated_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  paid_at          TIMESTAMP(6) NULL DEFAULT NULL,
  shipped_at       TIMESTAMP(6) NULL DEFAULT NULL,
  delivered_at     TIMESTAMP(6) NULL DEFAULT NULL,
  cancel_reason    VARCHAR(200) NULL DEFAULT NULL,
  PRIMARY KEY (id),
  KEY orders_user_status (user_id, status),
  KEY orders_status (status),
  KEY orders_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS order_items (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id       BIGINT UNSIGNED NOT NULL,
  line_no        TINYINT UNSIGNED NOT NULL,
  product_id     BIGINT UNSIGNED NOT NULL,
  quantity       SMALLINT UNSIGNED NOT NULL,
  unit_price     DECIMAL(12,2) NOT NULL COMMENT 'in the order currency',
  discount_rate  DECIMAL(5,4) NOT NULL DEFAULT 0.0000,
  line_total     DECIMAL(12,2) NOT NULL,
  created_at     DATETIME(6) NOT NULL COMMENT 'wall clock of the shop, as the order',
  PRIMARY KEY (id),
  UNIQUE KEY order_items_line (order_id, line_no),
  KEY order_items_product (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS payments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id       BIGINT UNSIGNED NOT NULL,
  method         ENUM('card', 'paypal', 'bank_transfer', 'apple_pay', 'google_pay', 'klarna', 'gift_card')
                   NOT NULL,
  status         ENUM('captured', 'refunded') NOT NULL DEFAULT 'captured',
  amount         DECIMAL(12,2) NOT NULL,
  currency       CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  fee_rate       DECIMAL(5,4) NOT NULL COMMENT 'the payment provider''s fee',
  provider_ref   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  paid_at        TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  refunded_at    TIMESTAMP(6) NULL DEFAULT NULL,
  refund_reason  VARCHAR(200) NULL DEFAULT NULL,
  PRIMARY KEY (id),
  KEY payments_order (order_id),
  KEY payments_paid (paid_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
