#!/usr/bin/env bash
# Secret-scanning benchmark: `slipway scan secrets` beside detect-secrets over a large tree (a copy of the shared
# corpus plus generated source files, tens of MB) with one planted secret per slipway rule. Reports wall time,
# CPU, throughput and peak RSS of both, and the recall of both on the planted set. A benchmark, not a test: it
# exits 0 whenever it could measure, whatever the numbers are.
#
#   Benchmarks/secrets/run.sh
#
# Environment:
#   RUNS=2                 timed runs per tool (hyperfine; mean and median reported); the recall run, under
#                          GNU time for peak RSS, warms the page cache first
#   FILLER_MB=20           generated source files added to the corpus copy
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   BENCH_SKIP_BUILD=1     don't build; use .build/release/slipway
#   SLIPWAY_SHARED=DIR     shared folder (default: ../shared beside the repo)
#   BENCH_VENV=DIR         venv for detect-secrets (default: $HOME/.cache/slipway-secrets-bench-venv)
#   DETECT_SECRETS_SPEC    pip requirement (default: detect-secrets==1.5.0)
#   RESULTS=PATH           results markdown (default: Benchmarks/secrets/results.md)
#
# Network: only pip (PyPI) and apt (Debian, for hyperfine), and only for what is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SLIPWAY_SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/corpus"
VENV="${BENCH_VENV:-$HOME/.cache/slipway-secrets-bench-venv}"
RUNS="${RUNS:-2}"
FILLER_MB="${FILLER_MB:-20}"
RESULTS="${RESULTS:-$HERE/results.md}"
SPEC="${DETECT_SECRETS_SPEC:-detect-secrets==1.5.0}"


[[ -d "$CORPUS" ]] || die "corpus not found at $CORPUS (set SLIPWAY_SHARED)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-secrets-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if ! command -v hyperfine >/dev/null && [[ "$(id -u)" == 0 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >&2 || true
fi
command -v hyperfine >/dev/null || die "hyperfine is required (apt-get install hyperfine)"
[[ -x /usr/bin/time ]] || die "GNU time is required for peak RSS (apt-get install time)"

say "detect-secrets (venv $VENV)"
if [[ ! -x "$VENV/bin/detect-secrets" || "$(cat "$VENV/.spec" 2>/dev/null)" != "$SPEC" ]]; then
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" || die "python3 -m venv failed"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "$SPEC" >&2 || die "pip failed"
  printf '%s' "$SPEC" >"$VENV/.spec"
fi
DETECT="$VENV/bin/detect-secrets"
DETECT_VERSION="$("$DETECT" --version)"

