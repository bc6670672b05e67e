#!/usr/bin/env bash
# Supply-chain benchmark: `slipway sbom` side by side with cyclonedx-py on the Python lockfiles it reads,
# and `slipway scan deps` matching 2,000 components against the whole OSV corpus (PyPI + Go). A benchmark,
# not a test: it exits 0 whenever it could measure, whatever the numbers are.
#
#   Benchmarks/supply-chain/run.sh       (from anywhere; see docs/benchmarks.md)
#
# Environment:
#   RUNS=10               timed runs per command (hyperfine; median reported)
#   WARMUP=2              untimed warm-up runs per command
#   COMPONENTS=2000       components in the generated matching project (half PyPI, half Go)
#   SLIPWAY_BIN=PATH      slipway binary to measure (default: build release)
#   SLIPWAY_SHARED=DIR    shared folder (default: ../shared beside the repo)
#   BENCH_VENV=DIR        venv for cyclonedx-py (default: $HOME/.cache/slipway-bench-supply-venv)
#   CYCLONEDX_SPEC=...    pip requirement (default: cyclonedx-bom==7.5.0)
#   RESULTS=PATH          results markdown (default: Benchmarks/supply-chain/results.md)
#   BENCH_KEEP=1          keep the work dir
#
# Network: only pip (PyPI) and apt (Debian), and only for what is missing. The measured commands run
# inside `unshare -n` (no network) when that is available.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SLIPWAY_SHARED:-$ROOT/../shared}"
LOCKFILES="$SHARED/corpus/lockfiles"
OSV="$SHARED/corpus/osv"
VENV="${BENCH_VENV:-$HOME/.cache/slipway-bench-supply-venv}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
COMPONENTS="${COMPONENTS:-2000}"
CYCLONEDX_SPEC="${CYCLONEDX_SPEC:-cyclonedx-bom==7.5.0}"
RESULTS="${RESULTS:-$HERE/results.md}"


[[ -d "$LOCKFILES" && -d "$OSV/PyPI" && -d "$OSV/Go" ]] || die "corpus not found under $SHARED (set SLIPWAY_SHARED)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-supply.XXXXXX")"
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then trap 'echo "work dir kept: $WORK" >&2' EXIT; else trap 'rm -rf "$WORK"' EXIT; fi

say "measuring tools and peers"
command -v hyperfine >/dev/null || apt_install hyperfine || die "hyperfine is required (apt-get install hyperfine)"
[[ -x /usr/bin/time ]] || apt_install time || die "GNU time is required (apt-get install time)"
if [[ ! -x "$VENV/bin/cyclonedx-py" || "$(cat "$VENV/.spec" 2>/dev/null)" != "$CYCLONEDX_SPEC" ]]; then
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" || die "python3 -m venv failed"
  "$VENV/bin/pip" install -q --disable-pip-version-check "$CYCLONEDX_SPEC" >&2 || die "pip install $CYCLONEDX_SPEC failed"
  echo "$CYCLONEDX_SPEC" >"$VENV/.spec"
fi
CDX="$VENV/bin/cyclonedx-py"
echo "cyclonedx-py $("$CDX" --version)" >&2

SLIPWAY="${SLIPWAY_BIN:-}"
if [[ -z "$SLIPWAY" ]]; then
  say "swift build -c release --product slipway"
  (cd "$ROOT" && swift build -c release --product slipway >&2)
  SLIPWAY="$(cd "$ROOT" && swift build -c release --show-bin-path)/slipway"
fi
[[ -x "$SLIPWAY" ]] || die "no slipway binary at $SLIPWAY"

ISOLATE=()
if unshare -n true 2>/dev/null; then
  ISOLATE=(unshare -n sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh)
fi

