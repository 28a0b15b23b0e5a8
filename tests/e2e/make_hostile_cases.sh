#!/usr/bin/env bash
# Writes the hostile-input cases too big (or too odd for git) to commit,
# in the layout hostile_test.sh reads: DIR/CASE/src and DIR/CASE/expect.
# Uses only bash and coreutils, so it runs on a fresh Debian.
#
# usage: make_hostile_cases.sh DIR
set -euo pipefail
dir=$1
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# case NAME EXPECT-LINES...
case_dir() {
    local name=$1
    shift
    mkdir -p "$name/src"
    printf '%s\n' "$@" >"$name/expect"
}

case_dir empty-folder "exit: 1" "stderr: no .md, .markdown or .txt files in this folder"

case_dir deep-quotes "exit: 1" "stderr: a.md:4: quotes and lists nested more than 25 levels deep"
{
    printf -- '---\ntitle: Deep\n---\n'
    head -c 10000 /dev/zero | tr '\0' '>'
    printf ' deep\n'
} >deep-quotes/src/a.md

case_dir deep-lists "exit: 1" "stderr: quotes and lists nested more than 25 levels deep"
for ((i = 0; i < 3000; i++)); do
    printf '%*s- item %d\n' $((i * 2)) '' "$i"
done >deep-lists/src/a.md

# 10,000 chapters, checked by both validators (epubcheck needs ~2 minutes).
case_dir many-files "exit: 0"
for ((i = 1; i <= 10000; i++)); do
    printf '# Chapter %d\n\nText of chapter %d.\n' "$i" "$i" >"many-files/src/$i.md"
done

# 10,000 headings in one chapter, checked by both validators (epubcheck
# needs ~2 minutes)...
case_dir headings-10k "exit: 0"
for ((i = 0; i < 10000; i++)); do
    printf '## Heading %d\n\ntext %d\n\n' "$i" "$i"
done >headings-10k/src/a.md

# ...and 100,000: both validators take far too long (over 5 and over 10
# minutes); epub_inspect checks every toc entry and its target id.
case_dir many-headings "exit: 0" "validate: inspect"
for ((i = 0; i < 100000; i++)); do
    printf '## Heading %d\n\ntext %d\n\n' "$i" "$i"
done >many-headings/src/a.md

# A 5 MB line, checked by both validators...
case_dir line-5mb "exit: 0"
{
    { yes '这是一行没有换行的很长的中文文字，' || true; } | head -n 100000 | tr -d '\n'
    printf '\n'
} >line-5mb/src/a.txt

# ...and a single line of Chinese text of about 100 MB (whole lines are taken so
# no character is cut in half).
case_dir long-line "exit: 0" "validate: inspect"
{
    # (yes ends on SIGPIPE when head has enough: not a failure)
    { yes '这是一行没有换行的很长的中文文字，' || true; } | head -n 2000000 | tr -d '\n'
    printf '\n'
} >long-line/src/a.txt

# A 1 MB word with no break opportunity.
case_dir long-word "exit: 0"
{
    printf '# Long word\n\n'
    head -c 1048576 /dev/zero | tr '\0' 'x'
    printf '\n'
} >long-word/src/a.md

# A link reference bomb: thousands of definitions used thousands of times.
case_dir reference-bomb "exit: 0"
{
    printf '# References\n\n'
    for ((i = 0; i < 5000; i++)); do printf '[r%d][r%d] ' "$i" "$((i % 50))"; done
    printf '\n\n'
    for ((i = 0; i < 50; i++)); do printf '[r%d]: https://example.com/%d "t"\n' "$i" "$i"; done
} >reference-bomb/src/a.md
# A file over the size limit (sparse: it takes no room on disk).
case_dir too-big "exit: 1" "stderr: a.txt: file is larger than 512 MB"
truncate -s 600M too-big/src/a.txt
printf '# Fine\n\nText.\n' >too-big/src/b.md

# An image over the size limit (sparse) and one that only looks like one.
case_dir huge-image "exit: 0" \
    "stderr: a.md:3: warning: image 'big.png' is not embedded: it is larger than 32 MB" \
    "stderr: a.md:3: warning: image 'fake.jpg' is not embedded: it is not a PNG, JPEG"
printf '# Pictures\n\n![big](big.png) ![fake](fake.jpg)\n' >huge-image/src/a.md
truncate -s 40M huge-image/src/big.png
printf 'not a picture\n' >huge-image/src/fake.jpg

# Files that are not regular files: a FIFO would block open() forever, so
# each is refused with "not a regular file" wherever it is used. (Git
# cannot hold FIFOs, so they are made here.)
fine() { printf '# Fine\n\nText.\n' >"$1"; }
case_dir fifo-source "exit: 1" "stderr: src/x.md: not a regular file"
fine fifo-source/src/a.md
mkfifo fifo-source/src/x.md

