#!/usr/bin/env bash
# Looks at books as a phone shows them: renders the first pages with
# mutool at 360x640 and asserts each has ink and, past the cover, nothing
# touching the right or left edge (text that does not wrap is clipped by
# readers). The seeds book, and a page of long unbreakable lines (a URL,
# a code line, a table) that must wrap. The highlight fixture's code
# (tests/reference/highlight-page-4.png is its first page). A GitBook
# chapter with a raw figure and a note reads in the order it is written.
#
# usage: render_test.sh OCTAVO PAGE_INK SEEDS WORKDIR HIGHLIGHT_SOURCES GITBOOK_PROJECT
set -uo pipefail
octavo=$1 ink=$2 seeds=$3 work=$4 highlight=$5 gitbook=$6
. "$(dirname "$0")/lib.sh"
command -v mutool >/dev/null || { echo "FAIL: mutool is not installed (apt-get install mupdf-tools)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

# look BOOK FIRST LAST MIN_INK: pages FIRST..LAST
look() {
    local book=$1 first=$2 last=$3 min=$4
    mutool draw -q -W 360 -H 640 -r 160 -o "${book%.epub}-%d.pgm" "$book" "$first-$last" 2>/dev/null ||
        { fail "$book: mutool could not render pages $first-$last"; return; }
    for ((p = first; p <= last; p++)); do
        local page="${book%.epub}-$p.pgm" out
        out=$("$ink" "$page") || { fail "$page: not rendered"; continue; }
        read -r _ pct _ right _ left <<<"$out"
        pct=${pct%\%}
        awk -v p="$pct" -v m="$min" 'BEGIN { exit !(p >= m) }' || fail "$page: blank or nearly ($out)"
        if [ "$p" -gt 1 ]; then
            [ "$right" -eq 0 ] || fail "$page: something runs off the right edge ($out)"
            [ "$left" -eq 0 ] || fail "$page: something touches the left edge ($out)"
        fi
        echo "ok: $page $out"
    done
}

"$octavo" build -q "$seeds" -o seeds.epub || exit 1
look seeds.epub 1 6 0.3
# The text pages carry a page's worth of text, not a few words.
for p in 4 5 6; do
    pct=$("$ink" "seeds-$p.pgm" | awk '{ sub("%", "", $2); print $2 }')
    awk -v p="$pct" 'BEGIN { exit !(p >= 3 && p <= 30) }' || fail "seeds-$p.pgm: $pct% ink is not a page of text"
done

mkdir -p long
{
    echo "# Long lines"
    echo
    echo "A link written out: https://example.com/$(printf 'averyveryverylongpathsegment%.0s' {1..12})/index.html and on."
    echo
    echo '```'
    echo "code_line = \"$(printf 'x%.0s' {1..300})\""
    echo '```'
    echo
    echo "| column | value |"
    echo "|---|---|"
    echo "| $(printf 'wide%.0s' {1..40}) | 1 |"
    echo
    printf '很长的中文段落%.0s' {1..60}
    echo
} >long/long.md
"$octavo" build -q long -o long.epub || exit 1
look long.epub 2 4 0.05

"$octavo" build -q "$highlight" -o highlight.epub || exit 1
look highlight.epub 4 5 0.5

# A renderer whose default styles predate HTML5 (MuPDF, Adobe's RMSDK)
# laid <figure> and <aside> out inline, ahead of the chapter's heading.
"$octavo" build -q "$gitbook" -o gitbook.epub || exit 1
page=""
for p in $(seq 1 30); do
    text=$(mutool draw -q -F txt -W 360 -H 640 -r 160 -o - gitbook.epub "$p" 2>/dev/null) || break
    if grep -q '细嘴水壶' <<<"$text"; then page=$text; break; fi
done
first=$(grep -v '^[[:space:]]*$' <<<"$page" | head -1)
[ "$first" = "3.3 工具与记录" ] || fail "gitbook.epub: the tools chapter's page starts with '$first', not its heading"
grep -q '给每盆植物插一个标签' <<<"$page" || fail "gitbook.epub: the figure's caption is not on the chapter's first page"

finish "render checks"
