#!/usr/bin/env bash
# Stops what start-local-cluster.sh DIR started: each daemon's child processes (executors, drivers)
# first, then the daemon, by the PIDs in DIR/*.pid.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    descendants "$child"
    echo "$child"
  done
}
for pidfile in "$1"/worker-*.pid "$1"/master.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 $(descendants "$pid") "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
done
exit 0
