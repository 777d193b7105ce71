#!/usr/bin/env bash
# equisweep on Kubernetes, cluster mode, from an image built with cluster-conf/kubernetes/Dockerfile.
#   cluster-conf/kubernetes/submit.sh https://k8s-api:6443 registry.example.org/equisweep:0.1.0 \
#       /opt/equisweep/sweeps/paper-mnist.yaml s3a://bucket/equisweep-results
# Variables: SPARK_HOME, NAMESPACE (default: equisweep), EXECUTORS (default: 8),
# CELLS_PER_EXECUTOR (default: 4), CELL_MIB (default 1230), SERVICE_ACCOUNT (default: spark).
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 API-SERVER IMAGE SPEC RESULTS-URI" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cells="${CELLS_PER_EXECUTOR:-4}"
overhead_mb=$((1024 + cells * ${CELL_MIB:-1230}))
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" \
  --master "k8s://$1" --deploy-mode cluster \
  --name equisweep \
  --class io.equisweep.driver.cli.Main \
  --properties-file "$here/../spark-defaults.conf" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-equisweep}" \
  --conf spark.kubernetes.container.image="$2" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-spark}" \
  --conf spark.kubernetes.driver.podTemplateFile="$here/pod-template.yaml" \
  --conf spark.kubernetes.executor.podTemplateFile="$here/pod-template.yaml" \
  --conf spark.executor.instances="${EXECUTORS:-8}" \
  --conf spark.executor.cores="$cells" \
  --conf spark.kubernetes.executor.request.cores="$cells" \
  --conf spark.executor.memory=2g \
  --conf spark.executor.memoryOverhead="${overhead_mb}m" \
  local:///opt/equisweep/equisweep.jar run "$3" --output "$4"
