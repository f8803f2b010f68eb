#!/usr/bin/env python3
"""Redis' cost of the flush per counter, today's scripts against the per-batch prototype (lua/), each on a
redis-server of its own started here (no other client's work is counted).

For each scenario: snapshots are cached for COUNTERS users spread over SHARDS shards, then three increment
passes and a flush are measured, each as commands per counter (INFO commandstats), Redis CPU µs per counter
(INFO cpu, user + sys) and, with CALLGRIND=1 (redis-server under valgrind's callgrind), user-space
instructions per counter:
  increment, first   one increment per user whose pending amount is zero
  increment, steady  one more per user (pending not zero)
  flush              claims of 1,000 and their acknowledgements until the shards are empty (today), or one
                     claim per shard, HSCAN chunks of 1,000 and one acknowledgement per chunk (prototype)
  increment, in flight  one increment per user while a batch holding that user is claimed, not acknowledged
  read, read in flight  the read script (state.lua; lua/state-batch.lua) per user, after the steady pass and
                     while that batch is in flight
Scenarios: today (counter-app's add-pending.lua, claim.lua, acknowledge.lua with their includes resolved as
LuaScript.java does, KEYS and ARGV as CounterScripts.java passes them), batch (lua/ prototype, the
acknowledgement adds the amounts to cached snapshots), batch-drop (the acknowledgement unlinks them).
  bench/experiments/per-batch-flush/measure.py [scenario ...]     env: COUNTERS SHARDS ROUNDS CALLGRIND
"""
import glob
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
APP_LUA = os.path.join(HERE, "../../../counter-app/src/main/resources/lua")
PROTOTYPE_LUA = os.path.join(HERE, "lua")
COUNTERS = int(os.environ.get("COUNTERS", "100000"))
SHARDS = int(os.environ.get("SHARDS", "4"))
ROUNDS = int(os.environ.get("ROUNDS", "1"))
CALLGRIND = os.environ.get("CALLGRIND", "0") == "1"
CLAIM_SIZE = 1000  # Flusher.BATCH_LIMIT
PIPELINE = 1000
SNAPSHOT_TTL_MS, IDEMPOTENCY_TTL_MS, MAX_VALUE = "600000", "20000", "9007199254740991"
START_VALUE = 100


