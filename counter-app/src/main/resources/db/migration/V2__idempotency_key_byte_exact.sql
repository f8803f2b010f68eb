-- An Idempotency-Key is compared byte for byte, as Redis compares it in Eventual mode: under the server's
-- case-insensitive collation `Order-a1` and `order-A1` were one key in Strong mode and two in Eventual.
ALTER TABLE idempotency_keys MODIFY idem_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
