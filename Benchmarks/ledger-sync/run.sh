#!/usr/bin/env bash
# Ledger git sync benchmark: `slipway ledger push|pull` against a local bare repository, for a ledger of
# ENTRIES events: the first push, a pull into an empty ledger, the everyday CI push (a few events on top of a
# large ledger), a no-op push, and a push that must rebase because another clone pushed first.
# A benchmark, not a test: it exits 0 whenever it could measure. Wall time and CPU time (user + sys) are both
# reported, because the machine may be shared.
#
#   Benchmarks/ledger-sync/run.sh
#
# Environment:
#   ENTRIES=100000         size of the ledger
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   BENCH_SKIP_BUILD=1     don't build; use .build/release/slipway
#   RESULTS=PATH           results markdown (default: Benchmarks/ledger-sync/results.md)
#   BENCH_KEEP=1           keep the work dir
#
# Network: none (the "remote" is a bare repository in the work dir).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
ENTRIES="${ENTRIES:-100000}"
RESULTS="${RESULTS:-$HERE/results.md}"

command -v python3 >/dev/null || die "python3 is required"
command -v git >/dev/null || die "git is required"
[[ -x /usr/bin/time ]] || apt_install time || die "/usr/bin/time is required (apt-get install time)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-ledger-sync-bench.XXXXXX")"
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then trap 'echo "work dir kept: $WORK" >&2' EXIT; else trap 'rm -rf "$WORK"' EXIT; fi

resolve_slipway "$ROOT"

export GITHUB_ACTOR=bench HOME="$WORK" GIT_CONFIG_NOSYSTEM=1
cd "$WORK"

python3 - "$WORK" "$ENTRIES" <<'PY'
import json, sys
work, entries = sys.argv[1], int(sys.argv[2])
def event(n, kind="deployment.succeeded"):
    return {"kind": kind, "time": "2026-11-18T11:06:40Z",
            "subject": {"project": "shop", "version": f"1.{n // 100}.{n % 100}", "environment": "production"},
            "source": {"repository": "acme/shop", "commit": f"{n:040x}"},
            "outputs": [{"name": "shop.tar.gz", "digest": "sha256:" + f"{n:064x}"}],
            "result": "success", "details": {"n": n}}
with open(f"{work}/large.jsonl", "w") as out:
    for n in range(entries):
        out.write(json.dumps(event(n)) + "\n")
for name, base in (("a", 10_000_000), ("b", 20_000_000), ("c", 30_000_000)):
    with open(f"{work}/few-{name}.jsonl", "w") as out:
        for n in range(10):
            out.write(json.dumps(event(base + n, "approval.granted")) + "\n")
PY

git init --quiet --bare remote.git
for clone in a b c; do
  git init --quiet "$clone"
  git -C "$clone" remote add origin "$WORK/remote.git"
done
"$SLIPWAY" keygen --secret-key ledger.key --public-key ledger.pub --unencrypted >/dev/null 2>&1 ||
  die "slipway keygen failed"
KEY=(--secret-key ledger.key)

ROWS=()
measure() { # measure LABEL COMMAND...
  local label="$1"
  shift
  local stats
  /usr/bin/time -f '%e %U %S %M' "$@" >/dev/null 2>"$WORK/stderr" ||
    warn "$label failed: $(tail -n 3 "$WORK/stderr")"
  stats="$(tail -n 1 "$WORK/stderr")"
  read -r wall user sys rss <<<"$stats"
  local cpu
  cpu="$(python3 -c "print(f'{$user + $sys:.2f}')")"
  say "$label: wall ${wall}s, cpu ${cpu}s (user $user, sys $sys), max RSS $((rss / 1024)) MiB"
  ROWS+=("| $label | ${wall} s | ${cpu} s | $((rss / 1024)) MiB |")
}
sync_args() { echo --ledger "$WORK/$1/.slipway/ledger" --repository "$WORK/$1"; }

say "building a $ENTRIES-entry ledger in clone a"
"$SLIPWAY" ledger append --ledger "$WORK/a/.slipway/ledger" --json large.jsonl >/dev/null 2>&1

# shellcheck disable=SC2046
measure "first push, $ENTRIES entries" "$SLIPWAY" ledger push $(sync_args a) "${KEY[@]}"
# shellcheck disable=SC2046
measure "pull into an empty ledger, $ENTRIES entries" "$SLIPWAY" ledger pull $(sync_args b)
# shellcheck disable=SC2046
measure "pull, up to date" "$SLIPWAY" ledger pull $(sync_args b)
"$SLIPWAY" ledger append --ledger "$WORK/a/.slipway/ledger" --json few-a.jsonl >/dev/null 2>&1
# shellcheck disable=SC2046
measure "push of 10 new events on $ENTRIES" "$SLIPWAY" ledger push $(sync_args a) "${KEY[@]}"
# shellcheck disable=SC2046
measure "push with nothing new" "$SLIPWAY" ledger push $(sync_args a)
"$SLIPWAY" ledger append --ledger "$WORK/b/.slipway/ledger" --json few-b.jsonl >/dev/null 2>&1
# shellcheck disable=SC2046
measure "push of 10 events that must rebase (rebuilds the local ledger)" \
  "$SLIPWAY" ledger push $(sync_args b) "${KEY[@]}"

objects="$(git -C remote.git count-objects -vH | awk '/size-pack|^size:/ {printf "%s %s; ", $1, $2}')"
{
  echo "# Ledger git sync benchmark"
  echo
  echo "$(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, $(git --version), ENTRIES=$ENTRIES; one run each."
  echo "CPU is user + sys of the slipway process and the git processes it waits for."
  echo
  echo "| Operation | Wall | CPU | Max RSS |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Bare repository after the pushes: $objects"
} >"$RESULTS"
say "results in $RESULTS"
