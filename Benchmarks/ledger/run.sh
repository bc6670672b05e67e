#!/usr/bin/env bash
# Ledger benchmark: append throughput (fsync per batch), `slipway ledger verify` of a
# 1,000,000-entry ledger beside `sha256sum` of the same segment bytes, and proof sizes.
# A benchmark, not a test: it exits 0 whenever it could measure.
#
#   Benchmarks/ledger/run.sh
#
# Environment:
#   ENTRIES=1000000        size of the large ledger
#   RUNS=5                 timed runs of verify and sha256sum (hyperfine; median reported)
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   BENCH_SKIP_BUILD=1     don't build; use .build/release/slipway
#   RESULTS=PATH           results markdown (default: Benchmarks/ledger/results.md)
#   BENCH_KEEP=1           keep the work dir
#   PG_BENCH=0             skip the PostgreSQL store (default: measured when Debian's postgresql is installable)
#   PG_ENTRIES=100000      entries of the ledgers whose verify is compared (directory vs PostgreSQL)
#
# Network: apt (Debian) only, for hyperfine and postgresql when they are missing. The PostgreSQL server is a
# throw-away cluster on 127.0.0.1 (durable settings: fsync and synchronous_commit on), stopped on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
ENTRIES="${ENTRIES:-1000000}"
RUNS="${RUNS:-5}"
RESULTS="${RESULTS:-$HERE/results.md}"