class Connection:
    """A minimal RESP2 client: commands are pipelined, replies read in order."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb", buffering=1 << 20)

    @staticmethod
    def encode(args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        return b"".join(out)

    def reply(self):
        line = self.reader.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.reader.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise RuntimeError("unexpected reply %r" % line)

    def pipeline(self, commands):
        replies = []
        for i in range(0, len(commands), PIPELINE):
            chunk = commands[i:i + PIPELINE]
            self.sock.sendall(b"".join(self.encode(c) for c in chunk))
            replies.extend(self.reply() for _ in chunk)
        return replies

    def call(self, *args):
        return self.pipeline([args])[0]


def script_source(name, directories):
    """The script with each `--!include file.lua` line replaced by that file, as LuaScript.load does."""
    for d in directories:
        path = os.path.join(d, name)
        if os.path.exists(path):
            text = open(path).read()
            return re.sub(r"(?m)^--!include (\S+)$", lambda m: script_source(m.group(1), directories), text)
    raise FileNotFoundError(name)


class Server:
    def __init__(self):
        self.work = tempfile.mkdtemp()
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", self.work]
        if CALLGRIND:
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                       "--callgrind-out-file=%s/callgrind.out" % self.work] + command
        self.process = subprocess.Popen(command, stdout=open(self.work + "/redis.log", "w"), stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                self.redis = Connection(self.port)
                self.redis.call("PING")
                return
            except (OSError, RuntimeError):
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait()
        subprocess.run(["rm", "-rf", self.work])

    def cpu(self):
        info = self.redis.call("INFO", "cpu")
        return sum(float(v) for k, v in re.findall(r"used_cpu_(user|sys):([0-9.]+)", info))

    def control(self, *args):
        subprocess.run(["callgrind_control", *args, str(self.process.pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)

    def measure(self, label, per, work):
        """Runs work(), returns its cost per `per` items: commands, CPU µs, instructions (None without callgrind)."""
        self.redis.call("CONFIG", "RESETSTAT")
        if CALLGRIND:
            self.control("-z")
            self.control("-i", "on")
        before = self.cpu()
        work()
        after = self.cpu()
        instructions = None
        if CALLGRIND:
            self.control("-i", "off")
            for f in glob.glob(self.work + "/callgrind.out.*"):
                os.remove(f)
            self.control("-d")
            for f in glob.glob(self.work + "/callgrind.out.*"):
                for line in open(f):
                    if line.startswith("totals:"):
                        instructions = int(line.split()[1]) / per
                if os.environ.get("PROFILES"):  # a directory to keep each phase's profile in, for callgrind_annotate
                    os.makedirs(os.environ["PROFILES"], exist_ok=True)
                    os.rename(f, os.path.join(os.environ["PROFILES"], re.sub(r"\W+", "-", label) + ".callgrind"))
        stats = self.redis.call("INFO", "commandstats")
        calls = {name: int(n) for name, n in re.findall(r"cmdstat_(\w+):calls=(\d+)", stats)
                 if name not in ("info", "config")}
        return {
            "commands": {k: v / per for k, v in sorted(calls.items())},
            "cpu_us": (after - before) * 1e6 / per,
            "instructions": instructions,
        }


def users():
    return range(1, COUNTERS + 1)


def shard_of(user):
    return user % SHARDS


def tag(shard):
    return "{b:%d}" % shard


class Today:
    """counter-app's scripts, keys as CounterKeys names them (with prefix b and SHARDS shards)."""
    name = "today"

    def __init__(self, server):
        self.server, self.redis = server, server.redis
        load = lambda f: self.redis.call("SCRIPT", "LOAD", script_source(f, [APP_LUA]))
        self.add_pending, self.claim, self.ack = load("add-pending.lua"), load("claim.lua"), load("acknowledge.lua")
        self.state = load("state.lua")
        self.token = 0

    def increment(self, by):
        commands = []
        for u in users():
            t = tag(shard_of(u))
            self.token += 1
            commands.append(["EVALSHA", self.add_pending, 4, "%s:db:%d" % (t, u), "%s:q:%d" % (t, u), t + ":dirty",
                             "%s:idem:%d:request token %d" % (t, u, self.token),
                             u, by, 1, IDEMPOTENCY_TTL_MS, SNAPSHOT_TTL_MS, MAX_VALUE, 0])
        for reply in self.redis.pipeline(commands):
            assert reply[0] == 1, reply

    def read(self):
        self.redis.pipeline([["EVALSHA", self.state, 2, "%s:db:%d" % (tag(shard_of(u)), u),
                              "%s:q:%d" % (tag(shard_of(u)), u)] for u in users()])

    def claim_once(self, shard):
        t = tag(shard)
        new, flat = self.redis.call("EVALSHA", self.claim, 4, t + ":dirty", t + ":claimed", t + ":seq",
                                    t + ":claims", t + ":q:", t + ":db:", CLAIM_SIZE)
        return new, [(int(flat[i]), int(flat[i + 1]), int(flat[i + 2])) for i in range(0, len(flat), 3)]

    def acknowledge(self, shard, entries):
        t = tag(shard)
        args = [t + ":q:", t + ":db:", t + ":gone:"]
        for user, delta, seq in entries:
            # the committed row: the cached start value plus the batch, one version up, applied_seq = seq
            args += [user, seq, START_VALUE + self.flushed.get(user, 0) + delta, 2 + self.acks.get(user, 0), seq]
            self.flushed[user] = self.flushed.get(user, 0) + delta
            self.acks[user] = self.acks.get(user, 0) + 1
        self.redis.call("EVALSHA", self.ack, 2, t + ":dirty", t + ":claimed", *args)

    def flush(self):
        for shard in range(SHARDS):
            while True:
                new, entries = self.claim_once(shard)
                if entries:
                    self.acknowledge(shard, entries)
                if new < CLAIM_SIZE:
                    break

    def claim_all(self):
        self.pending_batches = []
        for shard in range(SHARDS):
            while True:
                new, entries = self.claim_once(shard)
                self.pending_batches.append((shard, entries[len(entries) - new:]))
                if new < CLAIM_SIZE:
                    break

    def acknowledge_claimed(self):
        for shard, entries in self.pending_batches:
            if entries:
                self.acknowledge(shard, entries)

    def value(self, u):
        t = tag(shard_of(u))
        s = self.redis.call("HMGET", "%s:db:%d" % (t, u), "v", "aseq")
        q = self.redis.call("HMGET", "%s:q:%d" % (t, u), "pending", "inflight", "bseq")
        value = int(s[0]) + int(q[0] or 0)
        if int(q[2] or 0) > int(s[1]):
            value += int(q[1] or 0)
        return value

    def leftovers(self):
        return sum(self.redis.call("SCARD", tag(s) + k) for s in range(SHARDS) for k in (":dirty", ":claimed")) + \
            sum(self.redis.call("EXISTS", "%s:q:%d" % (tag(shard_of(u)), u)) for u in users())


