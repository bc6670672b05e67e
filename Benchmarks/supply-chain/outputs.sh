#!/usr/bin/env bash
# Writes every output the supply-chain benchmark's commands produce, so that two builds can be compared byte for
# byte before and after an optimisation (`diff -r`). Not a benchmark and not a test: an oracle for speed work.
#
#   Benchmarks/supply-chain/outputs.sh SLIPWAY_BIN OUT_DIR
#   diff -r OUT_DIR_BEFORE OUT_DIR_AFTER
#
# Outputs: the CycloneDX 1.6, CycloneDX 1.5 and SPDX SBOM of every corpus lockfile (each staged alone under the
# name its reader expects, with its companion files) and of all of them together; `scan deps` of the benchmark's
# generated projects (realistic and worst case) against the corpus database as a directory and as a zip, without
# and with the index (built, then reused), as JSON, SARIF and table, plus the VEX documents; `scan licenses` JSON
# of every staged lockfile. Timestamps are pinned with SOURCE_DATE_EPOCH and work paths are the same in every run
# (under OUT_DIR/../work-outputs), so the files differ only when the output does.
#
# Environment: SLIPWAY_SHARED=DIR (default ../shared beside the repo).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../common.sh
source "$HERE/../common.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SLIPWAY_SHARED:-$ROOT/../shared}"
LOCKFILES="$SHARED/corpus/lockfiles"
OSV="$SHARED/corpus/osv"
[[ $# -eq 2 ]] || die "usage: outputs.sh SLIPWAY_BIN OUT_DIR"
SLIPWAY="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ -x "$SLIPWAY" ]] || die "no slipway binary at $1"
mkdir -p "$2"
OUT="$(cd "$2" && pwd)"
[[ -d "$LOCKFILES" && -d "$OSV/PyPI" && -d "$OSV/Go" ]] || die "corpus not found under $SHARED (set SLIPWAY_SHARED)"

# The staged inputs live at a fixed path, so that paths inside reports are the same in every run.
WORK="/tmp/slipway-supply-outputs"
rm -rf "$WORK"
mkdir -p "$WORK/lockfiles" "$WORK/db"
export SOURCE_DATE_EPOCH=1700000000

say "staging the corpus lockfiles"
python3 - "$LOCKFILES" "$WORK/lockfiles" <<'PY'
import csv, os, shutil, sys
lockfiles, out = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(os.path.join(lockfiles, "MANIFEST.tsv"), encoding="utf-8"), delimiter="\t"))
for row in rows:
    folder, name = row["file"].split("/", 1)
    base = os.path.basename(row["path"])
    prefix = name[: len(name) - len(base)]
    target = os.path.join(out, folder, prefix.rstrip("_") or "root")
    os.makedirs(target, exist_ok=True)
    # The lockfile and its companions (Cargo.toml, go.sum, package.json, pyproject.toml…) share the prefix.
    for other in sorted(os.listdir(os.path.join(lockfiles, folder))):
        if other.startswith(prefix) and "__" not in other[len(prefix):]:
            shutil.copyfile(os.path.join(lockfiles, folder, other), os.path.join(target, other[len(prefix):]))
PY

say "SBOMs"
while IFS= read -r dir; do
  id="$(echo "${dir#"$WORK/lockfiles/"}" | tr '/' '_')"
  for spec in 1.6 1.5; do
    "$SLIPWAY" sbom "$dir" --spec-version "$spec" >"$OUT/sbom-$id-cdx$spec.json" 2>"$OUT/sbom-$id-cdx$spec.err" || true
  done
  "$SLIPWAY" sbom "$dir" --format spdx >"$OUT/sbom-$id-spdx.json" 2>"$OUT/sbom-$id-spdx.err" || true
  "$SLIPWAY" scan licenses "$dir" --format json >"$OUT/licenses-$id.json" 2>"$OUT/licenses-$id.err" || true
done < <(find "$WORK/lockfiles" -mindepth 2 -maxdepth 2 -type d | sort)
for spec in 1.6 1.5; do
  "$SLIPWAY" sbom "$WORK/lockfiles" --spec-version "$spec" --name all >"$OUT/sbom-all-cdx$spec.json" 2>"$OUT/sbom-all-cdx$spec.err" || true
done
"$SLIPWAY" sbom "$WORK/lockfiles" --format spdx --name all >"$OUT/sbom-all-spdx.json" 2>"$OUT/sbom-all-spdx.err" || true

say "scan deps"
python3 "$HERE/bench.py" project "$OSV" "$WORK/project" 2000 10 >/dev/null
python3 "$HERE/bench.py" project "$OSV" "$WORK/project-all" 2000 100 >/dev/null
cp -r "$OSV/PyPI" "$OSV/Go" "$WORK/db/"
(cd "$OSV" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for folder in ("PyPI", "Go"):
        for name in sorted(os.listdir(folder)):
            z.write(os.path.join(folder, name))' "$WORK/db.zip")
for project in project project-all; do
  for db in db db.zip; do
    for mode in no-index index-built index-used; do
      index=(--index "$WORK/$db.idx")
      [[ "$mode" == no-index ]] && index=(--no-index)
      [[ "$mode" == index-built ]] && rm -f "$WORK/$db.idx"
      for format in json sarif table; do
        [[ "$mode" == index-built && "$format" != json ]] && continue
        base="$OUT/scan-$project-$db-$mode"
        code=0
        "$SLIPWAY" scan deps "$WORK/$project" --db "$WORK/$db" "${index[@]}" --format "$format" --fail-on critical \
          --vex "$base.vex.cdx.json" >"$base.$format" 2>"$base.$format.err" || code=$?
        echo "$code" >"$base.$format.exit"
      done
    done
  done
done
"$SLIPWAY" scan deps "$WORK/project" --db "$WORK/db.zip" --index "$WORK/db.zip.idx" --format json \
  --vex "$OUT/scan-project-openvex.json" --vex-format openvex >/dev/null 2>&1 || true
"$SLIPWAY" scan deps "$WORK/lockfiles" --db "$WORK/db.zip" --index "$WORK/db.zip.idx" --format json \
  >"$OUT/scan-lockfiles.json" 2>"$OUT/scan-lockfiles.err" || true
say "outputs in $OUT"
