#!/usr/bin/env bash
# Renders every fixture plan's HTML report in headless Chromium and fails when:
#   - the page logs anything to the console (the report has no scripts, so any message, from
#     an uncaught error to a blocked load, is a fault);
#   - the rendered DOM lacks the heatmap or the anchor of any item;
#   - the report refers to anything outside itself (it must work offline and attached to mail).
# Screenshots at 1280 and 390 pixels wide, and gaps-plan printed to PDF, are kept in
# target/browser/ to look at.
# A planted console error first proves the console check can fail.
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$chromium" ]; then
  echo "tests/browser/run.sh: Chromium is not installed" >&2
  exit 1
fi
out=target/browser
mkdir -p "$out"
cargo build --locked --quiet
planaudit=target/debug/planaudit

# Writes the page's rendered DOM to $dom and its console messages to $log, one per line.
render() {
  local page="$1" dom="$2" log="$3"
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --enable-logging=stderr --v=0 --dump-dom "file://$(realpath "$page")" >"$dom" 2>"$log.raw"
  grep -F ':CONSOLE' "$log.raw" >"$log" || true
}

screenshot() {
  local page="$1" width="$2" png="$3"
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --window-size="$width,1400" --screenshot="$png" "file://$(realpath "$page")" >/dev/null 2>&1
}

planted="$out/planted-error.html"
echo '<!DOCTYPE html><title>control</title><script>console.error("planted")</script>' >"$planted"
render "$planted" "$out/planted-error.dom" "$out/planted-error.console"
if ! grep -q planted "$out/planted-error.console"; then
  echo "the console check did not see a planted console.error: it cannot be trusted" >&2
  exit 1
fi

failed=0
names=()
for plan in fixtures/plans/*.md; do
  name="$(basename "$plan" .md)"
  [ "$name" = README ] && continue
  rm -f "$out/$name"-*.png "$out/$name".{dom,console,items}
  status=0
  "$planaudit" check "$plan" --no-config --format html --output "$out/$name.html" || status=$?
  if [ "$status" -ge 2 ]; then
    echo "$plan: planaudit failed (exit $status)" >&2
    failed=1
    continue
  fi
  "$planaudit" check "$plan" --no-config --format json |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const f of JSON.parse(s).frameworks)for(const i of f.items)console.log(i)})' \
      >"$out/$name.items" || true
  names+=("$name")
done

# Chromium takes seconds to start, mostly waiting: a plan's three renderings run side by side.
# One plan at a time: every plan's at once (nineteen browsers) outran the timeout on two cores.
rm -f "$out/gaps-plan.pdf"
for name in "${names[@]}"; do
  page="$out/$name.html"
  render "$page" "$out/$name.dom" "$out/$name.console" &
  screenshot "$page" 1280 "$out/$name-1280.png" &
  screenshot "$page" 390 "$out/$name-390.png" &
  wait
done
# Printing: the print stylesheet must still give a document (one fixture is enough).
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --print-to-pdf="$out/gaps-plan.pdf" "file://$(realpath "$out/gaps-plan.html")" >/dev/null 2>&1 || true

for name in "${names[@]}"; do
  plan="fixtures/plans/$name.md"
  page="$out/$name.html"
  dom="$(cat "$out/$name.dom" 2>/dev/null || true)"
  items="$(cat "$out/$name.items")"
  problems=()
  [ -s "$out/$name.console" ] && problems+=("console: $(cat "$out/$name.console")")
  grep -q 'data-heatmap="sections-items"' <<<"$dom" || problems+=("no heatmap in the DOM")
  [ -n "$items" ] || problems+=("no item ids from the JSON report")
  for item in $items; do
    grep -q "id=\"f1-item-$item\"" <<<"$dom" || problems+=("item $item is not in the DOM")
  done
  if grep -Eiq '<(script|link|img|iframe)[ >]| src="|url\(' "$page"; then
    problems+=("the page loads something: $(grep -Eio '<(script|link|img|iframe)[ >]|src=[^ ]*|url\([^)]*' "$page" | head -3)")
  fi
  for png in "$out/$name-1280.png" "$out/$name-390.png"; do
    [ -s "$png" ] || problems+=("no screenshot $png")
  done
  if [ "${#problems[@]}" -gt 0 ]; then
    printf '%s: %s\n' "$plan" "${problems[@]}" >&2
    failed=1
  else
    echo "$plan: rendered, $(wc -w <<<"$items") items in the DOM, no console messages"
  fi
done
if [ "$(head -c 4 "$out/gaps-plan.pdf" 2>/dev/null)" != "%PDF" ]; then
  echo "fixtures/plans/gaps-plan.md: the HTML report did not print to PDF" >&2
  failed=1
fi
exit "$failed"