class Batch:
    """The prototype of lua/."""
    name = "batch"
    mode = "apply"

    def __init__(self, server):
        self.server, self.redis = server, server.redis
        load = lambda f: self.redis.call("SCRIPT", "LOAD", script_source(f, [PROTOTYPE_LUA, APP_LUA]))
        self.add, self.claim, self.ack = load("pending-add.lua"), load("claim-batch.lua"), load("acknowledge-batch.lua")
        self.state = load("state-batch.lua")
        self.token = 0

    def increment(self, by):
        commands = []
        for u in users():
            t = tag(shard_of(u))
            self.token += 1
            commands.append(["EVALSHA", self.add, 4, "%s:db:%d" % (t, u), t + ":pending", t + ":inflight",
                             "%s:idem:%d:request token %d" % (t, u, self.token),
                             u, by, 1, IDEMPOTENCY_TTL_MS, SNAPSHOT_TTL_MS, MAX_VALUE, 0, t + ":inflight:"])
        for reply in self.redis.pipeline(commands):
            assert reply[0] == 1, reply

    def read(self):
        self.redis.pipeline([["EVALSHA", self.state, 3, "%s:db:%d" % (tag(shard_of(u)), u), tag(shard_of(u)) + ":pending",
                              tag(shard_of(u)) + ":inflight", u, tag(shard_of(u)) + ":inflight:"] for u in users()])

    def claim_once(self, shard):
        t = tag(shard)
        return self.redis.call("EVALSHA", self.claim, 4, t + ":pending", t + ":inflight", t + ":seq", t + ":claims",
                               t + ":inflight:")

    def drain(self, shard, seqs):
        t = tag(shard)
        for seq in seqs:
            cursor = "0"
            while True:
                cursor, flat = self.redis.call("HSCAN", "%s:inflight:%s" % (t, seq), cursor, "COUNT", CLAIM_SIZE)
                # here the app would apply the chunk to MySQL
                self.redis.call("EVALSHA", self.ack, 1, t + ":inflight", t + ":db:", t + ":inflight:", seq,
                                1 if cursor == "0" else 0, self.mode, *flat)
                if cursor == "0":
                    break

    def flush(self):
        for shard in range(SHARDS):
            self.drain(shard, self.claim_once(shard))

    def claim_all(self):
        self.pending_batches = [(shard, self.claim_once(shard)) for shard in range(SHARDS)]

    def acknowledge_claimed(self):
        for shard, seqs in self.pending_batches:
            self.drain(shard, seqs)

    def value(self, u):
        t = tag(shard_of(u))
        s = self.redis.call("HMGET", "%s:db:%d" % (t, u), "v", "aseq")
        if s[0] is None:
            return None
        value = int(s[0]) + int(self.redis.call("HGET", t + ":pending", u) or 0)
        for seq in self.redis.call("ZRANGEBYSCORE", t + ":inflight", "(" + s[1], "+inf"):
            value += int(self.redis.call("HGET", "%s:inflight:%s" % (t, seq), u) or 0)
        return value

    def leftovers(self):
        return sum(self.redis.call("EXISTS", tag(s) + k) for s in range(SHARDS) for k in (":pending", ":inflight"))


