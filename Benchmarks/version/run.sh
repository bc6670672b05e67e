#!/usr/bin/env bash
# Versioning benchmark: `slipway version --dry-run` (the full plan) and `slipway version --next`
# (the next version only, like the peers' commands) side by side with commitizen,
# git-cliff and python-semantic-release on the 9 real release ranges of the shared
# history corpus (../shared/corpus/histories) replayed into git repositories, plus one
# synthetic repository with 10,000 conventional commits. For each repository it records
# every tool's answer (the next version) and times it. A benchmark, not a test: it exits
# 0 whenever it could measure, whatever the numbers or the answers are.
#
#   Benchmarks/version/run.sh            (from anywhere; see Benchmarks/README.md)
#
# Environment:
#   RUNS=10                timed runs per tool and repository (median reported), split over ROUNDS
#   ROUNDS=1               interleaved timing rounds per repository (tool order reversed every other round)
#   WARMUP=2               untimed warm-up runs per tool and repository
#   SLIPWAY_BIN=PATH       slipway binary to measure (default: build release)
#   BENCH_SKIP_BUILD=1     don't build; use .build/release/slipway if it exists
#   BENCH_SLIPWAY_LABEL=.. where a given binary comes from (shown beside its sha256)
#   SLIPWAY_SHARED=DIR     shared folder (default: ../shared beside the repo)
#   BENCH_VENV=DIR         venv for the peers (default: $HOME/.cache/slipway-bench-version-venv)
#   CZ_SPEC=...            pip requirement (default: commitizen==4.19.3)
#   CLIFF_SPEC=...         pip requirement (default: git-cliff==2.14.2)
#   PSR_SPEC=...           pip requirement (default: python-semantic-release==10.7.0)
#                          (the pins of ../shared/conformance/validate peers)
#   SYNTHETIC_COMMITS=10000  commits in the synthetic repository (0: none)
#   SYNTHETIC_SEED=20250101  seed of the synthetic history
#   BENCH_REPOS=a,b        only repositories whose name or path contains one of these
#   PROBE_SECONDS=10       time limit of the loopback-down probe (0: skip the probe)
#   BENCH_ALLOW_NET=1      don't isolate the tools with `unshare -n`
#   BENCH_NO_HYPERFINE=1   use the python timing fallback even if hyperfine exists
#   RESULTS=PATH           results markdown (default: Benchmarks/version/results.md)
#   BENCH_KEEP=1           keep the work dir (repositories, configs, spec, results.json)
#
# Network: only pip (PyPI) and apt (Debian), and only for what is missing. Every measured
# command runs in a network namespace of its own (`unshare -n`, loopback only).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SLIPWAY_SHARED:-$ROOT/../shared}"
HISTORIES="$SHARED/corpus/histories"
VENV="${BENCH_VENV:-$HOME/.cache/slipway-bench-version-venv}"
RUNS="${RUNS:-10}"
ROUNDS="${ROUNDS:-1}"
WARMUP="${WARMUP:-2}"
RESULTS="${RESULTS:-$HERE/results.md}"
CZ_SPEC="${CZ_SPEC:-commitizen==4.19.3}"
CLIFF_SPEC="${CLIFF_SPEC:-git-cliff==2.14.2}"
PSR_SPEC="${PSR_SPEC:-python-semantic-release==10.7.0}"
SYNTHETIC_COMMITS="${SYNTHETIC_COMMITS:-10000}"
SYNTHETIC_SEED="${SYNTHETIC_SEED:-20250101}"
PROBE_SECONDS="${PROBE_SECONDS:-10}"
TAG_PREFIX=v   # the corpus's tags; the peers' configuration below uses it


[[ -d "$HISTORIES" ]] || die "history corpus not found at $HISTORIES (set SLIPWAY_SHARED)"
command -v python3 >/dev/null || die "python3 is required"
command -v git >/dev/null || die "git is required"

LOAD_BEFORE="$(awk '{print $1" / "$2" / "$3}' /proc/loadavg 2>/dev/null || echo '?')"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-version.XXXXXX")"
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
if [[ "${BENCH_ALLOW_NET:-0}" != 1 ]] && ! command -v ip >/dev/null && [[ ! -x /usr/sbin/ip ]]; then
  apt_install iproute2 || warn "ip (iproute2) unavailable; the tools will run with the host network"
fi
HYPERFINE_VERSION="$(hyperfine --version 2>/dev/null | awk '{print $2}' || true)"
echo "hyperfine: ${HYPERFINE_VERSION:-none}" >&2

