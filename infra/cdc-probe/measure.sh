#!/bin/bash
# Runs the probe once per argument (design:events, e.g. debezium:300000 engine:300000), one at a time, each only
# once no other build or benchmark runs: on two cores a concurrent load would falsify both figures.
# Logs go to $CDC_PROBE_LOGS (default /tmp/cdc-probe-runs), one file per run, the command on its first line.
set -u
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$(dirname "$0")"
logs=${CDC_PROBE_LOGS:-/tmp/cdc-probe-runs}
mkdir -p "$logs"
for spec in "$@"; do
  design=${spec%%:*}; n=${spec##*:}
  while pgrep -f 'plexus-classworlds|io.emporium.bench.Bench|surefirebooter' >/dev/null; do sleep 20; done
  log=$logs/$(date +%H%M%S)-$design-$n.log
  echo "== $(date -u +%FT%TZ) java -cp target/cdc-probe.jar:\$(cat target/cdc-probe.classpath)" \
       "io.emporium.cdcprobe.CdcExportRate $design $n" > "$log"
  echo "== load before: $(cat /proc/loadavg)" >> "$log"
  timeout 1800 "$JAVA_HOME/bin/java" -cp "target/cdc-probe.jar:$(cat target/cdc-probe.classpath)" \
      io.emporium.cdcprobe.CdcExportRate "$design" "$n" >> "$log" 2>&1
  echo "== exit $? at $(date -u +%FT%TZ)" >> "$log"
  grep '^RESULT' "$log"
done
