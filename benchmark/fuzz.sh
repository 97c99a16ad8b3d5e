#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of what reads untrusted input before any pixel is decoded: the request parsers
# with the signature check, SIH JSON requests, the format probes, and upload forms. Each target runs for SECONDS
# (default 30); the corpus grows in image-handler/.cifuzz-corpus/ from run to run. A finding fails the run and
# leaves its input under image-handler/src/test/resources/dev/pictor/fuzz/<Class>Inputs/<target>/, where the
# normal test run replays it from then on: fix the cause, keep the input.
#   benchmark/fuzz.sh            30 s a target (CI runs 20)
#   benchmark/fuzz.sh 3600       an hour a target
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bin/jdk.sh
. bin/jdk.sh
seconds=${1:-30}
targets=(
  "RequestFuzzTest#everyUrlIsParsedOrRefused"
  "RequestFuzzTest#everySihJsonRequestIsParsedOrRefused"
  "ProbeFuzzTest#everyFileIsProbedOrRefused"
  "ProbeFuzzTest#everyFormIsReadOrRefused"
)
mvn -q -B -DskipTests -pl image-handler -am install
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s" >&2
  log=$(mktemp)
  if ! JAZZER_FUZZ=1 mvn -q -B -pl image-handler test -Dtest="$target" -Djazzer.max_duration="${seconds}s" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -E 'DONE|Exception|FAIL' "$log" | head -20 >&2
    echo "finding in $target: its input is saved beside the seeds; the surefire report has the stack" >&2
    exit 1
  fi
  grep -E 'DONE' "$log" >&2 || true
  rm -f "$log"
done
