#!/usr/bin/env bash
# Dial rate (issue 13): originates/s of one pacing pass, the old sequential path against the batch
# path, asterisk-sim standalone over real AMI, embedded PostgreSQL.
# Usage: benchmarks/dial-rate.sh [channels] [rounds]   (defaults 300 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
echo "before: $(uptime)"
java ${JAVA_OPTS:-} -Duser.timezone=Asia/Shanghai -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.bench.DialRateBenchmark "${1:-300}" "${2:-3}"
echo "after: $(uptime)"
