#!/usr/bin/env bash
# Stops what start-local-cluster.sh DIR started, by the PIDs in DIR/*.pid: each daemon's child
# processes (executors, cluster-mode drivers) and then the daemon; SIGTERM first, SIGKILL after 10 s.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    descendants "$child"
    echo "$child"
  done
}
pids=()
for pidfile in "$1"/worker-*.pid "$1"/master.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && pids+=($(descendants "$pid") "$pid")
  rm -f "$pidfile"
done
[ ${#pids[@]} -eq 0 ] && exit 0
kill "${pids[@]}" 2>/dev/null
for _ in $(seq 1 100); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive -eq 0 ] && exit 0
  sleep 0.1
done
kill -9 "${pids[@]}" 2>/dev/null
exit 0
