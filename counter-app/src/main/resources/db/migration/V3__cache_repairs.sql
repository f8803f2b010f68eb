-- Counters written to MySQL while Redis was unreachable: their cached snapshot must be dropped once
-- Redis answers again. Kept here, not in a replica's memory, so a restart does not forget them.
CREATE TABLE cache_repairs (
    user_id    BIGINT       NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (user_id)
);
