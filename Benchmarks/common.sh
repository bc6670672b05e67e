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
