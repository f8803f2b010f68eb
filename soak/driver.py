"""Load driver of the soak: increments with Idempotency-Keys sent to both replicas, over many users.

  driver.py users URL COUNT PREFIX         registers COUNT users, prints their ids (one a line)
  driver.py load RESULT.json URL,URL IDS_FILE STOP_FILE RETRY_S THREADS MAX SET_USERS DELETE_USERS DELETE_EVERY_S
  driver.py reads RESULT.json URL,URL LOAD_RESULT.json   reads every deleted user on every replica (after the flush)

The load runs until STOP_FILE exists (or MAX increments were sent); STOP_FILE.warm appears once every
user has an acknowledged increment. Every logical increment has a random amount (1..5); most carry their own
Idempotency-Key, and a failed attempt (no answer, or 5xx) is retried with the same key, on the other replica,
until it is acknowledged or RETRY_S after the load stopped; what is still unacknowledged then is abandoned.
About one in four carries no key (so a replay inside the app is guarded only by its per-request token): a
failed one cannot be retried safely, so it is abandoned at once (it may or may not have counted).

The first SET_USERS ids are *set users*: besides increments, one thread sets them in turn (`PUT .../count`,
each set a value of its own, a multiple of SET_STEP, never retried: a set without an answer is unknown).
Each line the soak appends to STOP_FILE.retire retires one set user (the first still set): it is not set
again, so its increments after its last set go through the faults that follow, and the account can see them. The
next DELETE_USERS ids are *delete users*: once the load is warm, that thread deletes one every DELETE_EVERY_S
(retried until a 200, or a 404 that shows an earlier attempt deleted it; the rest when the load stops), and
keeps reading the deleted ones; increments go on reaching them and must be refused with a 404.

The result holds, per user, the amounts sent, acknowledged, refused and abandoned, and with their times
(epoch ms) every acknowledgement (when its first attempt was sent, when it was acknowledged, when the attempt
that got it was sent), refusal and abandonment, every set attempt, every delete and every read of a
deleted user.
"""
import http.client, json, os, random, sys, threading, time, urllib.parse

# set values are multiples of this: far above what increments add to a user in one phase, so the final
# value tells which set it started from
SET_STEP = 10_000_000


def now_ms():
    return int(time.time() * 1000)


class Replica:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.conn = None

    def send(self, method, path, body=None, headers=None, timeout=5):
        """Returns (status, payload), or (None, error text) when no answer came."""
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            self.conn.request(method, path, body, headers or {})
            reply = self.conn.getresponse()
            return reply.status, reply.read()
        except (OSError, http.client.HTTPException) as e:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return None, f"{type(e).__name__}: {e}"


def register_users(url, count, prefix, deadline_s=120):
    """A replica just started can be slow to answer on a busy machine: an attempt without an answer (or a 5xx)
    is sent again until deadline_s; a username taken by an earlier attempt whose answer was lost is looked up."""
    replica, deadline = Replica(url), time.time() + deadline_s
    for n in range(count):
        username, retried = f"{prefix}-{n}", False
        while True:
            status, payload = replica.send("POST", "/api/v1/users", json.dumps({"username": username}),
                                           {"Content-Type": "application/json"}, timeout=30)
            if status == 201:
                print(json.loads(payload)["data"]["id"])
                break
            if status == 409 and retried:
                print(find_user(replica, username))
                break
            if (status is not None and status < 500) or time.time() > deadline:
                sys.exit(f"POST /api/v1/users answered {status}: {payload[:200]!r}")
            retried = True
            time.sleep(1)


def find_user(replica, username):
    status, payload = replica.send("GET", "/api/v1/users?limit=1000", timeout=30)
    if status != 200:
        sys.exit(f"GET /api/v1/users answered {status}: {payload[:200]!r}")
    return next(u["id"] for u in json.loads(payload)["data"]["users"] if u["username"] == username)


class Ledger:
    """What the driver knows per user; one lock, since the threads share it."""

    def __init__(self, ids, warm_file, deletable):
        self.lock, self.warm_file, self.unwarmed = threading.Lock(), warm_file, len(ids)
        self.warm = threading.Event()
        self.deletable = deletable
        self.users = {i: {"sent": 0, "acknowledged": 0, "refused": 0, "abandoned": 0, "failed_attempts": 0}
                      for i in ids}
        self.acks = []  # [user, amount, first attempt sent at, acknowledged at, acknowledged attempt sent at]
        self.refusals = []  # [user, amount, first sent at, answered at, attempt sent at, status]: 404s of deleted users
        self.abandons = []  # [user, amount, first sent at]: may or may not have counted
        self.rejections = []  # answers that are neither 2xx nor a retryable outage (nor a deleted user's 404)

    def sent(self, user, amount):
        with self.lock:
            self.users[user]["sent"] += amount

    def failed_attempt(self, user):
        with self.lock:
            self.users[user]["failed_attempts"] += 1

    def acknowledged(self, user, amount, first_sent, at, attempt_sent):
        with self.lock:
            if self.users[user]["acknowledged"] == 0:
                self.unwarmed -= 1
                if self.unwarmed == 0:
                    open(self.warm_file, "w").close()
                    self.warm.set()
            self.users[user]["acknowledged"] += amount
            self.acks.append([user, amount, first_sent, at, attempt_sent])

    def refused(self, user, amount, first_sent, at, attempt_sent, status):
        with self.lock:
            self.users[user]["refused"] += amount
            self.refusals.append([user, amount, first_sent, at, attempt_sent, status])

    def abandoned(self, user, amount, first_sent, why=None):
        with self.lock:
            self.users[user]["abandoned"] += amount
            self.abandons.append([user, amount, first_sent])
            if why:
                self.rejections.append(why)


