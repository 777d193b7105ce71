#!/usr/bin/env bash
# equisweep on YARN, cluster mode: the driver runs in the application master's container, so the
# spec travels with the job (--files) and the results live on HDFS (or S3); datasets too, unless every
# node has them locally.
#   cluster-conf/yarn/submit.sh sweeps/paper-mnist.yaml hdfs:///user/me/results
# Variables: SPARK_HOME, EQUISWEEP_JAR, QUEUE (default: default), EXECUTORS (default: 8),
# CELLS_PER_EXECUTOR (default: 4), CELL_MIB (native memory per cell, default 1230). See cluster-conf/README.md for the sizing rule used below.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SPEC RESULTS-URI" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${EQUISWEEP_JAR:-$here/../../driver/target/equisweep-0.1.0-SNAPSHOT.jar}"
cells="${CELLS_PER_EXECUTOR:-4}"
# Per executor: 2 GiB heap (dataset cache, results) plus, as overhead, 1 GiB and the measured native
# memory of each concurrent cell: 1.2 GiB for the MNIST nets at batch 256, 5.1 GiB for resnet44-p4 at
# 33x33, batch 128 (CELL_MIB=5200). cluster-conf/README.md, "Sizing executors", has the measurements.
overhead_mb=$((1024 + cells * ${CELL_MIB:-1230}))
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" \
  --master yarn --deploy-mode cluster \
  --queue "${QUEUE:-default}" \
  --name "equisweep $(basename "$1")" \
  --class io.equisweep.driver.cli.Main \
  --files "$1" \
  --properties-file "$here/../spark-defaults.conf" \
  --num-executors "${EXECUTORS:-8}" \
  --executor-cores "$cells" \
  --executor-memory 2g \
  --conf spark.executor.memoryOverhead="${overhead_mb}m" \
  --conf spark.yarn.maxAppAttempts=2 \
  --conf spark.executor.extraJavaOptions="$(sed -n 's/^spark\.executor\.extraJavaOptions[[:space:]]\{1,\}//p' "$here/../spark-defaults.conf" \
      | sed 's:-Dorg.bytedeco.javacpp.cachedir=[^ ]*:-Dorg.bytedeco.javacpp.cachedir=./javacpp:')" \
  "$jar" run "$(basename "$1")" --output "$2"
