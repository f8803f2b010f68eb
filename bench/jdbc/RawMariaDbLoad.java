import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The raw MariaDB references of the benchmarks, through the same JDBC driver as the counter app:
 * <pre>
 *   updates URL USER PASSWORD THREADS ROWS WARMUP_S DURATION_S   autocommitted UPDATE counter = counter + 1
 *                                                                on a random row of ROWS (ROWS = 1: hot row)
 *   upsert  URL USER PASSWORD ROWS                               one multi-row INSERT ... ON DUPLICATE KEY
 *                                                                UPDATE over ROWS existing rows
 * </pre>
 * Each prints one line "RESULT requests=.. duration_us=.. p50_us=.. p99_us=..", like bench/wrk/load.lua. Before the
 * timed part each prints "READY" and waits for a line on stdin, so the caller can sample the server's CPU time
 * around exactly what is timed (bench/lib/cpu.sh).
 */
public final class RawMariaDbLoad {

    private static final String TABLE = "raw_counters";

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: updates|upsert URL USER PASSWORD ...");
        }
        String url = args[1], user = args[2], password = args[3];
        switch (args[0]) {
            case "updates" ->
                updates(
                        url,
                        user,
                        password,
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]),
                        Integer.parseInt(args[7]));
            case "upsert" -> upsert(url, user, password, Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + "; expected updates or upsert");
        }
    }

    private static void updates(
            String url, String user, String password, int threads, int rows, int warmupS, int durationS)
            throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            createTable(c, rows);
        }
        run(url, user, password, threads, rows, warmupS);
        awaitGo();
        List<long[]> latencies = new ArrayList<>();
        long started = System.nanoTime();
        latencies.addAll(run(url, user, password, threads, rows, durationS));
        long elapsedNs = System.nanoTime() - started;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d%n",
                all.length, elapsedNs / 1000, percentile(all, 0.50) / 1000, percentile(all, 0.99) / 1000);
    }

    /** THREADS connections each updating random rows for SECONDS; returns every statement's latency in ns. */
    private static List<long[]> run(String url, String user, String password, int threads, int rows, int seconds)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker(DriverManager.getConnection(url, user, password), rows, stop));
        }
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<long[]> latencies = new ArrayList<>();
        for (Worker worker : workers) {
            worker.join();
            if (worker.failure != null) {
                throw worker.failure;
            }
            latencies.add(worker.latencies());
        }
        return latencies;
    }

    private static void upsert(String url, String user, String password, int rows) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            createTable(c, rows);
            StringBuilder sql =
                    new StringBuilder("INSERT INTO " + TABLE + " (id, counter, version, applied_seq) VALUES ");
            for (int id = 1; id <= rows; id++) {
                sql.append(id == 1 ? "" : ",").append('(').append(id).append(",1,1,1)");
            }
            sql.append(" ON DUPLICATE KEY UPDATE counter = counter + VALUES(counter), version = version + 1,"
                    + " applied_seq = VALUES(applied_seq)");
            awaitGo();
            long started = System.nanoTime();
            s.executeUpdate(sql.toString());
            long elapsedNs = System.nanoTime() - started;
            System.out.printf(
                    "RESULT requests=1 duration_us=%d p50_us=%d p99_us=%d%n",
                    elapsedNs / 1000, elapsedNs / 1000, elapsedNs / 1000);
        }
    }

    private static void awaitGo() throws IOException {
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    /** A table shaped like the app's counters (id, counter, version, applied_seq), with ROWS rows at 0. */
    private static void createTable(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id BIGINT NOT NULL PRIMARY KEY, counter BIGINT NOT NULL,"
                    + " version BIGINT NOT NULL, applied_seq BIGINT NOT NULL)");
            s.execute("INSERT INTO " + TABLE + " SELECT seq, 0, 0, 0 FROM seq_1_to_" + rows);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** One client connection issuing updates back to back. */
    private static final class Worker extends Thread {
        private final Connection connection;
        private final int rows;
        private final AtomicBoolean stop;
        private long[] latencies = new long[1 << 14];
        private int count;
        private SQLException failure;

        Worker(Connection connection, int rows, AtomicBoolean stop) {
            this.connection = connection;
            this.rows = rows;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (connection;
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE " + TABLE + " SET counter = counter + 1 WHERE id = ?")) {
                while (!stop.get()) {
                    update.setLong(1, ThreadLocalRandom.current().nextInt(rows) + 1);
                    long started = System.nanoTime();
                    update.executeUpdate();
                    record(System.nanoTime() - started);
                }
            } catch (SQLException e) {
                failure = e;
            }
        }

        private void record(long ns) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = ns;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
