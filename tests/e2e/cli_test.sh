#!/usr/bin/env bash
# The command line as a user meets it: help, version, usage errors (exit
# 2), bad input (exit 1, "file: reason", no output written, an existing
# book untouched), default output name, SOURCE_DATE_EPOCH.
#
# usage: cli_test.sh OCTAVO INSPECT SEEDS WORKDIR
set -uo pipefail
octavo=$1 inspect=$2 seeds=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

# expect STATUS STDERR-SUBSTRING -- command...
expect() {
    local want_status=$1 want_text=$2
    shift 3
    local out status
    out=$("$@" 2>&1)
    status=$?
    if [ "$status" -ne "$want_status" ]; then
        fail "'$*' exited $status, expected $want_status. Output: $out"
    elif [ -n "$want_text" ] && ! grep -Fq -- "$want_text" <<<"$out"; then
        fail "'$*' did not print '$want_text'. Output: $out"
    fi
}

expect 0 "Usage: octavo" -- "$octavo" --help
expect 0 "Usage: octavo build" -- "$octavo" build --help
expect 0 "octavo 0." -- "$octavo" --version
expect 2 "Usage: octavo" -- "$octavo"
expect 2 "unknown command 'frobnicate'" -- "$octavo" frobnicate
expect 2 "unknown option '--frobnicate'" -- "$octavo" build --frobnicate "$seeds"
expect 2 "option '-o' needs a value" -- "$octavo" build "$seeds" -o
expect 2 "--lang 'C' is not a BCP 47 language tag" -- "$octavo" build --lang C "$seeds"
expect 2 "did you mean 'zh-CN'?" -- "$octavo" build --lang zh_CN "$seeds"
expect 2 "--toc-depth '9'" -- "$octavo" build --toc-depth 9 "$seeds"
SOURCE_DATE_EPOCH=yesterday expect 2 "SOURCE_DATE_EPOCH" -- "$octavo" build "$seeds"
# Metadata from the command line must be text XML can hold, and not blank;
# what octavo prints of it shows its controls.
expect 2 "--title 'a\\x01b' holds a control character" -- "$octavo" build --title "$(printf 'a\001b')" "$seeds"
expect 2 "--author 'x\\x1B[2J' holds a control character" -- "$octavo" build --author "$(printf 'x\033[2J')" "$seeds"
expect 2 "--identifier '   ' is empty" -- "$octavo" build --identifier "   " "$seeds"
expect 2 "--identifier ' \\x0A ' is empty" -- "$octavo" build --identifier "$(printf ' \n ')" "$seeds"

# Default output: <folder name>.epub in the current folder.
expect 0 "wrote seeds.epub: 5 chapters" -- "$octavo" build "$seeds"
[ -f seeds.epub ] || fail "no seeds.epub in the current folder"

