#!/usr/bin/env bash
# Load and abuse run for `beslutskoll serve` (issue 6). Not a test: a measurement to
# run by hand and copy into docs/prestanda-http.md. All traffic goes to 127.0.0.1.
#
#   bash scripts/load.sh                 # load, then the abuse list
#   bash scripts/load.sh load            # only the load
#   bash scripts/load.sh abuse           # only the abuse list
#   bash scripts/load.sh soak            # SOAK_MINUTES (10) of a steady mix: good
#                                        # cases, bad cases and abuse; errors, memory
#                                        # and p99 per minute
#
# Settings (environment):
#   CASE=examples/korttidsvistelse_barn_utan_barnperspektiv.yaml   the case posted
#   DURATION=30s CONNECTIONS=64 THREADS=2                          wrk's load
#   PORT=18181                                                     the service's port
#   SOAK_MINUTES=10 SOAK_CONNECTIONS=8                             the soak's length and load
#   SOAK_STEP=60                                                   seconds per row of the soak
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. Builds the release
# binary. The service logs as it would in production (JSON to a file), and the log is
# searched for panics at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
WHAT="${1:-all}"
CASE="${CASE:-examples/korttidsvistelse_barn_utan_barnperspektiv.yaml}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18181}"
URL="http://127.0.0.1:${PORT}"

for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "saknas: $tool (apt-get install $tool)" >&2; exit 2; }
done

# BIN=path/to/beslutskoll uses that binary instead of building the release one.
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/beslutskoll"
fi
WORK="$(mktemp -d)"
LOG="$WORK/service.log"

"$BIN" serve --listen "127.0.0.1:${PORT}" --log-format json 2>"$LOG" &
PID=$!
stop() {
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap stop EXIT

for _ in $(seq 100); do
    curl -sf "$URL/readyz" >/dev/null && break
    sleep 0.1
done
curl -sf "$URL/readyz" >/dev/null || { echo "the service did not start:"; cat "$LOG"; exit 1; }

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$PID/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$PID/status"; }
threads() { awk '/Threads/ {print $2}' "/proc/$PID/status"; }
fds() { ls "/proc/$PID/fd" | wc -l; }
# CPU time the service has used, in clock ticks (user + system).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "service: pid $PID, $(rss), $(threads) threads, $(fds) fds"

load() {
    echo
    echo "== load: POST /v1/check with $CASE ($(wc -c <"$CASE") bytes), $CONNECTIONS connections, $THREADS wrk threads, $DURATION"
    cat >"$WORK/post.lua" <<LUA
local f = assert(io.open("$CASE", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/yaml"
LUA
    # Warm up (allocator, caches), then measure memory before the real run.
    wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -s "$WORK/post.lua" "$URL/v1/check" >/dev/null
    local before; before="$(rss)"
    local cpu0; cpu0="$(cpu_ticks)"
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$WORK/post.lua" \
        "$URL/v1/check" | tee "$WORK/wrk.txt"
    local cpu1; cpu1="$(cpu_ticks)"
    local after; after="$(rss)"
    local rps p50 p99 non2xx sock
    rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
    p50="$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")"
    p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
    non2xx="$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")"
    sock="$(grep -o 'Socket errors:.*' "$WORK/wrk.txt" || true)"
    echo
    echo "RESULT requests/s=$rps p50=$p50 p99=$p99 non-2xx=${non2xx:-0} ${sock:-socket errors: none}"
    echo "RESULT memory before=$before after=$after (after a 5 s warm-up)"
    # CPU per request does not depend on what else the machine runs; throughput does.
    local total; total="$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")"
    awk -v t="$((cpu1 - cpu0))" -v hz="$(getconf CLK_TCK)" -v n="$total" -v c="$(nproc)" 'BEGIN {
        us = t / hz * 1e6 / n
        printf "RESULT service CPU per request=%.0f us (%d requests); %d cores given to the service alone would serve %.0f/s\n", us, n, c, c * 1e6 / us }'
    echo "RESULT load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    # A second run shows whether memory keeps growing.
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$WORK/post.lua" "$URL/v1/check" >/dev/null
    echo "RESULT memory after a second run: $(rss)"
}

