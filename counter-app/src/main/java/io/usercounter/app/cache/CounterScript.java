package io.usercounter.app.cache;

/** Every script of {@code classpath:lua/}: each is called through its one method of {@link CounterScripts}. */
enum CounterScript {
    STATE("state.lua"),
    INSTALL("install.lua"),
    ADD_PENDING("add-pending.lua"),
    RESERVE_KEY("reserve-key.lua"),
    RECORD_ANSWER("record-answer.lua"),
    RELEASE_RESERVATION("release-reservation.lua"),
    CLAIM("claim.lua"),
    ACKNOWLEDGE("acknowledge.lua"),
    FENCE("fence.lua"),
    AFTER_SET("after-set.lua"),
    EVICT("evict.lua"),
    FORGET("forget.lua"),
    DROP_SNAPSHOT("drop-snapshot.lua");

    private final LuaScript lua;

    CounterScript(String file) {
        lua = LuaScript.load(file);
    }

    LuaScript lua() {
        return lua;
    }
}
