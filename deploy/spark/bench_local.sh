#!/usr/bin/env bash
# Throughput of the Spark job in local mode against single-process `saywho analyze`, on the
# same generated corpus, in the same run:
#
#   deploy/spark/bench_local.sh [ARTICLES] [MASTER]      # defaults: 20000 'local[2]'
#
# Needs a release build (cargo build --release) and PySpark: set SPARK_VENV to a virtualenv
# holding it (default: target/spark-venv, which the CI test installs). Prints docs/s for
# `analyze` (one process, one thread), `analyze --pipe --format rows` (what each Spark task
# runs), the job's analysis stage and the whole job, and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
articles=${1:-20000}
master=${2:-local[2]}
saywho=$PWD/target/release/saywho
venv=${SPARK_VENV:-$PWD/target/spark-venv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$saywho" bench --articles "$articles" --threads 1 --write-corpus "$work/corpus.jsonl" >/dev/null
bytes=$(stat -c %s "$work/corpus.jsonl")
echo "corpus: $articles generated articles, $((bytes / 1024 / 1024)) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

seconds() { # runs "$@", prints wall seconds
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

single=$(seconds sh -c "'$saywho' analyze --format jsonl '$work/corpus.jsonl' >/dev/null")
pipe=$(seconds sh -c "'$saywho' analyze --pipe --format rows --input jsonl - <'$work/corpus.jsonl' >/dev/null")

export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$venv/bin/python
job=$(seconds sh -c "'$venv/bin/spark-submit' --master '$master' \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  --conf spark.sql.shuffle.partitions=4 --files '$saywho' deploy/spark/saywho_spark.py \
  --input '$work/corpus.jsonl' --out '$work/out' --partitions 4 >'$work/job.out' 2>'$work/job.err'" \
  || { tail -30 "$work/job.err"; exit 1; })
summary=$(grep '^saywho-spark:' "$work/job.out")
stage=$(echo "$summary" | sed -E 's/.*"analyse": ([0-9.]+).*/\1/')

rate() { echo "$articles / $1" | bc -l | xargs printf '%.0f'; }
printf '%-46s %8.1f s %8s docs/s\n' "saywho analyze (1 process, 1 thread)" "$single" "$(rate "$single")"
printf '%-46s %8.1f s %8s docs/s\n' "saywho analyze --pipe --format rows" "$pipe" "$(rate "$pipe")"
printf '%-46s %8.1f s %8s docs/s\n' "Spark $master: analysis stage" "$stage" "$(rate "$stage")"
printf '%-46s %8.1f s %8s docs/s\n' "Spark $master: whole job (spark-submit)" "$job" "$(rate "$job")"
printf 'ratio to single-process analyze: analysis stage %.2fx, whole job %.2fx\n' \
  "$(echo "$single / $stage" | bc -l)" "$(echo "$single / $job" | bc -l)"
echo "$summary"
