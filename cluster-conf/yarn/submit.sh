#!/usr/bin/env bash
# equisweep on YARN, cluster mode: the driver runs in the application master's container, so the
# spec and the results live on HDFS (or S3); datasets too, unless every node has them locally.
#   cluster-conf/yarn/submit.sh hdfs:///user/me/sweeps/paper-mnist.yaml hdfs:///user/me/results
# Variables: SPARK_HOME, EQUISWEEP_JAR, QUEUE (default: default), EXECUTORS (default: 8),
# CELLS_PER_EXECUTOR (default: 4). See cluster-conf/README.md for the sizing rule used below.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SPEC-URI RESULTS-URI" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${EQUISWEEP_JAR:-$here/../../driver/target/equisweep-0.1.0-SNAPSHOT.jar}"
cells="${CELLS_PER_EXECUTOR:-4}"
# Per executor: 2 GiB heap (dataset cache, results) and 1.5 GiB native memory per concurrent cell
# (measured peak for p4cnn at batch 256; use 3 GiB per cell for resnet44 at batch 128).
overhead_mb=$((1024 + cells * 1536))
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" \
  --master yarn --deploy-mode cluster \
  --queue "${QUEUE:-default}" \
  --name "equisweep $(basename "$1")" \
  --class io.equisweep.driver.cli.Main \
  --properties-file "$here/../spark-defaults.conf" \
  --num-executors "${EXECUTORS:-8}" \
  --executor-cores "$cells" \
  --executor-memory 2g \
  --conf spark.executor.memoryOverhead="${overhead_mb}m" \
  --conf spark.yarn.maxAppAttempts=2 \
  --conf spark.executor.extraJavaOptions="$(sed -n 's/^spark\.executor\.extraJavaOptions[[:space:]]\{1,\}//p' "$here/../spark-defaults.conf" \
      | sed 's:-Dorg.bytedeco.javacpp.cachedir=[^ ]*:-Dorg.bytedeco.javacpp.cachedir=./javacpp:')" \
  "$jar" run "$1" --output "$2"
