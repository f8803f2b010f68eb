"""The connection-kill fault of the soak: for a while, kill the replicas' connections to Redis and MariaDB.

  kill_connections.py SECONDS EVENTS.tsv REDIS_PORT[,REDIS_PORT...] MARIADB_PORT DATABASE

Every half second, `CLIENT KILL ID` of every normal client of every Redis data node except this one and the
sentinels' own links (named sentinel-..., which a kill could turn into a failover nobody asked for): the
replicas' connections are the only other normal clients. Every fourth round, `KILL CONNECTION` of every
MariaDB connection to DATABASE. Lettuce then reconnects and re-sends what it wrote without an answer, and the
pool replaces what it lost mid-transaction. Each round appends "<ms>\tconnection-kill\t<redis> <mariadb>" to
EVENTS.tsv. One process for the whole window: a redis-cli and an awk per node and round took seconds on a
busy machine.
"""
import socket, subprocess, sys, time


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


def kill_mariadb_connections(port, database):
    client = ["mariadb", "--protocol=tcp", "-h", "127.0.0.1", "-P", str(port), "-usoak", "--batch",
              "--skip-column-names", "--force", "mysql"]
    listed = subprocess.run(client + ["-e", "SELECT id FROM information_schema.processlist "
                                            f"WHERE db = '{database}' AND id <> CONNECTION_ID()"],
                            capture_output=True, text=True)
    ids = listed.stdout.split() if listed.returncode == 0 else []
    if ids:
        # --force goes on past a connection that closed meanwhile
        subprocess.run(client, input="".join(f"KILL CONNECTION {i};\n" for i in ids), capture_output=True, text=True)
    return len(ids)


def main(seconds, events_path, redis_ports, mariadb_port, database):
    deadline, round_ = time.time() + seconds, 0
    while time.time() < deadline:
        redis = sum(kill_redis_clients(int(p)) for p in redis_ports.split(","))
        mariadb = kill_mariadb_connections(mariadb_port, database) if round_ % 4 == 0 else 0
        with open(events_path, "a") as events:
            events.write(f"{int(time.time() * 1000)}\tconnection-kill\t{redis} {mariadb}\n")
        round_ += 1
        time.sleep(0.5)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(float(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
