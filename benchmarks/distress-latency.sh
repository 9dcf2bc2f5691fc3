#!/usr/bin/env bash
# Distress latency: key 9 sent by asterisk-sim → DISTRESS event on the desk's live stream.
# Usage: benchmarks/distress-latency.sh [calls] [concurrent]   (defaults 200 and 4)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
exec java ${JAVA_OPTS:-} -Duser.timezone=Asia/Shanghai -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.bench.DistressLatencyBenchmark "${1:-200}" "${2:-4}"
