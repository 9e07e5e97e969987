#!/usr/bin/env python3
"""search-probe.py PORT N: a new account in a group of its own sends N messages over HTTP, each with
a new word, and searches for that word at once (just sent), then for the word of the message before
(sent half a second earlier); prints the median, p90 and max of each, and how many searches missed.

Its set-up (the account, whose password hashing is the heaviest request there is, the group, and
five untimed rounds that warm the search path) comes first; it then prints "ready" and waits for a
line on standard input, so the caller can start its measured load in between."""
import json
import random
import statistics
import sys
import time
import urllib.error
import urllib.request

port, n = int(sys.argv[1]), int(sys.argv[2])
base = f"http://127.0.0.1:{port}"


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def timed_search(word, token):
    start = time.perf_counter()
    status, found = call("GET", f"/api/v1/search/messages?q={word}", token=token)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 200:
        sys.exit(f"search answered {status}: {found}")
    return elapsed, len(found["results"]) == 1


name = "probe%d" % random.randrange(10**9)
password = "password-" + name + "-long"
call("POST", "/api/v1/accounts", {"username": name, "password": password})
token = call("POST", "/api/v1/sessions", {"username": name, "password": password})[1]["token"]
conversation = call("POST", "/api/v1/conversations", {"type": "group", "title": "probe", "members": []}, token)[1]["id"]
times = {"just sent": [], "sent 0.5 s before": []}
missed = 0


def rounds(count, first, record):
    global missed
    previous = None
    for i in range(first, first + count):
        word = "w%dx%d" % (random.randrange(10**9), i)
        status, sent = call("POST", f"/api/v1/conversations/{conversation}/messages", {"clientId": "c%d" % i, "text": "probe " + word}, token)
        if status != 201:
            sys.exit(f"send answered {status}: {sent}")
        for kind, w in (("just sent", word), ("sent 0.5 s before", previous)):
            if w is None:
                continue
            elapsed, found = timed_search(w, token)
            if record:
                times[kind].append(elapsed)
                missed += 0 if found else 1
        previous = word
        time.sleep(0.5)


# Five rounds are 9 searches: with the 99 measured, within the 120 a minute an account may make.
rounds(5, 0, False)
print("ready", flush=True)
sys.stdin.readline()
rounds(n, 5, True)
for kind, t in times.items():
    t.sort()
    print(f"search, {kind}: {len(t)} searches, median {statistics.median(t):.1f} ms, p90 {t[int(0.9 * len(t)) - 1]:.1f} ms, max {t[-1]:.1f} ms")
print(f"searches that did not find the message: {missed}")
