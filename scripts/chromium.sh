#!/usr/bin/env bash
# Debian's chromium, at the version apt serves now: installed on a fresh machine, upgraded on one
# that installed it earlier (a browser that lags behind a new user's passes tests theirs fails).
# As root with apt-get, otherwise through sudo. Prints the version the tests will use.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
before=$(/usr/bin/chromium --version 2>/dev/null || echo "none")
if $SUDO apt-get update -qq; then
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif [ "$before" = none ]; then
  echo "chromium: apt-get update failed and no chromium is installed" >&2
  exit 1
else
  echo "chromium: apt-get update failed; keeping the installed $before (it may be older than a new user's)" >&2
fi
after=$(/usr/bin/chromium --version 2>/dev/null)
if [ "$before" = "$after" ]; then echo "chromium: $after (the version apt serves now)"
else echo "chromium: $before -> $after"; fi
