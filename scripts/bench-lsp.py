#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of `verdict lsp` on the shipped library (issue #15).

Starts the server on the repository's workspace, opens every rule file, then in each file
types a character at a fixed spot and deletes it again, many times, and measures the time
from each `didChange` to the `publishDiagnostics` for that version. Prints the median and
p99 against the targets (50 ms, 150 ms) and exits 1 when a target is missed.

    scripts/bench-lsp.py [--binary .build/release/verdict] [--edits 400] [--seed 15]
"""
import argparse, json, os, random, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Client:
    def __init__(self, binary, root, options=None):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
        self.next_id = 0
        self.root = root
        self.notifications = []

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.strip()
            if not line:
                break
            k, _, v = line.decode().partition(":")
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m
            if "method" in m:
                self.notifications.append(m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.read()
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                return p


def uri(path):
    return "file://" + os.path.abspath(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/verdict"))
    ap.add_argument("--edits", type=int, default=400)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--debounce-ms", type=int, default=None, help="override the server's debounce")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}: run `swift build -c release` first or pass --binary")
    rules = os.path.join(ROOT, "rules")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(rules) for f in fs if f.endswith(".rules"))
    c = Client(args.binary, ROOT)
    init = {"processId": os.getpid(), "rootUri": uri(ROOT), "capabilities": {}}
    if args.debounce_ms is not None:
        init["initializationOptions"] = {"debounceMilliseconds": args.debounce_ms}
    c.request("initialize", init)
    c.notify("initialized", {})
    texts = {}
    for f in files:
        texts[f] = open(f, encoding="utf-8").read()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(f), "languageId": "verdict", "version": 1, "text": texts[f]}})
        c.wait_diagnostics(uri(f), 1)
    rng = random.Random(args.seed)
    versions = {f: 1 for f in files}
    samples = []
    for i in range(args.edits):
        f = files[i % len(files)]
        text = texts[f]
        # Type a space at a random line end, or take it back: the file stays valid either way.
        if text.endswith(" \n"):
            new = text[:-2] + "\n"
        else:
            new = text[:-1] + " \n" if text.endswith("\n") else text + " "
        texts[f] = new
        versions[f] += 1
        started = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri(f), "version": versions[f]}, "contentChanges": [{"text": new}]})
        c.wait_diagnostics(uri(f), versions[f])
        samples.append((time.perf_counter() - started) * 1000)
        time.sleep(rng.uniform(0.0, 0.03))  # a typist's gaps, so edits are not all coalesced
    c.request("shutdown", None)
    c.notify("exit", None)
    c.proc.wait(timeout=10)
    samples.sort()
    median = statistics.median(samples)
    p99 = samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]
    print(f"keystroke → diagnostics over {len(samples)} edits in {len(files)} files ({os.path.relpath(args.binary, ROOT)})")
    print(f"  median {median:7.1f} ms   target  50 ms   {'ok' if median <= 50 else 'MISSED'}")
    print(f"  p99    {p99:7.1f} ms   target 150 ms   {'ok' if p99 <= 150 else 'MISSED'}")
    sys.exit(0 if median <= 50 and p99 <= 150 else 1)


if __name__ == "__main__":
    main()
