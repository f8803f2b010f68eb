package io.usercounter.app.store;

import static io.usercounter.app.store.jooq.Tables.SEQ_EPOCHS;

import io.usercounter.app.cache.SeqFloors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Seq floors from MySQL: every start of a shard's seqs takes the next epoch, and epoch e's seqs start at
 * e * 2^40. A Redis issues far fewer than 2^40 seqs per shard, so no floor is ever below a seq issued
 * before it; and seqs stay below 2^53, where Lua's numbers are still exact integers.
 */
@Repository
public class SeqEpochStore implements SeqFloors {

    static final int SEQS_PER_EPOCH_BITS = 40;
    static final long LAST_EPOCH = (1L << (53 - SEQS_PER_EPOCH_BITS)) - 1;

    private final DSLContext dsl;

    public SeqEpochStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long next() {
        long epoch = dsl.transactionResult(cfg -> {
            cfg.dsl()
                    .update(SEQ_EPOCHS)
                    .set(SEQ_EPOCHS.EPOCH, SEQ_EPOCHS.EPOCH.plus(1))
                    .where(SEQ_EPOCHS.ID.eq((byte) 1))
                    .execute();
            return cfg.dsl()
                    .select(SEQ_EPOCHS.EPOCH)
                    .from(SEQ_EPOCHS)
                    .where(SEQ_EPOCHS.ID.eq((byte) 1))
                    .fetchSingle()
                    .value1();
        });
        if (epoch > LAST_EPOCH) {
            throw new IllegalStateException("seq epoch " + epoch + " is past the last one (" + LAST_EPOCH
                    + "): Redis lost its seqs too often for this database; see docs/consistency.md");
        }
        return epoch << SEQS_PER_EPOCH_BITS;
    }
}