class Clock:
    """The load runs until the stop file appears; retries go on for retry_s after that."""

    def __init__(self, stop_file, retry_s):
        self.stop_file, self.retry_s, self.retry_end = stop_file, retry_s, None
        self.lock = threading.Lock()

    def loading(self):
        with self.lock:
            if self.retry_end is None and os.path.exists(self.stop_file):
                self.retry_end = time.time() + self.retry_s
            return self.retry_end is None

    def retrying(self):
        return self.loading() or time.time() < self.retry_end


class Attempt:
    """One logical increment: its key (None: sent without one) is reused by every retry."""

    def __init__(self, user, amount, key, target):
        self.user, self.amount, self.key, self.target = user, amount, key, target
        self.first_sent, self.next_at = now_ms(), 0.0


def worker(index, urls, picker, ledger, clock, budget, run):
    """Sends new increments while the load runs; failed ones wait in a retry queue, so that one user whose
    increments cannot succeed right now (a cache miss while MySQL is down) does not hold up the others."""
    replicas = [Replica(u) for u in urls]
    rng = random.Random(index)
    retries, n = [], 0
    while True:
        due = next((a for a in retries if a.next_at <= time.time()), None)
        if due is not None:
            retries.remove(due)
            attempt = due
        elif clock.loading() and budget.take():
            key = f"{run}-{index}-{n}" if rng.random() >= KEYLESS_SHARE else None
            attempt = Attempt(picker.pick(rng), rng.randint(1, 5), key, n % len(replicas))
            n += 1
            ledger.sent(attempt.user, attempt.amount)
        elif retries:
            if not clock.retrying():
                for a in retries:
                    ledger.abandoned(a.user, a.amount, a.first_sent)
                return
            time.sleep(0.05)
            continue
        else:
            return
        attempt_sent = now_ms()
        status, payload = replicas[attempt.target].send(
            "PUT", f"/api/v1/users/{attempt.user}/increment?by={attempt.amount}", None,
            {"Idempotency-Key": attempt.key} if attempt.key else {})
        if status is not None and 200 <= status < 300:
            ledger.acknowledged(attempt.user, attempt.amount, attempt.first_sent, now_ms(), attempt_sent)
        elif status == 404 and attempt.user in ledger.deletable:
            ledger.refused(attempt.user, attempt.amount, attempt.first_sent, now_ms(), attempt_sent, status)
        elif status is not None and status < 500 and status != 429:
            ledger.abandoned(attempt.user, attempt.amount, attempt.first_sent,
                             f"user {attempt.user} key {attempt.key}: {status} {payload[:200]!r}")
        elif attempt.key is None or not clock.retrying():
            # without a key a retry could count twice: the outcome stays unknown
            ledger.failed_attempt(attempt.user)
            ledger.abandoned(attempt.user, attempt.amount, attempt.first_sent)
        else:
            ledger.failed_attempt(attempt.user)
            attempt.target, attempt.next_at = (attempt.target + 1) % len(replicas), time.time() + 0.2
            retries.append(attempt)


KEYLESS_SHARE = 0.25


