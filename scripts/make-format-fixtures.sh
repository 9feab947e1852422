#!/usr/bin/env bash
# Regenerates the HTML and DOCX versions of the synthetic fixture plans from their Markdown, so
# tests/input_formats.rs can check that every format of one plan audits alike. The outputs are
# committed: tests need no converter. Needs pandoc (Debian: `apt-get install pandoc`).
#
#   scripts/make-format-fixtures.sh        # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."

plans=fixtures/plans

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
done
