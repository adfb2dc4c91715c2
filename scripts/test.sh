#!/usr/bin/env bash
# The whole test suite: type check, build the projector (the crash tests run it as a real process), start a real
# Kafka broker unless KAFKA_BROKERS points at one, run every jest project (unit, int, e2e) against the real
# PostgreSQL and Kafka, print the plain "N passed, N failed" summary line, and (without arguments) run the
# benchmark's smoke size.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent typecheck
npx nest build api >/dev/null
npx nest build projector >/dev/null
npx nest build cli >/dev/null
# webpack leaves an unchanged bundle untouched: mark it current, or bin/budget.js would run the sources through ts-node.
touch dist/apps/cli/main.js

if [ -z "${KAFKA_BROKERS:-}" ]; then
  if ! bash scripts/kafka/kafka.sh status >/dev/null 2>&1; then
    bash scripts/kafka/kafka.sh start
    trap 'bash scripts/kafka/kafka.sh stop' EXIT
  fi
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi
export KAFKAJS_NO_PARTITIONER_WARNING=1

# The dashboard's end-to-end tests drive Debian's Chromium (installed once) against the built page.
bash scripts/install-chromium.sh
npm run --silent build:web

mkdir -p test-artifacts
rm -f test-artifacts/reliability-figures.txt
status=0
projects=(--selectProjects unit int e2e)
[[ " $* " == *" --selectProjects "* ]] && projects=()
npx jest --maxWorkers=2 --json --outputFile=test-artifacts/jest-results.json "${projects[@]}" "$@" || status=$?
node -e '
  const r = require("./test-artifacts/jest-results.json");
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' || true
if [ -s test-artifacts/reliability-figures.txt ]; then
  echo "Reliability figures (FAULTS_SCALE=${FAULTS_SCALE:-1}):"
  cat test-artifacts/reliability-figures.txt
fi

# The full run only: the benchmark at its smoke size (20 000 events, every figure once, on the broker above). It
# fails on correctness (per-department totals, an event not APPLIED, a read not 200), never on speed.
if [ $# -eq 0 ]; then
  echo "Benchmark smoke run (correctness only):"
  npm run --silent bench -- --smoke || status=$?
fi
exit $status
