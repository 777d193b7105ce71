#!/usr/bin/env bash
# Starts a Spark standalone master and N workers on 127.0.0.1, for trying equisweep on a cluster with
# one machine, and for the driver's integration test. Prints the master URL; stop with
# stop-local-cluster.sh DIR (it kills by the PIDs written to DIR).
#
#   start-local-cluster.sh DIR [--workers N] [--cores C] [--memory M] [--port P]
#
# SPARK_HOME: a Spark 3.5.x distribution (default: the one `mvn package` assembles under
# cluster-conf/standalone/target/spark-home). The daemons read cluster-conf/spark-defaults.conf
# (EQUISWEEP_SPARK_CONF overrides), so spark.authenticate and worker clean-up apply to them too;
# with spark.authenticate on, export _SPARK_AUTH_SECRET first (the same value for every JVM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 DIR [--workers N] [--cores C] [--memory M] [--port P]" >&2; exit 2; }
dir="$1"; shift
workers=2 cores=1 memory=3g port=7077
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
done
export SPARK_HOME="${SPARK_HOME:-$here/target/spark-home}"
[ -d "$SPARK_HOME/jars" ] || { echo "$0: no Spark at $SPARK_HOME (run 'mvn package' or set SPARK_HOME)" >&2; exit 2; }
conf="${EQUISWEEP_SPARK_CONF:-$here/../spark-defaults.conf}"
if grep -Eq '^spark\.authenticate[[:space:]]+true' "$conf" && [ -z "${_SPARK_AUTH_SECRET:-}" ]; then
  echo "$0: $conf sets spark.authenticate; export _SPARK_AUTH_SECRET (any secret, the same for every JVM)" >&2
  exit 2
fi
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
# The JVM flags the daemons share with drivers: the --add-opens list from spark.driver.extraJavaOptions.
opens=$(sed -n 's/^spark\.driver\.extraJavaOptions[[:space:]]\{1,\}//p' "$conf" | tr ' ' '\n' | grep -E '^--add-opens=|^-Djdk\.' | tr '\n' ' ' || true)
cp="$SPARK_HOME/conf:$SPARK_HOME/jars/*"

start() {  # name, main class, args...
  local name="$1"; shift
  # shellcheck disable=SC2086
  nohup java -Xmx512m $opens -Dlog4j2.configurationFile="$here/log4j2-daemons.properties" -cp "$cp" "$@" >"$dir/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}
wait_for() {  # name, pattern, what
  for _ in $(seq 1 600); do
    grep -q "$2" "$dir/$1.log" 2>/dev/null && return 0
    kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$dir/$1.log" >&2
  echo "$0: $3 did not start; see $dir/$1.log" >&2
  exit 1
}

start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 --properties-file "$conf"
wait_for master "I have been elected leader" "the master"
url="spark://127.0.0.1:$port"
for i in $(seq 1 "$workers"); do
  mkdir -p "$dir/work-$i"
  start "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores "$cores" \
    --memory "$memory" --work-dir "$dir/work-$i" --properties-file "$conf" "$url"
done
for i in $(seq 1 "$workers"); do
  wait_for "worker-$i" "Successfully registered with master" "worker $i"
done
echo "$url"