# No SOURCE: the current folder.
mkdir -p here && cp "$seeds"/* here/
(cd here && "$octavo" build -q) || fail "build of the current folder failed"
[ -f here/here.epub ] || fail "no here.epub for the current folder"

# Options reach the book.
expect 0 "" -- "$octavo" build -q --title "My Title" --author "A. Author" --author "B. Author" \
    --lang zh-Hant --identifier urn:isbn:9780000000000 "$seeds" -o opts.epub
report=$("$inspect" opts.epub)
for line in "dc:title: My Title" "dc:creator: A. Author" "dc:creator: B. Author" \
    "dc:language: zh-Hant" "lang: EPUB/text/ch002.xhtml zh-Hant"; do
    grep -Fxq "$line" <<<"$report" || fail "--title/--author/--lang: missing '$line'"
done
grep -Fxq "dc:identifier: urn:isbn:9780000000000" <<<"$report" || fail "--identifier not in the book"

# --verbose tells what was found; --quiet says nothing on success.
expect 0 "plain text: no Markdown structure found" -- "$octavo" build -v "$seeds" -o v.epub
expect 0 "language zh-Hant" -- "$octavo" build -v "$seeds" -o v.epub
out=$("$octavo" build -q "$seeds" -o q.epub 2>&1)
[ -z "$out" ] || fail "--quiet printed: $out"

# SOURCE_DATE_EPOCH fixes dcterms:modified, and the bytes.
SOURCE_DATE_EPOCH=1700000000 "$octavo" build -q "$seeds" -o e1.epub
touch "$work/here/000_78b09c8ae2c6dc98.txt"
SOURCE_DATE_EPOCH=1700000000 "$octavo" build -q here -o e2.epub
cmp -s e1.epub e2.epub || fail "SOURCE_DATE_EPOCH builds of the same text differ"
# (The report is read whole: "grep -q" would stop reading at its match,
# and under pipefail the inspector's next write failing is a failure.)
"$inspect" e1.epub >e1.report
grep -Fxq "dcterms:modified: 2023-11-14T22:13:20Z" e1.report ||
    fail "dcterms:modified does not follow SOURCE_DATE_EPOCH"

# A failed build: exit 1, "file:line: reason", and the previous book is
# left exactly as it was; no temporary files are left behind.
mkdir -p broken && cp "$seeds"/* broken/
"$octavo" build -q broken -o keep.epub || fail "first build of broken/ failed"
cp keep.epub keep.before
printf 'good line\nbad \xff byte\n' >broken/zz.md
expect 1 "broken/zz.md:2: not valid text in any supported encoding (first bad byte at column 5)" -- \
    "$octavo" build broken -o keep.epub
cmp -s keep.epub keep.before || fail "a failed build changed the existing book"
expect 1 "" -- "$octavo" build broken -o fresh.epub
[ ! -e fresh.epub ] || fail "a failed build wrote an output file"
leftovers=$(ls -A | grep -E '^(keep|fresh)\.epub\.' || true)
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"

# Files named on the command line are chapters in that order.
"$octavo" build -q "$seeds/004_ef05097fed792a6c.txt" "$seeds/001_b6e576cd59b481de.txt" -o order.epub
report=$("$inspect" order.epub) || fail "epub_inspect found faults (nav, NCX, spine): $report"
grep -Fxq "toc: 1 很久没有写点什么了" <<<"$report" && grep -Fxq "toc: 2 留下的代价" <<<"$report" ||
    fail "files given in order did not set the order: $report"

# octavo toc shows the planned book and writes nothing.
out=$("$octavo" toc "$seeds" 2>&1) || fail "octavo toc failed: $out"
grep -Fq "  1. 駐足的代價：科技業職涯決策的時間維度  (" <<<"$out" || fail "octavo toc: $out"
grep -Fq "zh-Hant" <<<"$out" || fail "octavo toc shows no languages: $out"
expect 0 "Usage: octavo toc" -- "$octavo" toc --help

# octavo init writes a book.yaml that builds the same book, and does not
# replace one without --force.
rm -rf inited && cp -r "$seeds" inited
SOURCE_DATE_EPOCH=1700000000 "$octavo" build -q inited -o init-before.epub
expect 0 "wrote inited/book.yaml" -- "$octavo" init inited
grep -Fq "title: 留下的代价" inited/book.yaml || fail "init: no chapter titles in book.yaml"
SOURCE_DATE_EPOCH=1700000000 "$octavo" build -q inited -o init-after.epub
cmp -s init-before.epub init-after.epub || fail "init: building from its book.yaml gave another book"
expect 1 "inited/book.yaml: already exists; use --force to replace it" -- "$octavo" init inited
expect 0 "wrote inited/book.yaml" -- "$octavo" init --force inited
expect 2 "--force" -- "$octavo" build --force inited
# ...and never writes through a link the folder holds, under any name
# (the victim outside stays as it was, the link is replaced, not followed).
rm -rf linked && cp -r "$seeds" linked && echo 'victim' >victim.txt
for name in book.yaml.octavo-tmp .octavo-tmp book.yaml~; do ln -s ../victim.txt "linked/$name"; done
expect 0 "wrote linked/book.yaml" -- "$octavo" init linked
ln -sfn ../victim.txt linked/book.yaml
expect 1 "linked/book.yaml: already exists" -- "$octavo" init linked
[ "$(cat victim.txt)" = victim ] || fail "init wrote through a link to a file outside the folder"
[ ! -e linked/book.yaml.octavo-tmp ] || [ -L linked/book.yaml.octavo-tmp ] ||
    fail "init left a file behind"
[ -z "$(find linked -name '.octavo-*' ! -type l)" ] || fail "init left a temporary file"

# --format overrides the content decision, for all files or one.
mkdir -p fmt && printf '# Heading\n\n*not emphasis in plain text*\n' >fmt/a.md &&
    printf 'line one\nline two\n' >fmt/b.txt
expect 0 "fmt/a.md: plain text: as --format says" -- \
    "$octavo" build -v --format a.md=plain fmt -o fmt1.epub
expect 0 "fmt/b.txt: Markdown: as --format says" -- "$octavo" build -v --format markdown fmt -o fmt2.epub
expect 2 "--format 'html'" -- "$octavo" build --format html fmt

# --encoding forces the reading; a binary .txt is skipped with a warning.
mkdir -p enc && printf '\xd6\xd0\xce\xc4\xb5\xc4\xce\xc4\xd5\xc2\n' >enc/gbk.txt &&
    printf '\x89PNG\r\n\x1a\n\0\0' >enc/picture.txt
expect 0 "enc/picture.txt: warning: looks like a binary file" -- "$octavo" build enc -o enc1.epub
expect 0 "encoding GBK" -- "$octavo" build -v --encoding GBK enc -o enc2.epub
"$inspect" enc2.epub >enc2.report
grep -Fxq "toc: 1 中文的文章" enc2.report || fail "--encoding GBK did not read the text"
expect 2 "--encoding 'NOPE'" -- "$octavo" build --encoding NOPE enc

# --strict: a warning fails the build, and nothing is written.
mkdir -p strict && printf '# T\n\n[local link](other.md)\n' >strict/a.md
expect 0 "warning: link to 'other.md' is kept as text" -- "$octavo" build strict -o s1.epub
expect 1 "not written: 1 warning and --strict" -- "$octavo" build -q --strict strict -o s2.epub
[ ! -e s2.epub ] || fail "--strict wrote a book"

# An unreadable source (a link to nothing: as root, permissions would not
# stop the read) fails the build with the file named.
mkdir -p dangling && cp "$seeds/004_ef05097fed792a6c.txt" dangling/ &&
    ln -sf /nonexistent/file.md dangling/lost.md
expect 1 "dangling/lost.md: cannot read: No such file or directory" -- \
    "$octavo" build dangling -o dangling.epub
[ ! -e dangling.epub ] || fail "a build with an unreadable source wrote a book"

# Unusable inputs and outputs.
expect 1 "missing-folder: No such file or directory" -- "$octavo" build missing-folder
mkdir -p empty
expect 1 "no .md, .markdown or .txt files" -- "$octavo" build empty
mkdir -p blank && printf ' \n\n' >blank/a.md
expect 1 "has no text" -- "$octavo" build blank
printf -- '---\ntitle: [oops\n---\ntext\n' >bad-yaml.md
expect 1 "bad-yaml.md:2:" -- "$octavo" build bad-yaml.md -o y.epub
expect 1 "cannot write" -- "$octavo" build "$seeds" -o no/such/folder/book.epub
# A read-only file system (as root, permissions would not stop a write).
expect 1 "/proc/book.epub: cannot write" -- "$octavo" build "$seeds" -o /proc/book.epub
cp "$seeds/001_b6e576cd59b481de.txt" self.md
expect 1 "would overwrite the source file" -- "$octavo" build self.md -o self.md
cmp -s self.md "$seeds/001_b6e576cd59b481de.txt" || fail "the source was overwritten"

# Disk full (a file size limit): the write fails with a message, the old
# book stays as it was and nothing else is left.
cp keep.before full.epub
(ulimit -f 8 && "$octavo" build -q "$seeds" -o full.epub) >full.out 2>&1
status=$?
[ "$status" -eq 1 ] || fail "disk full: exit $status, expected 1: $(cat full.out)"
grep -q "full.epub: cannot write: File too large" full.out || fail "disk full: $(cat full.out)"
cmp -s full.epub keep.before || fail "disk full: the existing book was changed"
leftovers=$(ls -A | grep -E '^full\.epub\.' || true)
[ -z "$leftovers" ] || fail "disk full: left behind: $leftovers"

# Killed in the middle of a build (SIGKILL: no cleanup can run): the old
# book is intact and no partial or temporary file is left.
mkdir -p big
for i in $(seq 1 40); do
    yes '很长的一段中文文字，用来让这本书需要一些时间才能做完。' 2>/dev/null | head -n 20000 >"big/$i.txt"
done
cp keep.before killed.epub
"$octavo" build -q big -o killed.epub &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
cmp -s killed.epub keep.before || fail "killed: the existing book was changed"
leftovers=$(ls -A | grep -E '^killed\.epub\.' || true)
[ -z "$leftovers" ] || fail "killed: left behind: $leftovers"

# The look: themes, the author's CSS, vertical writing from the command line.
expect 2 "--theme 'fancy': there is no such theme (book, plain)" -- "$octavo" build --theme fancy "$seeds" -o t.epub
expect 1 "css 'no-such.css': no such file" -- "$octavo" build --css no-such.css "$seeds" -o t.epub
printf 'h2 { color: inherit; }\n' >mine.css
expect 0 "" -- "$octavo" build -q --theme plain --css mine.css --vertical "$seeds" -o look.epub
"$inspect" --contains "octavo — plain theme" look.epub || fail "--theme plain: not the plain stylesheet"
"$inspect" --contains "h2 { color: inherit; }" look.epub || fail "--css: the author's CSS is not in the book"
"$inspect" --contains "writing-mode: vertical-rl" look.epub || fail "--vertical: no vertical writing rules"
grep -Fxq "page-progression-direction: rtl" <<<"$("$inspect" look.epub)" || fail "--vertical: the spine does not turn right to left"
"$octavo" check look.epub >/dev/null || fail "--theme/--css/--vertical: the book does not check clean"
# A stylesheet of 50,000 url()s (under the 1 MB limit): dropped in linear time.
for i in $(seq 1 50000); do echo "a { b: url(x) }"; done >many-urls.css
expect 0 "" -- timeout 20 "$octavo" build -q --css many-urls.css "$seeds" -o urls.epub

# --convert: Chinese text converted, code as written; an unknown conversion.
expect 2 "--convert 'x2y': no such conversion" -- "$octavo" build --convert x2y "$seeds" -o t.epub
rich=$(cd "$seeds/../tests/fixtures/rich/src" && pwd)
expect 0 "" -- "$octavo" build -q --convert s2t "$rich" -o converted.epub
"$inspect" --contains "中文小節：說明" converted.epub || fail "--convert s2t: the heading is not converted"
"$inspect" --contains "# 中文注释" converted.epub || fail "--convert s2t: the code was changed"
"$inspect" --contains "中文註釋" converted.epub && fail "--convert s2t: the code was converted"

# --font: a Noto CJK collection face, subset: well under 1 MB added.
noto=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
if [ -f "$noto" ]; then
    expect 0 "" -- "$octavo" build -q "$seeds" -o nofont.epub
    expect 0 "" -- "$octavo" build -q --font "$noto:2" "$seeds" -o font.epub
    added=$(($(stat -c %s font.epub) - $(stat -c %s nofont.epub)))
    [ "$added" -lt 900000 ] || fail "--font added $added bytes (more than 900 KB)"
    grep -Fxq "font-missing: 0" <<<"$("$inspect" font.epub)" || fail "--font: characters missing from the subset"
    expect 1 "there is no face 9 (the collection has" -- "$octavo" build --font "$noto:9" "$seeds" -o t.epub
else
    fail "fonts-noto-cjk is not installed: --font is not tested"
fi
expect 1 "font 'no-such.ttf': no such file" -- "$octavo" build --font no-such.ttf "$seeds" -o t.epub
expect 1 "not a TrueType or OpenType font" -- "$octavo" build --font mine.css "$seeds" -o t.epub

# --compression: a level from 1 to 9; 1 makes a bigger book than 9.
expect 2 "--compression '0' must be a deflate level from 1 to 9" -- "$octavo" build --compression 0 "$seeds" -o t.epub
expect 0 "" -- "$octavo" build -q --compression 1 "$seeds" -o fast.epub
expect 0 "" -- "$octavo" build -q --compression 9 "$seeds" -o small.epub
[ "$(stat -c %s fast.epub)" -gt "$(stat -c %s small.epub)" ] || fail "--compression 1 is not bigger than 9"

# --jobs: 1 to 64 cores, the same book for any number; --low-memory too.
expect 2 "--jobs '0' must be a number of cores from 1 to 64" -- "$octavo" build -j 0 "$seeds" -o t.epub
expect 2 "--jobs '65' must be a number of cores from 1 to 64" -- "$octavo" build --jobs 65 "$seeds" -o t.epub
expect 0 "" -- "$octavo" build -q -j 1 "$seeds" -o one-core.epub
expect 0 "" -- "$octavo" build -q -j 64 --low-memory "$seeds" -o many-cores.epub
cmp -s one-core.epub many-cores.epub || fail "-j 1 and -j 64 --low-memory books differ"
"$octavo" check fast.epub >/dev/null || fail "--compression 1: the book does not check clean"

# An mdBook project without SUMMARY.md: book.toml's src folder is the
# book (not the project's own README and notes), named after the project.
mkdir -p gears/src
printf '[book]\ntitle = "Gears"\nauthors = ["Rosa Tinker"]\nlanguage = "en"\nsrc = "src"\n' >gears/book.toml
printf '# Project notes\n\nHow to build this book.\n' >gears/README.md
printf '# Levers\n\nA lever turns about a fulcrum.\n' >gears/src/a.md
printf '# Wheels\n\nA wheel turns about an axle.\n' >gears/src/b.md
(cd gears && expect 0 "" -- "$octavo" build -q)
[ -f gears/gears.epub ] || fail "mdBook without SUMMARY.md: no gears/gears.epub"
report=$("$inspect" gears/gears.epub)
grep -Fxq "chapters: 2" <<<"$report" || fail "mdBook without SUMMARY.md: not the two chapters of src/: $report"
grep -Fxq "dc:title: Gears" <<<"$report" || fail "mdBook without SUMMARY.md: title not from book.toml"
grep -Fq "Project notes" <<<"$report" && fail "mdBook without SUMMARY.md: the project's README is in the book"

finish "CLI checks"
