"""Load driver of the soak: increments with Idempotency-Keys sent to both replicas, over many users.

  driver.py users URL COUNT PREFIX         registers COUNT users, prints their ids (one a line)
  driver.py load RESULT.json URL,URL IDS_FILE STOP_FILE RETRY_S THREADS MAX

The load runs until STOP_FILE exists (or MAX increments were sent); STOP_FILE.warm appears once every
user has an acknowledged increment. Every logical increment has its own Idempotency-Key and a random amount (1..5). A failed attempt (no
answer, or 5xx) is retried with the same key, on the other replica, until it is acknowledged or RETRY_S
after the load stopped; what is still unacknowledged then is abandoned. The result holds, per user, the
amounts sent, acknowledged and abandoned, and every acknowledgement with its times (epoch ms): when its
first attempt was sent, when it was acknowledged, and when the attempt that got the acknowledgement was sent.
"""
import http.client, json, os, random, sys, threading, time, urllib.parse


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

    def __init__(self, ids, warm_file):
        self.lock, self.warm_file, self.unwarmed = threading.Lock(), warm_file, len(ids)
        self.users = {i: {"sent": 0, "acknowledged": 0, "abandoned": 0, "failed_attempts": 0} for i in ids}
        self.acks = []  # [user, amount, first attempt sent at, acknowledged at, acknowledged attempt sent at]
        self.rejections = []  # answers that are neither 2xx nor a retryable outage

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
            self.users[user]["acknowledged"] += amount
            self.acks.append([user, amount, first_sent, at, attempt_sent])

    def abandoned(self, user, amount, why=None):
        with self.lock:
            self.users[user]["abandoned"] += amount
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
    """One logical increment: its key is reused by every retry."""

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
            attempt = Attempt(picker.pick(rng), rng.randint(1, 5), f"{run}-{index}-{n}", n % len(replicas))
            n += 1
            ledger.sent(attempt.user, attempt.amount)
        elif retries:
            if not clock.retrying():
                for a in retries:
                    ledger.abandoned(a.user, a.amount)
                return
            time.sleep(0.05)
            continue
        else:
            return
        attempt_sent = now_ms()
        status, payload = replicas[attempt.target].send(
            "PUT", f"/api/v1/users/{attempt.user}/increment?by={attempt.amount}", None,
            {"Idempotency-Key": attempt.key})
        if status is not None and 200 <= status < 300:
            ledger.acknowledged(attempt.user, attempt.amount, attempt.first_sent, now_ms(), attempt_sent)
        elif status is not None and status < 500 and status != 429:
            ledger.abandoned(attempt.user, attempt.amount,
                             f"user {attempt.user} key {attempt.key}: {status} {payload[:200]!r}")
        elif not clock.retrying():
            ledger.abandoned(attempt.user, attempt.amount)
        else:
            ledger.failed_attempt(attempt.user)
            attempt.target, attempt.next_at = (attempt.target + 1) % len(replicas), time.time() + 0.2
            retries.append(attempt)


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


def run_load(result_path, urls, ids_file, stop_file, retry_s, threads, max_increments):
    ids = [int(line) for line in open(ids_file) if line.strip()]
    ledger = Ledger(ids, stop_file + ".warm")
    started = time.time()
    clock, budget, run = Clock(stop_file, retry_s), Budget(max_increments), f"soak{int(started)}"
    picker = Picker(ids)
    pool = [threading.Thread(target=worker, args=(i, urls, picker, ledger, clock, budget, run))
            for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    with open(result_path, "w") as out:
        json.dump({"started_ms": int(started * 1000), "ended_ms": now_ms(), "users": ledger.users,
                   "acks": ledger.acks, "rejections": ledger.rejections}, out)


if __name__ == "__main__":
    if sys.argv[1] == "users":
        register_users(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "load":
        run_load(sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5], float(sys.argv[6]),
                 int(sys.argv[7]), int(sys.argv[8]))
    else:
        sys.exit(__doc__)
