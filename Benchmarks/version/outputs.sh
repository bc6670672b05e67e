#!/usr/bin/env bash
# Every answer `slipway version` gives on the benchmark's repositories, written to files so that two
# builds can be compared byte for byte (the oracle of the speed work: an optimisation must not change
# any of them). Not a benchmark and not a test: it prints where the files are.
#
#   Benchmarks/version/outputs.sh SLIPWAY_BIN REPOS_DIR OUT_DIR
#   diff -r OUT_OLD OUT_NEW        # nothing = same answers
#
# REPOS_DIR is what `bench.py repos` builds (BENCH_KEEP=1 Benchmarks/version/run.sh keeps it, or
# `python3 Benchmarks/version/bench.py repos ../shared/corpus/histories DIR 10000 20250101`).
# Per repository it records, with the date pinned by SOURCE_DATE_EPOCH:
#   - `--dry-run --format json` with each strategy (standard-version, commitizen, semantic-release),
#     stdout and stderr, and `--dry-run` text output;
#   - `--dry-run --format json` with `--prerelease alpha`, `--release-as minor` and `--first-parent`;
#   - `--next` (text and JSON) with each strategy, `--prerelease alpha`, `--release-as minor` and
#     `--first-parent` (a build without `--next` records its usage error there);
#   - a real release in a copy of the repository (`--release-notes`): CHANGELOG.md, the release notes,
#     package.json, the release commit's message and the new tag's message.
set -euo pipefail

[[ $# == 3 ]] || { sed -n '2,18p' "$0" >&2; exit 2; }
SLIPWAY="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
REPOS="$(cd "$2" && pwd)"
mkdir -p "$3"
OUT="$(cd "$3" && pwd)"
export SOURCE_DATE_EPOCH=1735732800 NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench \
  GIT_COMMITTER_EMAIL=bench@example.invalid
unset GITHUB_ACTIONS GITHUB_OUTPUT

TMP="$(mktemp -d "${TMPDIR:-/tmp}/slipway-version-outputs.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

run() { # run NAME ARGS... : stdout, stderr and status of one slipway call
  local name="$1"; shift
  local status=0
  "$SLIPWAY" version "$@" >"$dir/$name.out" 2>"$dir/$name.err" || status=$?
  echo "$status" >"$dir/$name.status"
}

for repo in "$REPOS"/*/; do
  repo="${repo%/}"
  name="$(basename "$repo")"
  dir="$OUT/$name"
  mkdir -p "$dir"
  run json --dry-run --format json --path "$repo"
  run json-commitizen --dry-run --format json --strategy commitizen --path "$repo"
  run json-semantic-release --dry-run --format json --strategy semantic-release --path "$repo"
  run text --dry-run --path "$repo"
  run json-prerelease --dry-run --format json --prerelease alpha --path "$repo"
  run json-release-as --dry-run --format json --release-as minor --path "$repo"
  run json-first-parent --dry-run --format json --first-parent --path "$repo"
  run next --next --path "$repo"
  run next-json --next --format json --path "$repo"
  run next-commitizen --next --strategy commitizen --path "$repo"
  run next-semantic-release --next --format json --strategy semantic-release --path "$repo"
  run next-prerelease --next --prerelease alpha --path "$repo"
  run next-release-as --next --release-as minor --path "$repo"
  run next-first-parent --next --first-parent --path "$repo"
  copy="$TMP/$name"
  cp -a "$repo" "$copy"
  run release --release-notes "$TMP/notes.md" --path "$copy"
  for f in CHANGELOG.md package.json; do cp "$copy/$f" "$dir/release-$f" 2>/dev/null || true; done
  mv "$TMP/notes.md" "$dir/release-notes.md" 2>/dev/null || true
  git -C "$copy" log -1 --format=%B >"$dir/release-commit.txt" 2>&1 || true
  git -C "$copy" tag --points-at HEAD --format='%(refname:short)%0a%(contents)' >"$dir/release-tag.txt" 2>&1 || true
  sed -i "s|$TMP/|TMP/|g" "$dir"/release.*   # the copy's random path
  rm -rf "$copy"
done
echo "outputs of $SLIPWAY written to $OUT" >&2
