package io.usercounter.app.store;

import java.util.List;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A chunk of a flush batch as a derived table, JSON_TABLE over one bind value (MySQL 8 and MariaDB
 * 10.6 alike), so a thousand rows cost one statement instead of a thousand.
 */
final class BatchTable {

    private final Table<?> table;

    private BatchTable(List<BatchEntry> entries) {
        StringBuilder rows = new StringBuilder("[");
        for (BatchEntry entry : entries) {
            rows.append(rows.length() > 1 ? ",[" : "[")
                    .append(entry.userId())
                    .append(',')
                    .append(entry.delta())
                    .append(',')
                    .append(entry.seq())
                    .append(']');
        }
        // a plain bind and an inline path: MYSQL's rendering (CAST(? AS JSON), a bound path) fails on MariaDB
        Field<JSON> json = DSL.field("?", SQLDataType.JSON, rows.append(']').toString());
        table = DSL.jsonTable(json, DSL.inline("$[*]"))
                .column("id", SQLDataType.BIGINT)
                .path("$[0]")
                .column("delta", SQLDataType.BIGINT)
                .path("$[1]")
                .column("seq", SQLDataType.BIGINT)
                .path("$[2]")
                .as("batch");
    }

    static BatchTable of(List<BatchEntry> entries) {
        return new BatchTable(entries);
    }

    Table<?> table() {
        return table;
    }

    Field<Long> userId() {
        return table.field("id", Long.class);
    }

    Field<Long> delta() {
        return table.field("delta", Long.class);
    }

    Field<Long> seq() {
        return table.field("seq", Long.class);
    }
}
