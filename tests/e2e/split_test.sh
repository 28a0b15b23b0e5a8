#!/usr/bin/env bash
# Chapters too large for one page (issue #8) are cut into pieces of at
# most ~250 KB at headings or between paragraphs: links and the toc still
# land on the right piece, every page is reached from the toc, the book
# validates, and building on one core or several gives the same bytes.
#
# usage: split_test.sh OCTAVO INSPECT EPUBCHECK_TS WORKDIR
# (No "producer | grep -q": with pipefail, grep leaving early fails it.)
set -uo pipefail
octavo=$1 inspect=$2 epubcheck_ts=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/src"
. "$here/lib.sh"
cd "$work" || exit 1

para="这是一段很长的中文文字，用来测试大章节的分割。It mixes English words too: reading systems, pages and pieces."
para="$para$para$para$para$para$para"
{
    echo "# Big chapter"
    for i in $(seq 1 40); do
        printf '\n## Part %d\n' "$i"
        for _ in $(seq 1 12); do printf '\n%s\n' "$para"; done
    done
    printf '\nBack to [part 3](#part-3) and on to [part 38](#part-38).\n'
    printf '\n— the end of the big chapter\n'
} >src/01-big.md
printf '# Other\n\nSee [part 37](01-big.md#part-37) and [the big chapter](01-big.md).\n' >src/02-other.md
{
    echo "# Flat"
    for _ in $(seq 1 900); do printf '\n%s\n' "$para"; done
} >src/03-flat.md
{
    echo "# Notes"
    printf '\nA claim.[^1]\n'
    for _ in $(seq 1 500); do printf '\n%s\n' "$para"; done
    printf '\n[^1]: The note, at the end.\n'
} >src/04-notes.md

"$octavo" build -q -j1 src -o one.epub || fail "build -j1 failed"
"$octavo" build -q -j4 src -o four.epub || fail "build -j4 failed"
cmp -s one.epub four.epub || fail "-j1 and -j4 books differ"
"$inspect" four.epub >inspect.txt || fail "epub_inspect found problems: $(tail -5 inspect.txt)"

# Pages: the big and the flat chapter in pieces under 250 KB; the one
# with a footnote whole.
unzip -l four.epub | awk '$4 ~ /^EPUB\/text\/ch/ {print $1, $4}' >pages.txt
pages=$(wc -l <pages.txt)
[ "$pages" -ge 8 ] || fail "expected at least 8 chapter pages, got $pages: $(cat pages.txt)"
notes=$(tail -1 pages.txt)
while read -r size name; do
    [ "$name" = "${notes#* }" ] && continue
    [ "$size" -le 256000 ] || fail "$name is $size bytes, more than 250 KB"
done <pages.txt
[ "${notes%% *}" -gt 256000 ] || fail "the chapter with a footnote should stay one page: $notes"
grep -q 'id="fn-1"\|id="fn1"\|fn-1' <(unzip -p four.epub "${notes#* }") ||
    fail "the footnote is not in its chapter's page"

# Links land on the piece that holds the heading.
page_of() { # the page whose text has id="$1"
    while read -r _ name; do
        if grep -q "id=\"$1\"" <(unzip -p four.epub "$name"); then
            echo "${name#EPUB/text/}"
            return
        fi
    done <pages.txt
}
p3=$(page_of part-3) p37=$(page_of part-37) p38=$(page_of part-38)
[ -n "$p3" ] && [ -n "$p38" ] && [ "$p3" != "$p38" ] || fail "part 3 ($p3) and 38 ($p38) should be on different pieces"
grep -q "^link: .* $p3#part-3\$" inspect.txt || fail "the link to part 3 does not lead to $p3"
grep -q "^link: .* $p38#part-38\$" inspect.txt || fail "the link to part 38 does not lead to $p38"
grep -q "^link: .* $p37#part-37\$" inspect.txt || fail "the link from another chapter to part 37 does not lead to $p37"
grep -q "^link: .* ch001.xhtml\$" inspect.txt || fail "a link to the big chapter should lead to its first piece"

# The toc: one entry per chapter, the sections of every piece under it,
# and a piece that starts without a heading reached by an entry of its own.
grep -q "^nav: Big chapter\$" inspect.txt || fail "toc has no 'Big chapter'"
[ "$(grep -c '^nav: Big chapter$' inspect.txt)" -eq 1 ] || fail "'Big chapter' is in the toc more than once"
grep -q "^nav:   Part 38\$" inspect.txt || fail "toc lacks Part 38 under the big chapter"
grep -q "^nav:   Flat (2)\$" inspect.txt || fail "toc lacks the second piece of 'Flat'"
# Only the first piece has the title; the signature closes the last one.
[ "$(unzip -p four.epub EPUB/text/ch001.xhtml | grep -c '<h1')" -eq 1 ] || fail "the first piece has no <h1>"
[ "$(unzip -p four.epub EPUB/text/ch002.xhtml | grep -c '<h1')" -eq 0 ] || fail "a later piece repeats the <h1>"
last_big=$(page_of part-40)
grep -q 'class="signature"' <(unzip -p four.epub "EPUB/text/$last_big") ||
    fail "the signature is not on the big chapter's last piece ($last_big)"
grep -q "Big chapter .*pages)" <<<"$("$octavo" toc src)" || fail "octavo toc does not say the big chapter has several pages"

out=$("$octavo" check four.epub) || fail "octavo check: $out"
[ "$out" = "four.epub: 0 errors, 0 warnings" ] || fail "octavo check: $out"
"$here/validate.sh" epubcheck-ts four.epub "$epubcheck_ts" >/dev/null || fail "epubcheck-ts"
"$here/validate.sh" epubcheck four.epub >/dev/null || fail "epubcheck"

finish "splitting tests"
