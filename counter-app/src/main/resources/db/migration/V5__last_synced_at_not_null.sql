-- A user never flushed had last_synced_at NULL, which InnoDB stores in no bytes: the first flush then grew every
-- row by the column's 7 bytes and split its page (about 3 KB of redo per row instead of 155 B, and a 1M-row flush
-- three times MariaDB's cost per row). The earliest DATETIME stands for "never" (UserStore.NEVER_SYNCED), so every
-- row holds the column from its insert and a flush writes it in place.
UPDATE users SET last_synced_at = '1000-01-01 00:00:00.000' WHERE last_synced_at IS NULL;

ALTER TABLE users MODIFY last_synced_at DATETIME(3) NOT NULL DEFAULT '1000-01-01 00:00:00.000';
