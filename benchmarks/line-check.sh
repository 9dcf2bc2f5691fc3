#!/usr/bin/env bash
# Line check (issue 12): accuracy and time to decision on carrier announcements, voicemail
# greetings and people picking up (espeak-ng, 8 kHz, English test model).
# Usage: benchmarks/line-check.sh [rounds per clip]   (model: $TANFANG_VOSK_MODEL_EN)
set -euo pipefail
cd "$(dirname "$0")/.."
model="${TANFANG_VOSK_MODEL_EN:-$(cd .. && pwd)/shared/models/vosk-model-small-en-us-zamia-0.5}"
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
exec java -Duser.timezone=Asia/Shanghai -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.speech.LineCheckBenchmark "$model" "${1:-3}"