command -v python3 >/dev/null || die "python3 is required"
if ! command -v hyperfine >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine >&2 ||
      die "could not install hyperfine"
  else
    die "hyperfine is required (apt-get install hyperfine)"
  fi
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-ledger-bench.XXXXXX")"
PG_BIN="" PG_DIR=""
stop_postgres() {
  [[ -n "$PG_DIR" ]] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
  trap 'stop_postgres; echo "work dir kept: $WORK" >&2' EXIT
else
  trap 'stop_postgres; rm -rf "$WORK"' EXIT
fi

resolve_slipway "$ROOT"

# The ledger is unsigned: a checkpoint signature costs one Ed25519 operation per batch or per verify, which is
# noise beside hashing a million entries.
export GITHUB_ACTOR=bench SOURCE_DATE_EPOCH=1795000000
cd "$WORK"

# Event batches: JSON Lines of deployment events (~250 bytes each in canonical form).
python3 - "$WORK" "$ENTRIES" <<'PY'
import json, sys
work, entries = sys.argv[1], int(sys.argv[2])
def event(n):
    return {"kind": "deployment.succeeded", "subject": {"project": "shop", "version": f"1.{n // 1000}.{n % 1000}",
            "environment": "production" if n % 3 else "staging"},
            "source": {"repository": "acme/shop", "commit": f"{n:040x}"},
            "outputs": [{"name": "shop.tar.gz", "digest": "sha256:" + f"{n:064x}"}], "result": "success"}
with open(f"{work}/one.jsonl", "w") as f:
    f.write(json.dumps(event(0)) + "\n")
with open(f"{work}/hundred.jsonl", "w") as f:
    for n in range(100): f.write(json.dumps(event(n)) + "\n")
chunk = 100_000
for start in range(0, entries, chunk):
    with open(f"{work}/big-{start // chunk:03d}.jsonl", "w") as f:
        for n in range(start, min(entries, start + chunk)): f.write(json.dumps(event(n)) + "\n")
PY

say "append throughput (fsync of the records, the head and the directory per batch)"
hyperfine --style basic --warmup 2 --runs 30 --export-json "$WORK/append.json" \
  --prepare "rm -rf $WORK/small" \
  -n "append 1 event (new process per batch)" "$SLIPWAY ledger append --ledger $WORK/small --json $WORK/one.jsonl" \
  -n "append 100 events (one batch)" "$SLIPWAY ledger append --ledger $WORK/small --json $WORK/hundred.jsonl" >&2

say "building a $ENTRIES-entry ledger"
t0=$(date +%s.%N)
for file in "$WORK"/big-*.jsonl; do
  "$SLIPWAY" ledger append --ledger "$WORK/big" --json "$file" >/dev/null 2>&1
done
t1=$(date +%s.%N)
BUILD_SECONDS=$(python3 -c "print(round($t1 - $t0, 2))")
BYTES=$(cat "$WORK"/big/segments/*.jsonl | wc -c)

say "verify vs sha256sum of the same bytes"
# verify needs a key. With a throwaway note verifier key it still reads every record, checks its index and
# checksum, recomputes the tree and compares the head, then reports "no signed checkpoint" and exits 1; that
# full pass is what is timed (hyperfine -i ignores the status).
python3 - "$WORK/dummy.vkey" <<'PY'
import base64, hashlib, sys
# A syntactically valid note verifier key for an arbitrary 32-byte Ed25519 point (the base point).
pub = bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666")
name = "slipway.local/ledger"
hint = hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4].hex()
key = base64.b64encode(bytes([1]) + pub).decode()
open(sys.argv[1], "w").write(name + "+" + hint + "+" + key + "\n")
PY
hyperfine --style basic -i --warmup 1 --runs "$RUNS" --export-json "$WORK/verify.json" \
  -n "slipway ledger verify" "$SLIPWAY ledger verify --ledger $WORK/big --key $WORK/dummy.vkey" \
  -n "sha256sum of the segments" "sha256sum $WORK/big/segments/*.jsonl" >&2

# PostgreSQL store: the same appends, one process per batch, into a local server with durable commits; and
# verify of PG_ENTRIES entries in PostgreSQL beside the same entries in a directory.
PG_ENTRIES="${PG_ENTRIES:-100000}"
start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  if [[ ! -x "$PG_BIN/initdb" ]]; then
    apt_install postgresql || return 1
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  fi
  [[ -x "$PG_BIN/initdb" ]] && id postgres >/dev/null 2>&1 || return 1
  PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  PG_DIR="$(mktemp -d /tmp/slipway-bench-postgres.XXXXXX)" && chown postgres "$PG_DIR" || return 1
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A reject >/dev/null || return 1
  printf 'host all postgres 127.0.0.1/32 trust\n' >"$PG_DIR/data/pg_hba.conf"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=" start >/dev/null || return 1
}
if [[ "${PG_BENCH:-1}" == 1 ]] && [[ "$(id -u)" == 0 ]] && start_postgres; then
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  say "PostgreSQL store: append throughput (one transaction per batch, durable commit)"
  "$SLIPWAY" ledger init --postgres "$PG_URL?schema=small" >/dev/null
  hyperfine --style basic --warmup 2 --runs 30 --export-json "$WORK/pg-append.json" \
    -n "append 1 event to PostgreSQL (new process per batch)" \
    "$SLIPWAY ledger append --ledger $PG_URL?schema=small --json $WORK/one.jsonl" \
    -n "append 100 events to PostgreSQL (one batch)" \
    "$SLIPWAY ledger append --ledger $PG_URL?schema=small --json $WORK/hundred.jsonl" >&2
  say "PostgreSQL store: verify of $PG_ENTRIES entries beside the directory store"
  python3 - "$WORK" "$PG_ENTRIES" <<'PY'
import sys
work, entries = sys.argv[1], int(sys.argv[2])
lines = []
for name in sorted(__import__("glob").glob(f"{work}/big-*.jsonl")):
    lines += open(name).read().splitlines()
    if len(lines) >= entries: break
open(f"{work}/pg-batch.jsonl", "w").write("\n".join(lines[:entries]) + "\n")
PY
  "$SLIPWAY" ledger init --postgres "$PG_URL?schema=big" >/dev/null
  "$SLIPWAY" ledger append --ledger "$PG_URL?schema=big" --json "$WORK/pg-batch.jsonl" >/dev/null 2>&1
  "$SLIPWAY" ledger append --ledger "$WORK/pg-dir" --json "$WORK/pg-batch.jsonl" >/dev/null 2>&1
  hyperfine --style basic -i --warmup 1 --runs "$RUNS" --export-json "$WORK/pg-verify.json" \
    -n "verify, PostgreSQL store" "$SLIPWAY ledger verify --ledger $PG_URL?schema=big --key $WORK/dummy.vkey" \
    -n "verify, directory store" "$SLIPWAY ledger verify --ledger $WORK/pg-dir --key $WORK/dummy.vkey" >&2
  for store in "$PG_URL?schema=big" "$WORK/pg-dir"; do
    /usr/bin/time -f '%U %S %M' -o "$WORK/time.txt" "$SLIPWAY" ledger verify --ledger "$store" \
      --key "$WORK/dummy.vkey" >/dev/null 2>&1 || true
    echo "$store $(tail -n1 "$WORK/time.txt")" >>"$WORK/pg-cpu.txt"
  done
else
  warn "PostgreSQL store not measured (PG_BENCH=0, not root, or no postgresql package)"
fi

say "proof sizes"
PROOFS=""
for index in 0 1 4242 499999 999999; do
  (( index < ENTRIES )) || continue
  "$SLIPWAY" ledger prove --ledger "$WORK/big" --index "$index" --output "$WORK/proof.json" 2>/dev/null
  PROOFS+="$(python3 -c "import json,sys; d=json.load(open('$WORK/proof.json')); print(f\"| {d['leafIndex']} | {d['treeSize']} | {len(d['auditPath'])} | {len(d['auditPath'])*32} |\")")"$'\n'
done
"$SLIPWAY" ledger consistency --ledger "$WORK/big" --from 123457 --output "$WORK/consistency.json" 2>/dev/null
CONSISTENCY=$(python3 -c "import json; d=json.load(open('$WORK/consistency.json')); print(len(d['consistency']))")

python3 - "$WORK" "$RESULTS" "$ENTRIES" "$BYTES" "$BUILD_SECONDS" "$CONSISTENCY" "$PROOFS" <<'PY'
import json, sys, statistics
work, results, entries, size, build, consistency, proofs = sys.argv[1:8]
append = json.load(open(f"{work}/append.json"))["results"]
verify = json.load(open(f"{work}/verify.json"))["results"]
def med(r): return statistics.median(r["times"])
lines = ["# Ledger benchmark results", "",
         f"Entries: {int(entries):,}; segment bytes: {int(size):,}; building the ledger with 100,000-event batches took {build} s.", "",
         "| command | median | events/s |", "| --- | ---: | ---: |"]
for r, n in zip(append, (1, 100)):
    lines.append(f"| {r['command']} | {med(r)*1000:.1f} ms | {n / med(r):,.0f} |")
lines += ["", "| command | median | mean ± σ |", "| --- | ---: | ---: |"]
for r in verify:
    lines.append(f"| {r['command']} | {med(r):.2f} s | {r['mean']:.2f} ± {r['stddev']:.2f} s |")
lines.append("")
lines.append(f"verify / sha256sum = {med(verify[0]) / med(verify[1]):.2f}×")
lines += ["", "| leaf index | tree size | audit path hashes | raw bytes |", "| ---: | ---: | ---: | ---: |"]
lines += [l for l in proofs.splitlines() if l]
lines += ["", f"Consistency proof 123,457 → {int(entries):,}: {consistency} hashes."]
import os
if os.path.exists(f"{work}/pg-append.json"):
    pg_append = json.load(open(f"{work}/pg-append.json"))["results"]
    pg_verify = json.load(open(f"{work}/pg-verify.json"))["results"]
    lines += ["", "PostgreSQL store (local server, durable commits), beside the directory store:", "",
              "| command | median | events/s |", "| --- | ---: | ---: |"]
    for r, n in zip(pg_append, (1, 100)):
        lines.append(f"| {r['command']} | {med(r)*1000:.1f} ms | {n / med(r):,.0f} |")
    lines += ["", "| command | median | mean ± σ |", "| --- | ---: | ---: |"]
    for r in pg_verify:
        lines.append(f"| {r['command']} | {med(r):.2f} s | {r['mean']:.2f} ± {r['stddev']:.2f} s |")
    lines += ["", "CPU of one verify run of the slipway process (user s, sys s, max RSS KiB):", ""]
    for line in open(f"{work}/pg-cpu.txt").read().splitlines():
        store, user, system, rss = line.rsplit(" ", 3)
        label = "PostgreSQL" if store.startswith("postgres://") else "directory"
        lines.append(f"- {label}: user {user} s, sys {system} s, max RSS {int(rss):,} KiB")
open(results, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
