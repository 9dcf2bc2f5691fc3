#!/usr/bin/env bash
# Imports a 100,000-row elder sheet (CSV and XLSX) into a throw-away embedded PostgreSQL and
# prints throughput. Usage: benchmarks/import-100k.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
exec java -Xmx4g -Duser.timezone=Asia/Shanghai -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.bench.ImportBenchmark "${1:-100000}"
