-- Where a shard's batch seqs start again after Redis lost them: each start takes the next epoch, and the
-- seqs of epoch e start at e * 2^40, above every seq an earlier epoch issued (see SeqEpochStore).
CREATE TABLE seq_epochs (
    id    TINYINT NOT NULL,
    epoch BIGINT  NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO seq_epochs (id, epoch) VALUES (1, 0);
