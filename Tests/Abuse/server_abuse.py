#!/usr/bin/env python3
"""Abuse of a running `stalemate serve` (docs/reliability.md), run by FaultInjectionTests.

    server_abuse.py PORT     prints one JSON object of figures; exits 1 on a failed check

The server is started with --idle-timeout 3. Each check runs while the others' effects may
linger, and after each the server must still answer /api/health within a second:
  slow-loris   100 connections that send a request line and then one header line a second;
               meanwhile 20 ordinary requests must be answered, and the slow ones closed
               by the server (idle timeout) within 10 s
  headers      requests with a 64 kB header (within the HTTP parser's 80 kB limit: served or
               refused) and a 1 MB header (refused with 4xx or closed, never served)
  sse          one job, 200 clients on its event stream: every stream receives the final state
  cancel       a job of 40,000 runs cancelled while it runs and writes: status cancelled, its
               experiment (in the figures) left for the test to resume
Standard library only.
"""
import json
import socket
import sys
import threading
import time
import urllib.request

PORT = int(sys.argv[1])
BASE = f"http://127.0.0.1:{PORT}"
figures = {}
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def get(path, timeout=5):
    with urllib.request.urlopen(BASE + path, timeout=timeout) as r:
        return r.status, r.read().decode()


def post(path, body, timeout=10):
    req = urllib.request.Request(BASE + path, data=body.encode(), method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read().decode()


def healthy(label):
    start = time.time()
    try:
        status, _ = get("/api/health", timeout=5)
    except Exception as e:  # noqa: BLE001
        failures.append(f"{label}: /api/health failed: {e}")
        return
    took = time.time() - start
    check(status == 200 and took < 1.0, f"{label}: /api/health took {took:.2f} s (status {status})")
    figures.setdefault("health_after", {})[label] = round(took, 3)


def job(runs, weeks=52):
    yaml = json.loads(get("/api/scenarios/kursk-2024")[1])["yaml"]
    body = {"kind": "run", "scenario": {"name": "kursk-2024", "text": yaml},
            "ensemble": {"overrides": [], "runs": runs, "seed": 7, "weeks": weeks}}
    status, text = post("/api/jobs", json.dumps(body))
    check(status == 202, f"job submission: {status}")
    return json.loads(text)["id"]


def slow_loris():
    sockets = []
    for _ in range(100):
        s = socket.create_connection(("127.0.0.1", PORT), timeout=15)
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        sockets.append(s)
    served = 0
    start = time.time()
    for i in range(20):
        for s in sockets:
            try:
                s.sendall(b"X-Trickle: %d\r\n" % i)
            except OSError:
                pass
        t = time.time()
        status, _ = get("/api/health")
        served += status == 200 and time.time() - t < 1.0
        time.sleep(0.5)
    closed = 0
    deadline = start + 25
    for s in sockets:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            closed += s.recv(1) == b""  # closed by the server
        except (socket.timeout, ConnectionResetError):
            closed += isinstance(sys.exc_info()[1], ConnectionResetError)
        s.close()
    figures["slow_loris"] = {"connections": 100, "served_meanwhile": served, "closed_by_server": closed}
    check(served == 20, f"slow-loris: only {served} of 20 ordinary requests answered within 1 s")
    check(closed == 100, f"slow-loris: the server closed {closed} of 100 slow connections")
    healthy("slow-loris")


def big_headers():
    results = {}
    for size in (64 * 1024, 1024 * 1024):
        s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        try:
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size + b"\r\n\r\n")
            reply = s.recv(64)
        except (ConnectionResetError, BrokenPipeError):
            reply = b""
        s.close()
        line = reply.split(b"\r\n")[0].decode(errors="replace")
        results[size] = line or "closed"
        if size > 80 * 1024:
            check(not line.startswith("HTTP/1.1 200"), f"a {size}-byte header was served: {line}")
    figures["oversized_headers"] = results
    healthy("headers")


def sse():
    jid = job(20000)
    finished = []
    lock = threading.Lock()

    def listen():
        try:
            with urllib.request.urlopen(f"{BASE}/api/jobs/{jid}/events", timeout=120) as r:
                last = ""
                for raw in r:
                    line = raw.decode().strip()
                    if line.startswith("data:"):
                        last = line[5:]
                state = json.loads(last) if last else {}
                with lock:
                    finished.append(state.get("status"))
        except Exception as e:  # noqa: BLE001
            with lock:
                finished.append(f"error {e}")

    threads = [threading.Thread(target=listen) for _ in range(200)]
    start = time.time()
    for t in threads:
        t.start()
    time.sleep(0.5)
    healthy("sse (streams open)")
    for t in threads:
        t.join(150)
    complete = sum(1 for s in finished if s == "complete")
    figures["sse"] = {"streams": 200, "ended_with_complete": complete, "seconds": round(time.time() - start, 1)}
    check(complete == 200, f"sse: {complete} of 200 streams saw the job complete ({set(finished)})")
    healthy("sse")


def cancel():
    jid = job(40_000)
    for _ in range(400):
        state = json.loads(get(f"/api/jobs/{jid}")[1])
        if state.get("done", 0) >= 512:
            break
        time.sleep(0.05)
    req = urllib.request.Request(f"{BASE}/api/jobs/{jid}", method="DELETE")
    urllib.request.urlopen(req, timeout=10).read()
    status = None
    for _ in range(400):
        state = json.loads(get(f"/api/jobs/{jid}")[1])
        status = state.get("status")
        if status not in ("running", "queued"):
            break
        time.sleep(0.05)
    figures["cancel"] = {"status": status, "experiment": state.get("experiment")}
    check(status == "cancelled", f"cancel: the job ended {status}")
    healthy("cancel")


for step in (slow_loris, big_headers, sse, cancel):
    try:
        step()
    except Exception as e:  # noqa: BLE001
        failures.append(f"{step.__name__}: {type(e).__name__}: {e}")
figures["failures"] = failures
print(json.dumps(figures))
sys.exit(1 if failures else 0)
