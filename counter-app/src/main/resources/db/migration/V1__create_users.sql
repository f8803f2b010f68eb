-- Indexes live in separate statements: jOOQ's DDLDatabase cannot read inline INDEX clauses.
CREATE TABLE users (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    username       VARCHAR(50)  NOT NULL,
    counter        BIGINT       NOT NULL DEFAULT 0,
    -- bumped by every write, so a cache entry can never be replaced by an older one
    version        BIGINT       NOT NULL DEFAULT 0,
    -- sequence number of the last Eventual batch applied; fences replayed batches
    applied_seq    BIGINT       NOT NULL DEFAULT 0,
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    last_synced_at DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_username UNIQUE (username)
);

-- Strong-mode increments remember their Idempotency-Key in the same transaction as the update.
CREATE TABLE idempotency_keys (
    user_id    BIGINT       NOT NULL,
    idem_key   VARCHAR(128) NOT NULL,
    amount     BIGINT       NOT NULL,
    counter    BIGINT       NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
