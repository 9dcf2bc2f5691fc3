#!/usr/bin/env bash
# Reply classification time against text length (100 … 100,000 characters), no model needed.
# Usage: benchmarks/classify.sh [runs per length]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
exec java -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.bench.ClassifyBenchmark "${1:-5}"
