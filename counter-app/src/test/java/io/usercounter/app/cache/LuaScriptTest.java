package io.usercounter.app.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A script gets the text of the files its --!include lines name, and of no other. */
class LuaScriptTest {

    @Test
    void anIncludeLineBecomesTheIncludedFile() {
        assertThat(CounterScript.ADD_PENDING.lua().source())
                .contains("local function counter_state(", "local function read_answer(")
                .doesNotContain("--!include");
    }

    @Test
    void aScriptIncludesOnlyWhatItNames() {
        assertThat(CounterScript.RELEASE_RESERVATION.lua().source())
                .contains("local function reservation_record(")
                .doesNotContain("counter_state");
        assertThat(CounterScript.DROP_SNAPSHOT.lua().source()).doesNotContain("local function");
    }
}