class BatchDrop(Batch):
    name = "batch-drop"
    mode = "drop"


def check(scenario, expected):
    """Every user's visible value (sampled) is the start value plus every increment so far (or, once batch-drop
    dropped its snapshot, not cached: the next read would load MySQL)."""
    allowed = (expected, None) if scenario.name == "batch-drop" else (expected,)
    for u in list(users())[:: max(1, COUNTERS // 500)]:
        value = scenario.value(u)
        assert value in allowed, (scenario.name, u, value)


def run(scenario_class):
    server = Server()
    try:
        redis = server.redis
        commands = []
        for u in users():
            key = "%s:db:%d" % (tag(shard_of(u)), u)
            commands += [["HSET", key, "v", START_VALUE, "ver", 1, "aseq", 0], ["PEXPIRE", key, SNAPSHOT_TTL_MS]]
        commands += [["SET", tag(s) + ":seq", 0] for s in range(SHARDS)]
        redis.pipeline(commands)
        scenario = scenario_class(server)
        scenario.flushed, scenario.acks = {}, {}
        results = {}
        results["increment, first"] = server.measure(scenario.name + " increment, first", COUNTERS, lambda: scenario.increment(1))
        results["increment, steady"] = server.measure(scenario.name + " increment, steady", COUNTERS, lambda: scenario.increment(2))
        check(scenario, START_VALUE + 3)
        results["read"] = server.measure(scenario.name + " read", COUNTERS, scenario.read)
        results["flush"] = server.measure(scenario.name + " flush", COUNTERS, scenario.flush)
        assert scenario.leftovers() == 0, "state left after the flush"
        check(scenario, START_VALUE + 3)
        if scenario.name != "batch-drop":
            scenario.increment(4)
            scenario.claim_all()
            results["increment, in flight"] = server.measure(scenario.name + " increment, in flight", COUNTERS, lambda: scenario.increment(8))
            check(scenario, START_VALUE + 15)
            results["read, in flight"] = server.measure(scenario.name + " read, in flight", COUNTERS, scenario.read)
            scenario.acknowledge_claimed()
            scenario.flush()
            assert scenario.leftovers() == 0, "state left after the second flush"
            check(scenario, START_VALUE + 15)
        return results
    finally:
        server.stop()


def main():
    scenarios = {c.name: c for c in (Today, Batch, BatchDrop)}
    names = sys.argv[1:] or list(scenarios)
    print("%d counters, %d shards, %d round(s)%s" % (COUNTERS, SHARDS, ROUNDS, ", callgrind" if CALLGRIND else ""))
    # PROFILES=dir (with CALLGRIND=1) keeps each phase's callgrind profile there
    rounds = {name: [] for name in names}
    for r in range(ROUNDS):
        for name in names:
            results = run(scenarios[name])
            rounds[name].append(results)
            for phase, m in results.items():
                listed = " ".join("%s=%.3g" % (k, v) for k, v in m["commands"].items() if v >= 0.0005)
                inside = sum(v for k, v in m["commands"].items() if k not in ("evalsha", "hscan"))
                print("round %d %-10s %-21s commands/counter %5.2f in scripts (%s)  CPU %6.2f us%s" % (
                    r + 1, name, phase, inside, listed, m["cpu_us"],
                    "  instructions %9.0f" % m["instructions"] if m["instructions"] else ""), flush=True)
    if ROUNDS > 1:
        for name in names:
            for phase in rounds[name][0]:
                cpu = [r[phase]["cpu_us"] for r in rounds[name]]
                print("median %-10s %-21s CPU %6.2f us/counter (rounds %s)" % (
                    name, phase, statistics.median(cpu), ", ".join("%.2f" % c for c in cpu)))


if __name__ == "__main__":
    main()