say "slipway"
SLIPWAY="${SLIPWAY_BIN:-$ROOT/.build/release/slipway}"
if [[ -z "${SLIPWAY_BIN:-}" && "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && swift build -c release --product slipway >&2) || die "release build failed"
fi
[[ -x "$SLIPWAY" ]] || die "no slipway binary at $SLIPWAY"
SLIPWAY_VERSION="$("$SLIPWAY" --version) ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo ?))"

say "tree: corpus copy + ${FILLER_MB} MB generated + planted set"
python3 "$HERE/generate.py" "$CORPUS" "$WORK/tree" "$FILLER_MB"
FILES="$(find "$WORK/tree" -type f | wc -l)"
BYTES="$(du -sb "$WORK/tree" | cut -f1)"
echo "$FILES files, $BYTES bytes" >&2

say "recall on the planted set"
# Peak RSS is measured on these runs (GNU time), which also warm the page cache for the timed runs.
(cd "$WORK/tree" && /usr/bin/time -o "$WORK/rss.slipway" -f '%M' \
  "$SLIPWAY" scan secrets . --format json --output "$WORK/slipway.json") || true
(cd "$WORK/tree" && /usr/bin/time -o "$WORK/rss.detect" -f '%M' "$DETECT" scan --all-files . >"$WORK/detect.json")
python3 - "$WORK" >"$WORK/recall.txt" <<'PY'
import json, sys
work = sys.argv[1]
planted = [line.rstrip("\n").split("\t") for line in open(f"{work}/planted.tsv") if line.strip()]
targets = {(path, int(line)): rule for rule, path, line in planted}
slip = json.load(open(f"{work}/slipway.json"))
ours = {(f["path"], f["line"]) for f in slip["findings"]}
det = json.load(open(f"{work}/detect.json"))
theirs = set()
for path, items in det["results"].items():
    for item in items:
        theirs.add((path.removeprefix("./"), item["line_number"]))
hit_ours = [key for key in targets if key in ours]
hit_theirs = [key for key in targets if key in theirs]
missed_theirs = sorted(targets[key] for key in targets if key not in theirs)
missed_ours = sorted(targets[key] for key in targets if key not in ours)
other_ours = len([k for k in ours if k not in targets])
other_theirs = len([k for k in theirs if k not in targets])
print(f"slipway_recall={len(hit_ours)}/{len(targets)}")
print(f"detect_recall={len(hit_theirs)}/{len(targets)}")
print(f"slipway_missed={','.join(missed_ours) or '-'}")
print(f"detect_missed={','.join(missed_theirs) or '-'}")
print(f"slipway_other={other_ours}")
print(f"detect_other={other_theirs}")
PY
cat "$WORK/recall.txt" >&2

say "timing ($RUNS runs each)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
(cd "$WORK/tree" && hyperfine --runs "$RUNS" -i --export-json "$WORK/hyperfine.json" \
  -n slipway "$SLIPWAY scan secrets . --format json --output /dev/null" \
  -n detect-secrets "$DETECT scan --all-files . >/dev/null" >&2)
RSS_SLIPWAY="$(tail -n1 "$WORK/rss.slipway")"
RSS_DETECT="$(tail -n1 "$WORK/rss.detect")"

LOAD="$LOAD_BEFORE"
export LOAD WORK FILES BYTES RSS_SLIPWAY RSS_DETECT SLIPWAY_VERSION DETECT_VERSION RESULTS RUNS
python3 - <<'PY'
import json, os
E = os.environ
runs = {r["command"]: r for r in json.load(open(f"{E['WORK']}/hyperfine.json"))["results"]}
recall = dict(line.strip().split("=", 1) for line in open(f"{E['WORK']}/recall.txt"))
mb = int(E["BYTES"]) / 1048576
s, d = runs["slipway"], runs["detect-secrets"]
def row(name, version, r, rss, rec):
    cpu = r["user"] + r["system"]
    return (f"| {name} | {version} | {r['median']:.2f} s | {r['mean']:.2f} s | {cpu:.2f} s | "
            f"{mb / r['median']:.1f} MB/s | {int(rss) / 1024:.1f} MiB | {rec} |")
lines = [
    f"Tree: {E['FILES']} files, {mb:.1f} MiB (shared corpus copy + generated source files + planted set).",
    f"{E['RUNS']} timed runs each after an untimed one (hyperfine); peak RSS from GNU time; load average before timing "
    f"{E['LOAD']}; {os.cpu_count()} CPUs.",
    "",
    "| tool | version | median wall | mean wall | CPU (user+sys, mean) | throughput | peak RSS | planted recall |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("slipway scan secrets", E["SLIPWAY_VERSION"], s, E["RSS_SLIPWAY"], recall["slipway_recall"]),
    row("detect-secrets scan --all-files", E["DETECT_VERSION"], d, E["RSS_DETECT"], recall["detect_recall"]),
    "",
    f"slipway is {d['median'] / s['median']:.1f}x faster (median wall), "
    f"{(d['user'] + d['system']) / (s['user'] + s['system']):.1f}x less CPU.",
    f"Missed by slipway: {recall['slipway_missed']}.",
    f"Missed by detect-secrets: {recall['detect_missed']}.",
    f"Findings outside the planted set: slipway {recall['slipway_other']}, detect-secrets {recall['detect_other']}.",
]
open(E["RESULTS"], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
