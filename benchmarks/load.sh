#!/usr/bin/env bash
# Load benchmark (issue 13): typhoon rounds through the ivr-app jar on embedded PostgreSQL and a
# standalone asterisk-sim, one node then two nodes on one database, at 300 and 3,000 channels.
# Usage: benchmarks/load.sh [channels elders nodes keyDelayMs]...   (one run per group of four)
#   default: 300 900 1 2000  300 900 2 2000  3000 9000 1 2000  3000 9000 2 2000
# BENCH_JAR: the node jar to run (default: the one just built; e.g. a copy of an earlier build).
# NODE_JVM: the nodes' JVM flags (default below; see README "Load benchmark" for why).
# PBXS: how many asterisk-sims (PBXs) the channels are split over (default 1; the nodes dial all).
# Ports 18200-18239 (AMI 18200, PostgreSQL 18201, HTTP 1821x, FastAGI 1822x, further PBXs' AMI
# 18231…); BENCH_PORT moves them.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_JVM=${NODE_JVM:--XX:+UseZGC -Xms1g -Xmx2g -Xss512k}
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q -pl ivr-app -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
jar=${BENCH_JAR:-$(ls ivr-app/target/ivr-app-*.jar | grep -v -- '-plain\|sources' | head -1)}
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
runs=("$@")
[[ ${#runs[@]} -eq 0 ]] && runs=(300 900 1 2000 300 900 2 2000 3000 9000 1 2000 3000 9000 2 2000)
for ((i = 0; i < ${#runs[@]}; i += 4)); do
  echo "== run: channels=${runs[i]} elders=${runs[i+1]} nodes=${runs[i+2]} keyDelayMs=${runs[i+3]}"
  echo "before: $(uptime)"
  java ${JAVA_OPTS:--Xss512k} -Duser.timezone=Asia/Shanghai -Dbench.jar="$jar" -Dbench.jvm="$NODE_JVM" \
    -Dbench.pbxs="${PBXS:-1}" \
    -Dbench.port="${BENCH_PORT:-18200}" -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
    org.tanfang.bench.LoadBenchmark "${runs[i]}" "${runs[i+1]}" "${runs[i+2]}" "${runs[i+3]}"
  echo "after: $(uptime)"
done
