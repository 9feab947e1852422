#!/usr/bin/env bash
# Writes the plans of issue 13's memory worst case, about 30 MB each, into target/plans:
#   30M-lines.md     one short paragraph per line pair ("Unpaid carers get short breaks 17."):
#                    750,000 blocks in one section
#   30M-headings.md  a heading per line ("## Carers and short breaks 17"): 880,000 sections
# Each names signals, so the audit has hits to hold as well as blocks.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/plans
awk 'BEGIN { print "# Plan\n"; for (i = 0; i < 750000; i++) printf "Unpaid carers get short breaks %d.\n\n", i }' \
    >target/plans/30M-lines.md
awk 'BEGIN { for (i = 0; i < 880000; i++) printf "## Carers and short breaks %d\n", i }' \
    >target/plans/30M-headings.md
ls -l target/plans/30M-*.md
