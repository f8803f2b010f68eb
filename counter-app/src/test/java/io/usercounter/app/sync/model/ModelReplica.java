package io.usercounter.app.sync.model;

import io.usercounter.app.config.Consistency;
import io.usercounter.app.fixture.PrivateRedis;
import io.usercounter.app.fixture.SteppedFlush;
import io.usercounter.app.fixture.TcpProxy;
import io.usercounter.app.fixture.TestDatabase;
import io.usercounter.app.fixture.TestRedis;
import io.usercounter.app.fixture.TestReplica;

/** One replica of the model test: its own connection to Redis through a proxy the test can cut, and a stepped flush. */
final class ModelReplica implements AutoCloseable {

    final String name;
    final Consistency mode;
    final TcpProxy redisProxy;
    final SteppedFlush flush = new SteppedFlush();
    final TestReplica app;

    ModelReplica(String name, Consistency mode, TestDatabase database, PrivateRedis redis, String keyPrefix) {
        this.name = name;
        this.mode = mode;
        this.redisProxy = TcpProxy.to("127.0.0.1", redis.port());
        this.app = new TestReplica(database, TestRedis.url("127.0.0.1", redisProxy.port()), keyPrefix, mode, flush);
    }

    boolean eventual() {
        return mode == Consistency.EVENTUAL;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        flush.close();
        app.close();
        redisProxy.close();
    }
}