case_dir fifo-through-link "exit: 1" "stderr: src/y.md: not a regular file"
fine fifo-through-link/src/a.md
mkfifo fifo-through-link/src/pipe
ln -s pipe fifo-through-link/src/y.md

case_dir fifo-image "exit: 0" \
    "stderr: a.md:3: warning: image 'pic.png' is not embedded: not a regular file"
printf '# Picture\n\n![a picture](pic.png)\n' >fifo-image/src/a.md
mkfifo fifo-image/src/pic.png

case_dir fifo-bookyaml "exit: 1" "stderr: src/book.yaml: not a regular file"
fine fifo-bookyaml/src/a.md
mkfifo fifo-bookyaml/src/book.yaml

case_dir fifo-summary "exit: 1" "stderr: src/SUMMARY.md: not a regular file"
fine fifo-summary/src/a.md
mkfifo fifo-summary/src/SUMMARY.md

for what in css cover font; do
    case_dir "fifo-$what" "exit: 1" "stderr: src/book.yaml: $what '" "stderr: src/thing': not a regular file"
    fine "fifo-$what/src/a.md"
    printf '%s: thing\n' "$what" >"fifo-$what/src/book.yaml"
    mkfifo "fifo-$what/src/thing"
done

# book.yaml and SUMMARY.md are read only from inside the folder.
case_dir bookyaml-link-out "exit: 1" "stderr: src/book.yaml: outside the book's folder" \
    "absent: root:x:0:0"
fine bookyaml-link-out/src/a.md
ln -s /etc/passwd bookyaml-link-out/src/book.yaml

case_dir summary-link-out "exit: 1" "stderr: src/SUMMARY.md: outside the book's folder" \
    "absent: root:x:0:0"
fine summary-link-out/src/a.md
ln -s ../../../../../../../../../../etc/passwd summary-link-out/src/SUMMARY.md

# File names that would forge or hide lines on a terminal: each is shown
# with its controls made visible, on one line.
case_dir terminal-escapes "exit: 0" \
    "stderr: src/x\\x0Abook.epub: 0 errors, 0 warnings\\x0A\\x1B[31mred\\u202E.md:3: warning: image 'n[2Jo.png' is not embedded" \
    "stderr: src/\\x0D\\x1B[Kcr.md:3: warning:"
printf '# A\n\ntext ![x](n\033[2Jo.png)\n' >"terminal-escapes/src/$(printf 'x\nbook.epub: 0 errors, 0 warnings\n\033[31mred\u202e.md')"
printf '# CR\n\ntext ![gone](gone.png)\n' >"terminal-escapes/src/$(printf '\r\033[Kcr.md')"

# A 1 MB entity in an SVG, in an attribute and 20 times in text (21 MB
# expanded: over libxml2's limits), and once in an attribute alone (kept,
# expanded). Octavo read the entity after freeing it and crashed.
case_dir svg-entity-1mb "args: --no-cover" "exit: 0" \
    "stderr: a.md:3: warning: image 'many.svg' is not embedded: its entities are not well-formed or expand too much" \
    "absent: &a;" "absent: <!ENTITY"
printf '# Pictures\n\n![many](many.svg)\n\n![once](once.svg)\n' >svg-entity-1mb/src/a.md
svg_with_entity() {
    # (the comment lets "<svg" be seen in the first 4 KB, where the type is told)
    printf '<?xml version="1.0"?>\n<!-- an <svg picture -->\n<!DOCTYPE svg [ <!ENTITY a "'
    head -c 1048576 /dev/zero | tr '\0' 'x'
    printf '"> ]>\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    printf '<rect class="&a;" width="20" height="20"/><text>'
    for ((i = 0; i < $1; i++)); do printf '&a;'; done
    printf '</text></svg>\n'
}
svg_with_entity 20 >svg-entity-1mb/src/many.svg
svg_with_entity 0 >svg-entity-1mb/src/once.svg

# mdBook includes of a FIFO (never waited on) and of a file over the
# 16 MB an include may add (sparse: nothing is written; the bound on all
# of a chapter's includes is in unit.include).
case_dir include-fifo-huge "exit: 0" \
    "stderr: a.md:3: warning: cannot include pipe.rs: not a regular file" \
    "stderr: a.md:5: warning: cannot include huge.rs: larger than 16 MB"
printf '# Includes\n\n{{#include pipe.rs}}\n\n{{#include huge.rs}}\n' >include-fifo-huge/src/a.md
mkfifo include-fifo-huge/src/pipe.rs
truncate -s 17M include-fifo-huge/src/huge.rs

echo "made hostile cases in $dir"
