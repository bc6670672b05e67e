#!/usr/bin/env bash
# Signing benchmark: `slipway checksums` beside `sha256sum`, and `slipway sign` (prehashed,
# BLAKE2b-512 + Ed25519) beside `minisign -S`, over one 1 GiB file of random bytes.
# A benchmark, not a test: it exits 0 whenever it could measure, whatever the numbers are.
#
#   Benchmarks/signing/run.sh            (from anywhere)
#
# Targets (from the issue): checksums >= 0.9x sha256sum's throughput; signing <= 1.1x minisign's time.
#
# Environment:
#   SIZE_MIB=1024          size of the input file
#   RUNS=5                 timed runs per command (hyperfine --runs)
#   WARMUP=1               untimed warm-up runs (also pulls the file into the page cache)
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   RESULTS=PATH           results markdown (default: Benchmarks/signing/results.md)
#   BENCH_KEEP=1           keep the work dir
#
# Network: only apt (Debian), and only for hyperfine/minisign when they are missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE_MIB="${SIZE_MIB:-1024}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
RESULTS="${RESULTS:-$HERE/results.md}"


WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-signing-bench.XXXXXX")"
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
  trap 'echo "bench: work dir kept: $WORK" >&2' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi

say "tools"
command -v hyperfine >/dev/null || apt_install hyperfine || die "hyperfine is required (apt-get install hyperfine)"
command -v minisign >/dev/null || apt_install minisign || die "minisign is required (apt-get install minisign)"
command -v sha256sum >/dev/null || die "sha256sum (coreutils) is required"
echo "$(hyperfine --version); $(minisign -v 2>&1 | head -n1); $(sha256sum --version | head -n1)" >&2

SLIPWAY="${SLIPWAY_BIN:-}"
if [[ -z "$SLIPWAY" ]]; then
  echo "+ swift build -c release --product slipway" >&2
  (cd "$ROOT" && swift build -c release --product slipway >&2) || die "release build failed"
  SLIPWAY="$(cd "$ROOT" && swift build -c release --show-bin-path)/slipway"
fi
[[ -x "$SLIPWAY" ]] || die "no slipway binary at $SLIPWAY"
echo "slipway $("$SLIPWAY" --version) ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?'))" >&2

say "input: ${SIZE_MIB} MiB of random bytes"
FILE="$WORK/artifact.bin"
head -c "$((SIZE_MIB * 1048576))" /dev/urandom >"$FILE"
# One unencrypted minisign key for both signers, so neither pays for scrypt and both sign with the same key.
minisign -G -W -f -p "$WORK/key.pub" -s "$WORK/key.key" >/dev/null

# Sanity: both sets of outputs are accepted by the other tool before anything is timed.
(cd "$WORK" && "$SLIPWAY" checksums artifact.bin --output SHA256SUMS && sha256sum --quiet -c SHA256SUMS) ||
  die "sha256sum -c rejects slipway's SHA256SUMS"
"$SLIPWAY" sign "$FILE" --secret-key "$WORK/key.key" 2>/dev/null
minisign -V -H -q -m "$FILE" -x "$FILE.minisig" -p "$WORK/key.pub" || die "minisign rejects slipway's signature"
minisign -S -s "$WORK/key.key" -m "$FILE" -x "$WORK/m.minisig" >/dev/null
"$SLIPWAY" verify "$FILE" --sig "$WORK/m.minisig" --key "$WORK/key.pub" >/dev/null 2>&1 ||
  die "slipway rejects minisign's signature"

say "checksums: slipway vs sha256sum"
hyperfine --runs "$RUNS" --warmup "$WARMUP" --export-json "$WORK/checksums.json" \
  -n "sha256sum" "sha256sum '$FILE'" \
  -n "slipway checksums" "'$SLIPWAY' checksums '$FILE'" \
  -n "sha512sum" "sha512sum '$FILE'" \
  -n "slipway checksums --algorithm sha512" "'$SLIPWAY' checksums --algorithm sha512 '$FILE'" >&2

say "signing (prehashed): slipway sign vs minisign -S"
hyperfine --runs "$RUNS" --warmup "$WARMUP" --export-json "$WORK/sign.json" \
  -n "minisign -S" "minisign -S -s '$WORK/key.key' -m '$FILE' -x '$WORK/m.minisig'" \
  -n "slipway sign" "'$SLIPWAY' sign '$FILE' --secret-key '$WORK/key.key'" \
  -n "minisign -V" "minisign -V -q -m '$FILE' -x '$WORK/m.minisig' -p '$WORK/key.pub'" \
  -n "slipway verify" "'$SLIPWAY' verify '$FILE' --sig '$WORK/m.minisig' --key '$WORK/key.pub'" >&2

export WORK SIZE_MIB RESULTS RUNS
python3 - <<'PY'
import json, os, datetime
E = os.environ
size = int(E["SIZE_MIB"])
rows = {}
for name in ("checksums", "sign"):
    for r in json.load(open(os.path.join(E["WORK"], name + ".json")))["results"]:
        rows[r["command"]] = (r["median"], r["user"] + r["system"])
def line(cmd, ref):
    med, cpu = rows[cmd]
    ratio = med / rows[ref][0]
    return f"| {cmd} | {med:.2f} s | {cpu:.2f} s | {size / med:,.0f} MiB/s | {ratio:.2f}× |"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = " / ".join(open("/proc/loadavg").read().split()[:3])
out = [f"# Signing benchmark results ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC})", "",
       f"Input: {size} MiB of random bytes; hyperfine, {E['RUNS']} runs after a warm-up (file in the page cache).",
       f"Machine: {cpu}, {os.cpu_count()} cores; load before the run {load}.", "",
       "| command | median wall | CPU (user+sys) | throughput | time vs reference |",
       "| --- | ---: | ---: | ---: | ---: |",
       line("sha256sum", "sha256sum"), line("slipway checksums", "sha256sum"),
       line("sha512sum", "sha512sum"), line("slipway checksums --algorithm sha512", "sha512sum"),
       line("minisign -S", "minisign -S"), line("slipway sign", "minisign -S"),
       line("minisign -V", "minisign -V"), line("slipway verify", "minisign -V"), "",
       f"checksums throughput vs sha256sum: {rows['sha256sum'][0] / rows['slipway checksums'][0]:.2f}× (target ≥ 0.9×)",
       f"signing time vs minisign -S: {rows['slipway sign'][0] / rows['minisign -S'][0]:.2f}× (target ≤ 1.1×)", ""]
open(E["RESULTS"], "w").write("\n".join(out))
print("\n".join(out))
PY
echo "bench: results written to $RESULTS" >&2