class Mutator:
    """One thread of sets and deletes next to the increments; a set is never retried (its outcome may be
    unknown), a delete is retried until a 200, or a 404 showing that an earlier attempt deleted the user."""

    def __init__(self, urls, ledger, clock, set_users, delete_users, delete_every_s, retire_file):
        self.replicas = [Replica(u) for u in urls]
        self.retire_file = retire_file
        self.ledger, self.clock = ledger, clock
        self.set_users, self.delete_users, self.delete_every_s = set_users, delete_users, delete_every_s
        self.sets = []  # [user, value, sent at, answered at (None: no answer), status (None: no answer)]
        self.deletes = {}  # user -> {"first_sent", "answered", "status", "attempts"}
        self.reads = []  # [user, path, sent at, status]: reads of deleted users
        self.rng, self.turn = random.Random(7), 0

    def run(self):
        self.ledger.warm.wait()
        next_delete, pending = time.time() + self.delete_every_s, list(self.delete_users)
        while self.clock.loading():
            if pending and time.time() >= next_delete:
                self.delete(pending.pop(0))
                next_delete = time.time() + self.delete_every_s
            elif self.active_set_users():
                active = self.active_set_users()
                self.set(active[self.turn % len(active)])
            self.read_deleted()
            self.turn += 1
            time.sleep(0.1)
        for user in pending:
            self.delete(user)

    def active_set_users(self):
        """the set users not retired yet (the last one is never retired)"""
        try:
            retired = sum(1 for _ in open(self.retire_file))
        except OSError:
            retired = 0
        return self.set_users[min(retired, len(self.set_users) - 1):]

    def target(self):
        # at random, not by turn: the users take turns too, and each would meet one replica only
        return self.rng.choice(self.replicas)

    def set(self, user):
        value = (len(self.sets) + 1) * SET_STEP
        sent = now_ms()
        status, payload = self.target().send("PUT", f"/api/v1/users/{user}/count", json.dumps({"value": value}),
                                             {"Content-Type": "application/json"})
        answered = now_ms() if status is not None else None
        self.sets.append([user, value, sent, answered, status])
        if status is not None and status < 500 and not 200 <= status < 300:
            self.ledger.rejections.append(f"set of user {user} to {value}: {status} {payload[:200]!r}")

    def delete(self, user):
        record = {"first_sent": now_ms(), "answered": None, "status": None, "attempts": 0}
        self.deletes[user] = record
        while self.clock.retrying():
            record["attempts"] += 1
            status, payload = self.target().send("DELETE", f"/api/v1/users/{user}")
            if status in (200, 404):
                record["answered"], record["status"] = now_ms(), status
                return
            if status is not None and status < 500:
                self.ledger.rejections.append(f"delete of user {user}: {status} {payload[:200]!r}")
                return
            time.sleep(0.2)

    def read_deleted(self):
        done = [u for u, r in self.deletes.items() if r["answered"] is not None]
        if done:
            user = self.rng.choice(done)
            path = self.rng.choice([f"/api/v1/users/{user}", f"/api/v1/users/{user}/count"])
            sent = now_ms()
            status, _ = self.target().send("GET", path)
            self.reads.append([user, path, sent, status])


def final_reads(result_path, urls, load_path):
    """After the final flush: every deleted user on every replica, /users/{id} and /count; an attempt
    without an answer (or a 5xx) is sent again for up to a minute."""
    deleted = json.load(open(load_path))["deletes"]
    reads, deadline = [], time.time() + 60
    for url in urls:
        replica = Replica(url)
        for user in deleted:
            for path in (f"/api/v1/users/{user}", f"/api/v1/users/{user}/count"):
                while True:
                    status, _ = replica.send("GET", path, timeout=30)
                    if (status is not None and status < 500) or time.time() > deadline:
                        break
                    time.sleep(0.5)
                reads.append([int(user), url + path, now_ms(), status])
    with open(result_path, "w") as out:
        json.dump({"reads": reads}, out)


class Picker:
    """Every user once first (so that each has a cached value before any fault), then at random."""

    def __init__(self, ids):
        self.ids, self.next, self.lock = ids, 0, threading.Lock()

    def pick(self, rng):
        with self.lock:
            if self.next < len(self.ids):
                self.next += 1
                return self.ids[self.next - 1]
        return rng.choice(self.ids)


class Budget:
    def __init__(self, count):
        self.left, self.lock = count, threading.Lock()

    def take(self):
        with self.lock:
            self.left -= 1
            return self.left >= 0


def run_load(result_path, urls, ids_file, stop_file, retry_s, threads, max_increments, set_count, delete_count,
             delete_every_s):
    ids = [int(line) for line in open(ids_file) if line.strip()]
    set_users, delete_users = ids[:set_count], ids[set_count:set_count + delete_count]
    ledger = Ledger(ids, stop_file + ".warm", set(delete_users))
    started = time.time()
    clock, budget, run = Clock(stop_file, retry_s), Budget(max_increments), f"soak{int(started)}"
    picker = Picker(ids)
    mutator = Mutator(urls, ledger, clock, set_users, delete_users, delete_every_s, stop_file + ".retire")
    pool = [threading.Thread(target=worker, args=(i, urls, picker, ledger, clock, budget, run))
            for i in range(threads)]
    pool.append(threading.Thread(target=mutator.run, daemon=True))
    for t in pool:
        t.start()
    for t in pool[:-1]:
        t.join()
    # the mutator waits for a warm load, which a phase that never warmed up does not reach
    if ledger.warm.is_set():
        pool[-1].join()
    with open(result_path, "w") as out:
        json.dump({"started_ms": int(started * 1000), "ended_ms": now_ms(), "users": ledger.users,
                   "set_users": set_users, "delete_users": delete_users, "set_step": SET_STEP,
                   "acks": ledger.acks, "refusals": ledger.refusals, "abandons": ledger.abandons,
                   "sets": mutator.sets, "deletes": mutator.deletes, "reads": mutator.reads,
                   "rejections": ledger.rejections}, out)


if __name__ == "__main__":
    if sys.argv[1] == "users":
        register_users(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "load":
        run_load(sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5], float(sys.argv[6]),
                 int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10]), float(sys.argv[11]))
    elif sys.argv[1] == "reads":
        final_reads(sys.argv[2], sys.argv[3].split(","), sys.argv[4])
    else:
        sys.exit(__doc__)
