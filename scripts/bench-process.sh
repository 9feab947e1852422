#!/usr/bin/env bash
# Whole-process benchmark, one run: planaudit against a read-and-parse baseline
# (examples/parse_only.rs) and, when installed, rumdl, on the generated plans; then peak memory.
# Needs hyperfine (`apt-get install hyperfine`) and GNU time (`apt-get install time`).
#   scripts/bench-process.sh            # 10 runs each
#   RUNS=30 scripts/bench-process.sh
# Results: target/bench/process.md (hyperfine's table) and target/bench/memory.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
cargo build --release --quiet --bin planaudit --example genplan --example parse_only
bin=target/release/planaudit
base=target/release/examples/parse_only
out=target/bench
mkdir -p target/plans "$out"
for size in 10K 1M 10M; do
    [ -f "target/plans/$size.md" ] || target/release/examples/genplan "$size" "target/plans/$size.md"
done
all="-f outcomes -f principles -f national-voices -f statutory"
# Each run writes its own report file: replacing a large report from an earlier run makes the
# kernel drop its page cache inside the next run's time.
args=()
for size in 10K 1M 10M; do
    plan=target/plans/$size.md
    args+=(-n "parse-only $size" "$base $plan")
    args+=(-n "check $size" "$bin check $plan --format json --output $out/default-$size.json --fail-on never")
    args+=(-n "check $size, all frameworks" "$bin check $plan $all --format json --output $out/all-$size.json --fail-on never")
done
# A pyenv shim would add a Python start-up to every rumdl run: use the binary behind it.
rumdl=${RUMDL:-$(pyenv which rumdl 2>/dev/null || command -v rumdl || true)}
if [ -n "$rumdl" ]; then
    args+=(-n "rumdl 1M" "$rumdl check --no-cache target/plans/1M.md")
else
    echo "rumdl not installed (pip install rumdl, or cargo install rumdl): no comparison" >&2
fi
hyperfine -N -i -w 3 -r "$runs" --export-markdown "$out/process.md" "${args[@]}"
{
    echo "peak RSS (KB), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
    for size in 1M 10M; do
        /usr/bin/time -f "$size all frameworks json: %M" $bin check "target/plans/$size.md" $all \
            --format json --output "$out/mem-$size.json" --fail-on never
        /usr/bin/time -f "$size all frameworks sarif: %M" $bin check "target/plans/$size.md" $all \
            --format sarif --output "$out/mem-$size.sarif" --fail-on never
    done
    for i in 1 2 3 4; do cp target/plans/10M.md "$out/10M-$i.md"; done
    for threads in 1 2; do
        /usr/bin/time -f "4 plans of 10M, $threads thread(s), json: %M" $bin check --threads "$threads" \
            "$out"/10M-?.md $all --format json --output "$out/mem-4x10M-$threads.json" --fail-on never
    done
} 2>&1 | tee "$out/memory.txt"
