# Helpers every Benchmarks/*/run.sh sources: messages on stderr and Debian installs of the measuring tools.
# shellcheck shell=bash

say() { printf '\n=== %s\n' "$*" >&2; }
warn() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 2; }

apt_install() { # apt_install PACKAGE... (root only; apt-get update once if needed)
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 2>&1 && return 0
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 2>&1
}

# Sets SLIPWAY to the binary to measure: $SLIPWAY_BIN when given, the existing release build with
# BENCH_SKIP_BUILD=1, or a fresh `swift build -c release` of the package at ROOT.
resolve_slipway() { # resolve_slipway ROOT
  local root="$1"
  if [[ -n "${SLIPWAY_BIN:-}" ]]; then
    SLIPWAY="$SLIPWAY_BIN"
  elif [[ "${BENCH_SKIP_BUILD:-0}" == 1 && -x "$root/.build/release/slipway" ]]; then
    SLIPWAY="$root/.build/release/slipway"
  else
    say "swift build -c release --product slipway"
    (cd "$root" && swift build -c release --product slipway >&2) || die "release build failed"
    SLIPWAY="$(cd "$root" && swift build -c release --show-bin-path)/slipway"
  fi
  [[ -x "$SLIPWAY" ]] || die "no slipway binary at $SLIPWAY"
}