say "inputs"
python3 "$HERE/bench.py" stage-python "$LOCKFILES" "$WORK/python" >"$WORK/python.json"
# A realistic project (10 % of the components known to the database, at affected versions) and a worst case
# (every component affected by at least one advisory).
python3 "$HERE/bench.py" project "$OSV" "$WORK/project" "$COMPONENTS" 10 >&2
python3 "$HERE/bench.py" project "$OSV" "$WORK/project-all" "$COMPONENTS" 100 >&2
mkdir -p "$WORK/one" "$WORK/db"
printf 'requests==2.0.0\n' >"$WORK/one/requirements.txt"
# The database as scan deps sees it: the PyPI and Go folders only (the samples are not part of a real database),
# as a directory and as one zip like osv.dev's all.zip.
ln -s "$OSV/PyPI" "$WORK/db/PyPI"
ln -s "$OSV/Go" "$WORK/db/Go"
(cd "$OSV" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for folder in ("PyPI", "Go"):
        for name in sorted(os.listdir(folder)):
            z.write(os.path.join(folder, name))' "$WORK/db.zip")
for project in project project-all; do
  for db in db db.zip; do  # builds both indexes before any timing
    "$SLIPWAY" scan deps "$WORK/$project" --db "$WORK/$db" --index "$WORK/$db.idx" --format json \
      >"$WORK/scan-$project-$db.json" || true
  done
  python3 - "$WORK/scan-$project-db.json" "$project" <<'PY' >&2
import json, sys
report = json.load(open(sys.argv[1]))
print(f"scan deps {sys.argv[2]}: {report['componentsScanned']} components, {len(report['findings'])} findings, "
      f"{report['database']['advisoryCount']} advisories")
PY
done

# plan.json: the groups and rows that bench.py report turns into a table.
BENCH_PY="$HERE/bench.py"
export WORK SLIPWAY CDX BENCH_PY
python3 - <<'PY'
import json, os, shlex
E = os.environ
work, slipway, cdx = E["WORK"], E["SLIPWAY"], E["CDX"]
rows = json.load(open(os.path.join(work, "python.json")))
groups = [{
    "title": "Start-up: slipway --version",
    "note": "What every slipway command pays before it does any work (process start, dynamic linking, argument "
            "parsing); the floor under the SBOM rows below.",
    "rows": [{"id": "startup-version", "label": "slipway --version", "argv": [slipway, "--version"]}],
}]
for row in rows:
    kind = row["kind"]
    target = row["file"] if kind == "requirements" else row["dir"]
    groups.append({
        "title": f"SBOM of {row['source']}",
        "note": "CycloneDX 1.6 JSON to stdout (discarded). The ratio is each command's median over slipway's. "
                "cyclonedx-py validates its own output against the schema by default; slipway does not at run "
                "time (CI validates it), so `--no-validate` is the like-for-like row.",
        "rows": [
            {"id": f"sbom-{kind}-slipway", "label": "slipway sbom", "argv": [slipway, "sbom", row["file"]]},
            {"id": f"sbom-{kind}-cyclonedx", "label": f"cyclonedx-py {kind} --no-validate",
             "argv": [cdx, kind, target, "--of", "JSON", "--sv", "1.6", "--no-validate", "-o", "-"]},
            {"id": f"sbom-{kind}-cyclonedx-validate", "label": f"cyclonedx-py {kind} (default: validates its output)",
             "argv": [cdx, kind, target, "--of", "JSON", "--sv", "1.6", "-o", "-"]},
        ],
    })
req = os.path.join(work, "project", "requirements.txt")
groups.append({
    "title": "SBOM of a generated requirements.txt with 1,000 pins",
    "note": "The PyPI half of the matching project below. cyclonedx-py's default (validating) run is left out: "
            "its IRI-format checks take minutes on 1,000 components.",
    "rows": [
        {"id": "sbom-large-slipway", "label": "slipway sbom", "argv": [slipway, "sbom", req]},
        {"id": "sbom-large-cyclonedx", "label": "cyclonedx-py requirements --no-validate",
         "argv": [cdx, "requirements", req, "--of", "JSON", "--sv", "1.6", "--no-validate", "-o", "-"]},
    ],
})
db, zipdb = os.path.join(work, "db"), os.path.join(work, "db.zip")
project, worst, one = (os.path.join(work, name) for name in ("project", "project-all", "one"))
scan = [slipway, "scan", "deps"]
tail = ["--format", "json", "--fail-on", "critical"]
scan_ok = [0, 1]  # 1: findings at or above --fail-on, the expected answer for the affected projects
groups.append({
    "title": "scan deps: 2,000 components against the whole corpus database (6,952 advisories)",
    "note": "The first row is the baseline: slipway parsing the whole database once (and matching one component), "
            "without the index; the wall ratio of the rows without the index is the issue's first target (≤ 1.5). "
            "The indexed rows answer the second target (< 50 ms). The realistic project has 10 % of its components "
            "known to the database at affected versions, the worst case 100 %. The last row is CPython's json.load "
            "over the same files, for reference.",
    "rows": [
        {"id": "scan-one-noindex", "label": "parse the database once (1 component, directory, --no-index)",
         "argv": scan + [one, "--db", db, "--no-index"] + tail, "ok_exit": scan_ok},
        {"id": "scan-project-noindex", "label": "2,000 components (realistic), directory, --no-index",
         "argv": scan + [project, "--db", db, "--no-index"] + tail, "ok_exit": scan_ok},
        {"id": "scan-worst-noindex", "label": "2,000 components (worst case), directory, --no-index",
         "argv": scan + [worst, "--db", db, "--no-index"] + tail, "ok_exit": scan_ok},
        {"id": "scan-project-index", "label": "2,000 components (realistic), directory, index",
         "argv": scan + [project, "--db", db, "--index", db + ".idx"] + tail, "ok_exit": scan_ok},
        {"id": "scan-project-zip-index", "label": "2,000 components (realistic), all.zip, index",
         "argv": scan + [project, "--db", zipdb, "--index", zipdb + ".idx"] + tail, "ok_exit": scan_ok},
        {"id": "scan-worst-zip-index", "label": "2,000 components (worst case), all.zip, index",
         "argv": scan + [worst, "--db", zipdb, "--index", zipdb + ".idx"] + tail, "ok_exit": scan_ok},
        {"id": "python-json", "label": "python3 json.load of every record",
         "argv": ["python3", E["BENCH_PY"], "parse-json", db]},
    ],
})
for group in groups:
    for row in group["rows"]:
        row["command"] = shlex.join(row["argv"])
json.dump({"groups": groups}, open(os.path.join(work, "plan.json"), "w"), indent=1)
PY

say "measuring ($RUNS runs, $WARMUP warm-up)"
python3 - <<'PY' | while IFS=$'\t' read -r id command; do
import json, os, shlex
for group in json.load(open(os.path.join(os.environ["WORK"], "plan.json")))["groups"]:
    for row in group["rows"]:
        print(f"{row['id']}\t{row['command']}")
PY
  echo "+ $command" >&2
  # shellcheck disable=SC2086
  eval "set -- $command"
  # One untimed run first: its exit status and output say whether the timed runs did the work at all
  # (hyperfine --ignore-failure would time a command that stops with an error just the same).
  "${ISOLATE[@]}" python3 "$HERE/bench.py" probe "$WORK/$id.probe.json" "$@"
  "${ISOLATE[@]}" hyperfine --shell=none --ignore-failure --style basic --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$WORK/$id.json" --output null -- "$command" >&2
  "${ISOLATE[@]}" /usr/bin/time -v -o "$WORK/$id.time" "$@" >/dev/null 2>&1 || true
done

python3 "$HERE/bench.py" report "$WORK" "$RESULTS"
echo "results: $RESULTS" >&2