# --------------------------------------------------------------------------- peers
say "peers (venv $VENV)"
stamp="$VENV/.slipway-bench-requirements"
want="$(printf '%s\n' "$CZ_SPEC" "$CLIFF_SPEC" "$PSR_SPEC")"
if [[ ! -x "$VENV/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    "$CZ_SPEC" "$CLIFF_SPEC" "$PSR_SPEC" >&2 || die "pip install of the peers failed"
  printf '%s\n' "$want" >"$stamp"
fi
for t in cz git-cliff semantic-release; do [[ -x "$VENV/bin/$t" ]] || die "$t not found in $VENV/bin"; done
pkgver() { "$VENV/bin/python" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1"; }
CZ_VERSION="$(pkgver commitizen)"
CLIFF_VERSION="$("$VENV/bin/git-cliff" --version | awk '{print $2}')"
PSR_VERSION="$(pkgver python-semantic-release)"
PY_VERSION="$("$VENV/bin/python" -c 'import platform; print(platform.python_version())')"
echo "commitizen $CZ_VERSION, git-cliff $CLIFF_VERSION, python-semantic-release $PSR_VERSION (Python $PY_VERSION)" >&2

# ------------------------------------------------------------------------- slipway
say "slipway"
SLIPWAY="${SLIPWAY_BIN:-}"
if [[ -z "$SLIPWAY" ]]; then
  SLIPWAY="$ROOT/.build/release/slipway"
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    command -v swift >/dev/null || die "swift not found (or set SLIPWAY_BIN)"
    echo "+ swift build -c release --product slipway" >&2
    (cd "$ROOT" && swift build -c release --product slipway >&2) || die "release build failed"
    SLIPWAY="$(cd "$ROOT" && swift build -c release --show-bin-path)/slipway"
  fi
fi
[[ "$SLIPWAY" == /* ]] || SLIPWAY="$PWD/$SLIPWAY"
[[ -x "$SLIPWAY" ]] || die "no slipway binary at $SLIPWAY"
# Measure a private copy, so a rebuild in the tree during the run cannot swap it.
mkdir -p "$WORK/bin"
cp "$SLIPWAY" "$WORK/bin/slipway"
SLIPWAY_SRC="$SLIPWAY"
SLIPWAY="$WORK/bin/slipway"
SLIPWAY_VERSION="$("$SLIPWAY" --version 2>/dev/null | head -n1 | awk '{print $NF}' || true)"
if [[ -n "${SLIPWAY_BIN:-}" || "${BENCH_SKIP_BUILD:-0}" == 1 ]]; then
  # A given binary: the tree's commit says nothing about it; identify it by its hash.
  sum="$(sha256sum "$SLIPWAY" | cut -c1-12)"
  SLIPWAY_VERSION="${SLIPWAY_VERSION:-dev} (given binary, sha256 $sum…${BENCH_SLIPWAY_LABEL:+; $BENCH_SLIPWAY_LABEL})"
else
  commit="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || true)"
  SLIPWAY_VERSION="${SLIPWAY_VERSION:-dev}${commit:+ ($commit)}"
fi
echo "slipway $SLIPWAY_VERSION ($SLIPWAY_SRC)" >&2

# ---------------------------------------------------------------------- repositories
say "repositories"
python3 "$HERE/bench.py" repos "$HISTORIES" "$WORK/repos" "$SYNTHETIC_COMMITS" "$SYNTHETIC_SEED"

# The peers' configuration, exactly as `validate peers` writes it (outside the repository).
CFG="$WORK/cfg"
mkdir -p "$CFG"
printf '%s\n' '[tool.commitizen]' 'name = "cz_conventional_commits"' \
  'version_provider = "scm"' "tag_format = \"${TAG_PREFIX}\$version\"" >"$CFG/cz.toml"
printf '%s\n' '[semantic_release]' "tag_format = \"${TAG_PREFIX}{version}\"" \
  'commit_parser = "conventional"' 'allow_zero_version = true' 'major_on_zero = true' '' \
  '[semantic_release.branches.any]' 'match = ".*"' >"$CFG/psr.toml"

# ------------------------------------------------------------------------ measuring
say "measuring ($RUNS runs, $WARMUP warm-up per tool and repository)"
export SPEC="$WORK/spec.json" WORK RUNS ROUNDS WARMUP RESULTS CFG VENV SLIPWAY SLIPWAY_VERSION CZ_VERSION CLIFF_VERSION \
  PSR_VERSION PY_VERSION HYPERFINE_VERSION LOAD_BEFORE SYNTHETIC_SEED PROBE_SECONDS
export BENCH_ALLOW_NET="${BENCH_ALLOW_NET:-0}" BENCH_NO_HYPERFINE="${BENCH_NO_HYPERFINE:-0}" BENCH_REPOS="${BENCH_REPOS:-}"
python3 - <<'PY'
import json, os, platform, subprocess, datetime
E = os.environ
cpu = "unknown CPU"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
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
git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
V, CFG = E["VENV"] + "/bin", E["CFG"]
tools = [
    {"name": "slipway", "version": E["SLIPWAY_VERSION"], "answer": "slipway-json",
     "argv": [E["SLIPWAY"], "version", "--dry-run", "--format", "json", "--path", "{repo}"],
     "notes": "release build; default standard-version rules; the JSON plan (nextVersion, previousVersion, "
              "releaseType, commits, changelog section) goes to stdout. Reads the repository's files itself (refs, "
              "packed-refs, pack files and loose objects through the system zlib, config), without a git process; "
              "it runs git only where that reader cannot be sure to answer as git would (merges in the range, "
              "repository extensions, GIT_* variables that change git, …; docs/versioning.md)."},
    {"name": "slipway --next", "version": E["SLIPWAY_VERSION"], "answer": "slipway-next",
     "argv": [E["SLIPWAY"], "version", "--next", "--path", "{repo}"],
     "notes": "the like-for-like answer: `slipway version --next` prints only the next version (as `cz bump "
              "--get-next` and `git-cliff --bumped-version` do) and skips the changelog, release notes, issue keys, "
              "per-commit reasons and JSON plan; it still reads the whole range since the tag (the walk down to the "
              "tag is what proves the tag reachable) and classifies every commit."},
    {"name": "commitizen", "version": E["CZ_VERSION"], "answer": "cz",
     "argv": [V + "/cz", "--config", CFG + "/cz.toml", "bump", "--get-next", "--yes"],
     "notes": "`cz bump --get-next` prints the next version and changes nothing; exit 21 (NoneIncrementExit) "
              "means no release. `version_provider = \"scm\"`: the current version comes from the tags. "
              f"Python {E['PY_VERSION']} start-up and imports are part of its time."},
    {"name": "git-cliff", "version": E["CLIFF_VERSION"], "answer": "cliff",
     "argv": [V + "/git-cliff", "--bumped-version"],
     "notes": "the native binary from PyPI `git-cliff` (no Python shim); no cliff.toml, so its built-in "
              "default configuration (it warns about that on stderr). It prints the tag (`v10.0.0`); the "
              "prefix is dropped for the comparison. When nothing bumps it prints the current tag."},
    {"name": "semantic-release", "version": E["PSR_VERSION"], "answer": "psr",
     "argv": [V + "/semantic-release", "-c", CFG + "/psr.toml", "--noop", "version", "--print"],
     "notes": "python-semantic-release: `--noop` (no writes, no push) and `version --print` (print the next "
              "version and stop). It needs an `origin` remote to start, so every repository has one (the "
              "upstream GitHub URL; never contacted). When nothing bumps it prints the current version. "
              f"Python {E['PY_VERSION']} start-up and imports are part of its time."},
    {"name": "slipway (commitizen rules)", "version": E["SLIPWAY_VERSION"], "answer": "slipway-json", "timed": False,
     "argv": [E["SLIPWAY"], "version", "--dry-run", "--format", "json", "--strategy", "commitizen", "--path", "{repo}"]},
    {"name": "slipway (semantic-release rules)", "version": E["SLIPWAY_VERSION"], "answer": "slipway-json", "timed": False,
     "argv": [E["SLIPWAY"], "version", "--dry-run", "--format", "json", "--strategy", "semantic-release", "--path", "{repo}"]},
]
extra = [
    "The answer of each tool comes from one untimed run per repository (same namespace, same environment); after "
    "every run the benchmark checks that the repository's status, HEAD and tags are unchanged.",
    "The two `slipway (… rules)` columns of the answer table are `slipway version --strategy commitizen` and "
    "`--strategy semantic-release`, answers only (not timed): they show whether slipway reproduces each peer "
    "when asked to use its rules.",
    "slipway's `FoundationProcessRunner` runs git through Foundation's `Process`; in a network namespace whose "
    "loopback is down, swift-corelibs-foundation logs `Could not create wakeup socket pair for CFSocket!!!` and "
    "the child's exit is never noticed, so slipway waits for its 60-s git time-out and fails. That is why the "
    "namespace's loopback is brought up for every tool (still no route out of the machine).",
]
spec = {
    "repos": json.load(open(os.path.join(E["WORK"], "repos", "repos.json"))),
    "only_repos": E["BENCH_REPOS"], "probe_seconds": int(E["PROBE_SECONDS"]),
    "runs": int(E["RUNS"]), "rounds": int(E["ROUNDS"]), "warmup": int(E["WARMUP"]), "results_md": E["RESULTS"],
    "results_json": os.path.join(E["WORK"], "results.json"), "cfg_dir": CFG,
    "config_files": {n: open(os.path.join(CFG, n)).read() for n in ("cz.toml", "psr.toml")},
    "allow_net": E["BENCH_ALLOW_NET"] == "1", "no_hyperfine": E["BENCH_NO_HYPERFINE"] == "1",
    "tools": tools,
    "meta": {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             "cpu": cpu, "load_before": E["LOAD_BEFORE"], "nproc": len(os.sched_getaffinity(0)), "mem": mem,
             "os": osname, "kernel": platform.release(), "git": git, "hyperfine": E["HYPERFINE_VERSION"],
             "short_paths": {E["SLIPWAY"]: "slipway", V + "/": ""}, "extra_notes": extra},
}
json.dump(spec, open(E["SPEC"], "w"), indent=2)
PY
python3 "$HERE/bench.py" measure "$SPEC" >/dev/null
cat "$RESULTS"
echo >&2
echo "bench: results written to $RESULTS" >&2
