"""The connection-kill fault of the soak: for a while, kill the replicas' connections to Redis and MariaDB.

  kill_connections.py GO_FILE SECONDS EVENTS.tsv REDIS_PORT[,REDIS_PORT...] MARIADB_PORT DATABASE

It starts, connects its MariaDB client, and waits until GO_FILE exists; the window of SECONDS starts then (the
soak starts it before the fault ahead of it, so that no process start lands in the window's time).

Every half second, `CLIENT KILL ID` of every normal client of every Redis data node except this one and the
sentinels' own links (named sentinel-..., which a kill could turn into a failover nobody asked for): the
replicas' connections are the only other normal clients. Every fourth round, `KILL CONNECTION` of every
MariaDB connection to DATABASE. Lettuce then reconnects and re-sends what it wrote without an answer, and the
pool replaces what it lost mid-transaction. Each round appends "<ms>\tconnection-kill\t<redis> <mariadb>" to
EVENTS.tsv. One process and one MariaDB client for the whole window: a redis-cli and an awk per node and
round, or a mariadb client per round, took seconds on a busy machine.
"""
import os, socket, subprocess, sys, time


def redis_command(sock, reader, *words):
    sock.sendall(("*%d\r\n" % len(words) + "".join("$%d\r\n%s\r\n" % (len(w), w) for w in words)).encode())
    line = reader.readline().decode().rstrip("\r\n")
    if line.startswith("$"):
        size = int(line[1:])
        return reader.read(size + 2)[:size].decode() if size >= 0 else None
    return line


def kill_redis_clients(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            reader = sock.makefile("rb")
            me = redis_command(sock, reader, "CLIENT", "ID").lstrip(":")
            killed = 0
            for client in (redis_command(sock, reader, "CLIENT", "LIST", "TYPE", "normal") or "").splitlines():
                fields = dict(f.split("=", 1) for f in client.split() if "=" in f)
                if fields.get("id") != me and not fields.get("name", "").startswith("sentinel-"):
                    killed += redis_command(sock, reader, "CLIENT", "KILL", "ID", fields["id"]) == ":1"
            return killed
    except OSError:
        return 0  # a node that is down has nobody to kill


class MariaDb:
    """One mariadb client for the whole window, fed one statement a line (--force goes on past a KILL of a
    connection that closed meanwhile)."""

    def __init__(self, port, database):
        self.database = database
        self.client = subprocess.Popen(
            ["mariadb", "--protocol=tcp", "-h", "127.0.0.1", "-P", str(port), "-usoak", "--batch",
             "--skip-column-names", "--unbuffered", "--force", "mysql"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def kill_app_connections(self):
        try:
            self.client.stdin.write("SELECT COALESCE(GROUP_CONCAT(id), '') FROM information_schema.processlist "
                                    f"WHERE db = '{self.database}' AND id <> CONNECTION_ID();\n")
            self.client.stdin.flush()
            ids = [i for i in self.client.stdout.readline().strip().split(",") if i.isdigit()]
            if ids:
                self.client.stdin.write("".join(f"KILL CONNECTION {i};" for i in ids) + "\n")
                self.client.stdin.flush()
            return len(ids)
        except (OSError, ValueError):
            return 0  # the client is gone: nothing more to kill this way

    def close(self):
        try:
            self.client.stdin.close()
        except OSError:
            pass
        self.client.wait(timeout=30)


def main(go_file, seconds, events_path, redis_ports, mariadb_port, database):
    mariadb_client = MariaDb(mariadb_port, database)
    while not os.path.exists(go_file):
        time.sleep(0.05)
    deadline, round_ = time.time() + seconds, 0
    while time.time() < deadline:
        redis = sum(kill_redis_clients(int(p)) for p in redis_ports.split(","))
        mariadb = mariadb_client.kill_app_connections() if round_ % 4 == 0 else 0
        with open(events_path, "a") as events:
            events.write(f"{int(time.time() * 1000)}\tconnection-kill\t{redis} {mariadb}\n")
        round_ += 1
        time.sleep(0.5)
    mariadb_client.close()


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
