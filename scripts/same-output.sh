#!/usr/bin/env bash
# Writes every output a speed change must leave byte-identical into one folder, so that two
# builds can be compared with `diff -r`:
#   scripts/same-output.sh BINARY DIR
#   diff -r target/same/before target/same/after && echo identical
# For every fixture plan and the generated 10K, 1M and 10M plans (target/plans, made by
# `cargo run --release --example genplan`): JSON (`--pretty --all-evidence`, default and all
# frameworks, threads 1, 2 and 8 on the whole batch), SARIF and the human report; then the
# `eval` figures on the project's labels and, when present, the shared dev labels.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$1
dir=$2
mkdir -p "$dir"
all=(-f outcomes -f principles -f national-voices -f statutory)
plans=(fixtures/plans/*.md fixtures/plans/*.html fixtures/plans/*.docx fixtures/plans/*.pdf)
plans=("${plans[@]/fixtures\/plans\/README.md/}")
# A scanned PDF is an input error (exit 2), checked on its own above but not in the batch.
batch=("${plans[@]/fixtures\/plans\/scanned-plan.pdf/}")
big=()
for size in 10K 1M 10M; do
    [ -f "target/plans/$size.md" ] && big+=("target/plans/$size.md")
done
run() { # name, args...: the report, then the exit code
    local name=$1
    shift
    "$bin" "$@" >"$dir/$name" 2>"$dir/$name.stderr"
    echo "exit $?" >>"$dir/$name.stderr"
}
for plan in "${plans[@]}" "${big[@]}"; do
    [ -n "$plan" ] || continue
    name=$(basename "$plan")
    run "$name.default.json" check "$plan" --format json --pretty --all-evidence
    run "$name.all.json" check "$plan" "${all[@]}" --format json --pretty --all-evidence
    run "$name.all.sarif" check "$plan" "${all[@]}" --format sarif
    run "$name.human" check "$plan" "${all[@]}" --color never
done
for threads in 1 2 8; do
    run "batch.threads-$threads.json" check --threads "$threads" ${batch[@]} "${big[@]}" \
        "${all[@]}" --format json --pretty --all-evidence
done
for labels in fixtures/labels/paraphrase.yaml fixtures/labels/labels.yaml ../shared/eval-dev/labels.yaml; do
    [ -f "$labels" ] || continue
    run "eval.$(echo "$labels" | tr / _)" eval --labels "$labels"
done
ls "$dir" | wc -l
