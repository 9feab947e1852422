#!/usr/bin/env bash
# Regenerates the HTML, DOCX and PDF versions of the synthetic fixture plans from their Markdown,
# so tests/input_formats.rs can check that every format of one plan audits alike. The outputs
# are committed: tests need no converter. Needs pandoc and, for the PDFs, Chromium printing
# headless, with the DejaVu fonts (Debian: `apt-get install pandoc chromium fonts-dejavu-core`).
# Set CHROMIUM to the browser's command if it is not `chromium`.
#
#   scripts/make-format-fixtures.sh        # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."

plans=fixtures/plans
chromium=${CHROMIUM:-chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints the HTML on standard input to the PDF named by $1, without the browser's own header
# and footer (date, file name), so the file holds only what the page's CSS asks for.
print_pdf() {
    cat >"$work/page.html"
    "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$1" "$work/page.html" 2>/dev/null
}

# The Markdown without its YAML front matter: pandoc would turn the title into a second title
# heading, which the Markdown plan does not have.
body() {
    awk 'NR == 1 && $0 == "---" { skip = 1; next } skip && $0 == "---" { skip = 0; next } !skip' "$1"
}

for name in gaps-plan; do
    md="$plans/$name.md"
    title=$(sed -n 's/^title: //p' "$md" | head -n 1)
    # A web page as a CMS would publish it: site navigation, a cookie banner and a footer
    # around the plan, which the HTML adapter must leave out.
    body "$md" | pandoc --from markdown-smart --to html5 --standalone \
        --metadata pagetitle="$title" \
        --include-before-body=<(printf '%s\n' \
            '<header class="site-header"><a href="/">Strathbeck IJB</a> <a href="/plans">Plans</a></header>' \
            '<nav><ul><li>Home</li><li>Services for carers</li><li>Contact</li></ul></nav>' \
            '<div id="cookie-consent">We use cookies to improve this site. Accept all</div>' \
            '<main>') \
        --include-after-body=<(printf '%s\n' '</main>' \
            '<footer>Copyright Strathbeck IJB. Accessibility statement.</footer>' \
            '<script>window.analytics = "wellbeing carers workforce";</script>') \
        --output "$plans/$name.html"
    body "$md" | pandoc --from markdown-smart --to docx --output "$plans/$name.docx"
    # As printed: A4 pages with a running header and page numbers in the margins, which the PDF
    # adapter must leave out.
    body "$md" | pandoc --from markdown-smart --to html5 --standalone \
        --metadata pagetitle="$title" --include-in-header=<(printf '%s\n' '<style>' \
            '@page { size: A4; margin: 22mm 18mm;' \
            "  @top-center { content: \"$title\"; font: 9pt sans-serif; }" \
            '  @bottom-center { content: counter(page); font: 9pt sans-serif; } }' \
            'body { font: 11pt/1.4 "DejaVu Serif", serif; max-width: none; margin: 0; padding: 0; }' \
            '</style>') \
        | print_pdf "$plans/$name.pdf"
    # Two justified columns with "Page N" footers, and a soft hyphen in the middle of each long
    # word of the paragraphs, so words break across line ends as a typesetter would break them.
    body "$md" | pandoc --from markdown-smart --to html5 --standalone \
        --metadata pagetitle="$title" --include-in-header=<(printf '%s\n' '<style>' \
            '@page { size: A4; margin: 20mm 15mm;' \
            '  @bottom-right { content: "Page " counter(page); font: 9pt sans-serif; } }' \
            'body { font: 10pt/1.35 "DejaVu Sans", sans-serif; column-count: 2; column-gap: 10mm;' \
            '  max-width: none; margin: 0; padding: 0; text-align: justify; }' \
            'h1 { column-span: all; }' \
            '</style>') \
        | perl -CSD -pe 'if (/^<p>/) { s/\b([a-z]{5})([a-z]{5,})\b/$1\x{AD}$2/g }' \
        | print_pdf "$plans/$name-two-column.pdf"
done

# A scanned plan: a picture of a page and no text layer, which the PDF adapter must refuse.
printf '%s\n' '<html><body style="font: 15px \"DejaVu Serif\"; margin: 12px; background: #f4f1ea">' \
    '<h2>Support for unpaid carers</h2><p>We will fund short breaks for unpaid carers<br>' \
    'and count the carers who use them each year.</p></body></html>' >"$work/scan.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=420,140 \
    --screenshot="$work/scan.png" "$work/scan.html" 2>/dev/null
printf '<html><body style="margin:0"><img src="scan.png" style="width:150mm"></body></html>' \
    | print_pdf "$plans/scanned-plan.pdf"