# One request; prints status, time and the error code of the body.
probe() {
    local name="$1"; shift
    local out
    out="$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total}s' --max-time 60 "$@" || echo "curl-failed $?")"
    local code
    code="$(python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1])).get("error", "-"))
except Exception: print("-")' "$WORK/body" 2>/dev/null || echo -)"
    printf '%-34s %s %s\n' "$name" "$out" "$code"
}

alive() {
    local h c
    h="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/healthz" || true)"
    c="$(curl -s -o /dev/null -w '%{http_code} %{time_total}s' --max-time 5 -X POST \
        -H 'Content-Type: application/yaml' --data-binary "@$CASE" "$URL/v1/check" || true)"
    echo "  still serving: healthz $h, check $c"
}

abuse() {
    echo
    echo "== abuse (each should get a clean 4xx or a timeout; the service keeps serving)"
    python3 - "$CASE" "$WORK" <<'PY'
import sys
case, work = sys.argv[1], sys.argv[2]
base = open(case, "rb").read()
open(f"{work}/big.yaml", "wb").write(b"x" * (10 * 1024 * 1024))
open(f"{work}/deep.yaml", "wb").write(base + b"extra: " + b"[" * 1000 + b"]" * 1000 + b"\n")
deep_map = b"".join(b"  " * i + b"a:\n" for i in range(1, 1001))
open(f"{work}/deep-map.yaml", "wb").write(base + b"extra:\n" + deep_map)
bomb = b'extra:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
names = "abcdefghi"
for i in range(1, 9):
    refs = ",".join([f"*{names[i-1]}"] * 9)
    bomb += f"  {names[i]}: &{names[i]} [{refs}]\n".encode()
open(f"{work}/bomb.yaml", "wb").write(base + bomb)
open(f"{work}/utf8.yaml", "wb").write(base[:200] + b"\xff\xfe\xfd" + base[200:])
PY
    local y=(-X POST -H 'Content-Type: application/yaml')
    probe "10 MB body" "${y[@]}" --data-binary "@$WORK/big.yaml" "$URL/v1/check"
    probe "10 MB body, chunked" "${y[@]}" -H 'Transfer-Encoding: chunked' -T "$WORK/big.yaml" "$URL/v1/check"
    probe "1000 nested levels (flow)" "${y[@]}" --data-binary "@$WORK/deep.yaml" "$URL/v1/check"
    probe "1000 nested levels (block)" "${y[@]}" --data-binary "@$WORK/deep-map.yaml" "$URL/v1/check"
    probe "YAML alias bomb (9^9)" "${y[@]}" --data-binary "@$WORK/bomb.yaml" "$URL/v1/check"
    probe "invalid UTF-8" "${y[@]}" --data-binary "@$WORK/utf8.yaml" "$URL/v1/check"
    probe "text/plain" -X POST -H 'Content-Type: text/plain' --data-binary "@$CASE" "$URL/v1/check"
    alive

    echo
    echo "-- slow clients (request time limit 10 s): headers a byte a second, a body a byte"
    echo "   a second, and 200 idle half-open connections, while normal checks go on"
    python3 - "$PORT" "$CASE" <<'PY'
import select, socket, sys, threading, time, urllib.request
port, case = int(sys.argv[1]), sys.argv[2]
body = open(case, "rb").read()
results = {}

def trickle(name, head, rest, limit=20):
    # Sends `head`, then `rest` a byte a second, and stops at the first answer.
    s = socket.create_connection(("127.0.0.1", port))
    t0 = time.time()
    got = b""
    try:
        s.sendall(head)
        for b in rest:
            if select.select([s], [], [], 0)[0]:
                break
            s.sendall(bytes([b]))
            if select.select([s], [], [], 1)[0] or time.time() - t0 > limit:
                break
        s.settimeout(5)
        got = s.recv(4096) or b"<closed without an answer>"
    except (BrokenPipeError, ConnectionResetError) as e:
        got = f"<{type(e).__name__}>".encode()
    except socket.timeout:
        got = b"<no answer>"
    status = got.split(b"\r\n", 1)[0].decode(errors="replace")
    results[name] = f"{status} after {time.time() - t0:.1f} s"
    s.close()

req = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: %d\r\n\r\n" % len(body)
threads = [
    threading.Thread(target=trickle, args=("slow headers", b"", req)),
    threading.Thread(target=trickle, args=("slow body", req, body)),
]
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(200)]
for t in threads: t.start()
worst = 0.0
n = 0
t_end = time.time() + 12
while time.time() < t_end:
    t0 = time.time()
    r = urllib.request.Request(f"http://127.0.0.1:{port}/v1/check", data=body,
                               headers={"Content-Type": "application/yaml"})
    with urllib.request.urlopen(r, timeout=5) as resp:
        assert resp.status == 200
    worst = max(worst, time.time() - t0)
    n += 1
    time.sleep(0.2)
