#!/usr/bin/env bash
# Speech throughput: RTF and utterances/s, raw Vosk vs the whole pipeline, on 1 and 2 threads.
# Usage: benchmarks/speech.sh [utterances]   (model: $TANFANG_VOSK_MODEL_EN, default ../shared/models/…)
set -euo pipefail
cd "$(dirname "$0")/.."
model="${TANFANG_VOSK_MODEL_EN:-$(cd .. && pwd)/shared/models/vosk-model-small-en-us-zamia-0.5}"
./mvnw -B -q -pl ivr-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="ivr-app/target/test-classes:ivr-app/target/classes:scheduler/target/classes:asterisk-sim/target/classes"
exec java -Duser.timezone=Asia/Shanghai -cp "$cp:$(cat ivr-app/target/bench-classpath.txt)" \
  org.tanfang.bench.SpeechBenchmark "$model" "${1:-40}"