for t in threads: t.join()
closed = 0
for s in idle:
    s.settimeout(1)
    try:
        if s.recv(1) == b"": closed += 1
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
for k, v in results.items():
    print(f"{k:34} {v}")
print(f"{'200 idle connections':34} {closed} closed by the service after the header time limit")
print(f"{'normal checks meanwhile':34} {n} all 200, slowest {worst * 1000:.1f} ms")
PY
    alive
}

# The soak's requests, one file per kind in $WORK/kinds: NN.body and NN.meta
# (method, path, content type). Good cases (every example, JSON, a text and a Word
# draft), every bad case of tests/fixtures/cases/bad, and abuse.
make_kinds() {
    mkdir -p "$WORK/kinds"
    python3 - "$WORK/kinds" <<'PY'
import glob, io, os, sys, zipfile
out = sys.argv[1]
kinds = []
def add(body, ct="application/yaml", path="/v1/check", method="POST"):
    n = len(kinds)
    open(f"{out}/{n:03}.body", "wb").write(body)
    open(f"{out}/{n:03}.meta", "w").write(f"{method}\t{path}\t{ct}\n")
    kinds.append(n)
for f in sorted(glob.glob("examples/*.yaml")) + ["tests/fixtures/cases/spec_example.yaml"]:
    add(open(f, "rb").read())
add(open("tests/fixtures/cases/spec_example.json", "rb").read(), "application/json")
draft = open("fuzz/seeds/utkast.txt", "rb").read()
add(draft, "text/plain; charset=utf-8")
paras = []
for line in draft.decode().splitlines():
    style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if line.startswith("#") else ""
    line = line.lstrip("# ").replace("&", "&amp;").replace("<", "&lt;")
    paras.append(f'<w:p>{style}<w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>')
xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
       f'wordprocessingml/2006/main"><w:body>{"".join(paras)}</w:body></w:document>')
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", xml)
add(b.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
for f in sorted(glob.glob("tests/fixtures/cases/bad/*")):
    add(open(f, "rb").read(), "application/json" if f.endswith(".json") else "application/yaml")
base = open("examples/korttidsvistelse_bra.yaml", "rb").read()
add(base + b"extra: " + b"[" * 1000 + b"]" * 1000 + b"\n")
add(base + b"extra:\n" + b"".join(b"  " * i + b"a:\n" for i in range(1, 1001)))
add(base + b"extra: " + b"x" * 500_000 + b"\n")
add(b"\xff\xfe" * 1000)
add(b"{" * 100_000, "application/json")
add(base, "application/pdf")
add(base, "")
add(base, "application/yaml", "/v1/check?regeldatum=igar")
add(base, "application/yaml", "/v1/okand")
add(b"PK\x03\x04" + b"\0" * 5000,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
PY
}

soak() {
    local minutes="${SOAK_MINUTES:-10}" conns="${SOAK_CONNECTIONS:-8}"
    make_kinds
    # Each kind's answer is taken once as the expected one; during the soak every
    # answer must be the same, and none may be a 5xx.
    local lua="$WORK/soak.lua" n=0 good=0 bad=0
    echo "kinds = {" >"$lua"
    for meta in "$WORK"/kinds/*.meta; do
        local body="${meta%.meta}.body" method path ct
        IFS=$'\t' read -r method path ct <"$meta"
        local status
        status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X "$method" \
            -H "Content-Type: $ct" --data-binary "@$body" "$URL$path")"
        case "$status" in
            200) good=$((good + 1)) ;;
            4??) bad=$((bad + 1)) ;;
            *) echo "RESULT kind $(basename "$meta") answered $status before the soak"; exit 1 ;;
        esac
        printf '  {method = "%s", path = "%s", ct = "%s", file = "%s", status = %s},\n' \
            "$method" "$path" "$ct" "$body" "$status" >>"$lua"
        n=$((n + 1))
    done
    echo "}" >>"$lua"
    cat >>"$lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  unexpected, answers = 0, 0

  for i, k in ipairs(kinds) do
    local f = assert(io.open(k.file, "rb"))
    local body = f:read("*a")
    f:close()
    k.body = body
  end
  counter = math.random(1, #kinds)
end
function request()
  counter = counter + 1
  local i = counter % #kinds + 1
  local k = kinds[i]
  local h = {["x-request-id"] = "soak-" .. i .. "-" .. counter}
  if k.ct ~= "" then h["Content-Type"] = k.ct end
  return wrk.format(k.method, k.path, h, k.body)
end
function response(status, headers, body)
  answers = answers + 1
  local i = tonumber(string.match(headers["x-request-id"] or "", "^soak%-(%d+)%-"))
  if i == nil or kinds[i].status ~= status or status >= 500 then
    unexpected = unexpected + 1
  end
end
function done(summary, latency, requests)
  local u, a = 0, 0
  for _, t in ipairs(threads) do
    u = u + t:get("unexpected")
    a = a + t:get("answers")
  end
  io.write(string.format("SOAK answers=%d unexpected=%d\n", a, u))
end
LUA
    echo
    echo "== soak: $minutes min, $conns connections, $THREADS wrk threads, $n kinds of request"
    echo "   in rotation ($good answered 200, $bad answered 4xx)"
    # Warm-up, then memory at the start.
    wrk -t "$THREADS" -c "$conns" -d 10s -s "$lua" "$URL" >/dev/null
    local start_rss; start_rss="$(rss)"
    echo "RESULT memory at start (after a 10 s warm-up): $start_rss"
    printf '%-7s %10s %8s %8s %8s %10s %8s %12s %8s\n' minute requests req/s p50 p99 unexpected socket rss threads
    local total=0 errors=0
    for m in $(seq "$minutes"); do
        wrk -t "$THREADS" -c "$conns" -d "${SOAK_STEP:-60}s" --timeout 10s --latency -s "$lua" "$URL" \
            >"$WORK/wrk-$m.txt" 2>&1
        local req rps p50 p99 unexp sock
        req="$(awk '/requests in/ {print $1}' "$WORK/wrk-$m.txt")"
        rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$m.txt")"
        p50="$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$m.txt")"
        p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$m.txt")"
        unexp="$(sed -n 's/.*unexpected=\([0-9]*\).*/\1/p' "$WORK/wrk-$m.txt")"
        sock="$( (grep -o 'Socket errors:.*' "$WORK/wrk-$m.txt" || true) | awk -F'[ ,]+' \
            '{s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i; print s}')"
        sock="${sock:-0}"
        total=$((total + ${req:-0}))
        errors=$((errors + ${unexp:-1} + sock))
        printf '%-7s %10s %8s %8s %8s %10s %8s %12s %8s\n' "$m" "$req" "$rps" "$p50" "$p99" \
            "${unexp:-?}" "$sock" "$(rss)" "$(threads)"
        if [ "$sock" != 0 ]; then grep -o 'Socket errors:.*' "$WORK/wrk-$m.txt" | sed 's/^/        /'; fi
    done
    alive
    echo "RESULT soak: $total requests in $minutes min, errors=$errors (unexpected status, 5xx or socket errors)"
    echo "RESULT memory at start=$start_rss end=$(rss)"
    echo "RESULT load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

case "$WHAT" in
    load) load ;;
    abuse) abuse ;;
    all) load; abuse ;;
    soak) soak ;;
    *) echo "usage: $0 [load|abuse|all|soak]" >&2; exit 2 ;;
esac

echo
echo "service at the end: $(rss), $(threads) threads, $(fds) fds"
if grep -qiE 'panik|panicked' "$LOG"; then
    echo "RESULT panics in the log: YES"; grep -iE 'panik|panicked' "$LOG" | head
else
    echo "RESULT panics in the log: none ($(wc -l <"$LOG") log lines)"
fi
