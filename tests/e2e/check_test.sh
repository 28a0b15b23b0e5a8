#!/usr/bin/env bash
# octavo check against a corpus of broken books: each case breaks one
# rule of a good book (made here from the rich fixture with epub_edit) and
# asserts what `octavo check` says (exit status, severity, code, inner
# path), and that epubcheck 4.2.6 or epubcheck-ts reports the same code,
# so octavo's checker stays in agreement with the real ones. Also: the
# good book has no findings, --json and --strict, and hostile zips.
#
# usage: check_test.sh OCTAVO EPUB_EDIT SOURCES WORKDIR [EPUBCHECK_TS]
set -uo pipefail
octavo=$1 edit=$2 sources=$3 work=$4 ts=${5:-}
. "$(dirname "$0")/check_lib.sh"

case_ mimetype-not-first   ERROR PKG-006 - -- --last mimetype
case_ mimetype-compressed  ERROR PKG-007 mimetype -- --deflate mimetype
case_ mimetype-content     ERROR PKG-007 mimetype -- --replace mimetype epub+zip epub+zap
case_ no-container         ERROR RSC-002 - -- --delete META-INF/container.xml
case_ container-wrong-opf  ERROR OPF-002 META-INF/container.xml -- \
    --replace META-INF/container.xml EPUB/package.opf EPUB/nothere.opf
case_ opf-not-well-formed  ERROR RSC-016 $O -- --replace $O '</metadata>' '</metdata>'
case_ unique-id-dangling   ERROR OPF-030 $O -- --replace $O 'unique-identifier="pub-id"' 'unique-identifier="nope"'
case_ language-C           ERROR OPF-092 $O -- --replace $O '<dc:language>en<' '<dc:language>C<'
case_ language-underscore  ERROR OPF-092 $O -- --replace $O '<dc:language>en<' '<dc:language>en_US<'
case_ no-modified          ERROR RSC-005 $O -- --replace $O 'property="dcterms:modified"' 'property="dcterms:created"'
case_ no-title             ERROR RSC-005 $O -- --replace $O '<dc:title id="title">图文并茂</dc:title>' ''
case_ manifest-file-gone   ERROR RSC-001 $O -- --delete EPUB/images/939f40be7f.gif
case_ file-not-listed      WARNING OPF-003 EPUB/notes.txt -- --add EPUB/notes.txt 'not in the manifest'
case_ media-type-lies      ERROR OPF-029 EPUB/images/939f40be7f.gif -- \
    --replace $O 'href="images/939f40be7f.gif" media-type="image/gif"' 'href="images/939f40be7f.gif" media-type="image/png"'
case_ no-nav               ERROR RSC-005 $O -- --replace $O ' properties="nav"' ''
case_ spine-idref-dangling ERROR OPF-049 $O -- --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch999"/>'
case_ spine-toc-not-ncx    ERROR OPF-050 $O -- --replace $O 'toc="ncx"' 'toc="css"'
case_ ncx-not-well-formed  ERROR RSC-016 EPUB/toc.ncx -- --replace EPUB/toc.ncx '</navMap>' '</navMop>'
case_ xhtml-not-well-formed ERROR RSC-016 $C -- --replace $C '</h1>' '</h2>'
case_ xhtml-external-entity ERROR HTM-003 $C -- --replace $C '<!DOCTYPE html>' \
    '<!DOCTYPE html [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
case_ xhtml-wrong-namespace ERROR RSC-005 $C -- --replace $C 'xmlns="http://www.w3.org/1999/xhtml"' 'xmlns="http://example.com/"'
case_ duplicate-id         ERROR RSC-005 $D -- --replace $D 'id="tables"' 'id="title"'
case_ xml-lang-underscore  ERROR RSC-005 $C -- --replace $C 'xml:lang="en" lang="en"' 'xml:lang="en_US" lang="en_US"'
case_ fragment-missing     ERROR RSC-012 $C -- --replace $C 'ch002.xhtml#tables' 'ch002.xhtml#nowhere'
case_ link-file-missing    ERROR RSC-007 $C -- --replace $C 'href="ch002.xhtml"' 'href="ch009.xhtml"'
case_ image-not-listed     ERROR RSC-008 $C -- --add EPUB/images/extra.png 'x' \
    --replace $C 'src="../images/939f40be7f.gif"' 'src="../images/extra.png"'
case_ image-missing        ERROR RSC-007 $C -- --replace $C 'src="../images/939f40be7f.gif"' 'src="../images/gone.gif"'
case_ stylesheet-missing   ERROR RSC-007 $C -- --replace $C 'href="../styles/book.css"' 'href="../styles/gone.css"'
case_ nav-without-toc      ERROR RSC-005 EPUB/nav.xhtml -- --replace EPUB/nav.xhtml 'epub:type="toc"' 'epub:type="lot"'


# Manifest properties: what a page uses, its item declares (OPF-014), and
# no more (OPF-015, OPF-018).
MATH='<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
SVG='<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'
CH1='<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml"'
CH2='<item id="ch002" href="text/ch002.xhtml" media-type="application/xhtml+xml"'
case_ opf-014-mathml       ERROR OPF-014 $C -- --replace $C '<p>Fin.</p>' "<p>Fin.</p>$MATH"
case_ opf-014-svg          ERROR OPF-014 $C -- --replace $C '<p>Fin.</p>' "<p>Fin.</p>$SVG"
case_ opf-014-scripted     ERROR OPF-014 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><script>var x = 1;</script>'
case_ opf-014-handler      ERROR OPF-014 $C -- --replace $C '<p>Fin.</p>' '<p onclick="go()">Fin.</p>'
valid_ opf-014-declared -- --replace $C '<p>Fin.</p>' "<p>Fin.</p>$MATH$SVG<script>var x = 1;</script>" \
    --replace $O "$CH1" "$CH1 properties=\"mathml svg scripted\""
valid_ script-data-block -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><script type="application/json">{}</script>'
case_ opf-015-mathml       ERROR OPF-015 $C -- --replace $O "$CH1" "$CH1 properties=\"mathml\""
# (epubcheck 4.2.6 lets a page showing an SVG image declare svg;
# epubcheck-ts, like EPUBCheck 5, does not: followed here)
case_ opf-015-svg-image    ERROR OPF-015 $C -- --replace $O "$CH1" "$CH1 properties=\"svg\""
case_ opf-014-form         ERROR OPF-014 $C -- --replace $C '<p>Fin.</p>' '<form action="x"><p>Fin.</p></form>'
case_ opf-018-remote-unused WARNING OPF-018 $D -- --replace $O "$CH2" "$CH2 properties=\"remote-resources\"" \
    --replace $D '<link rel="stylesheet" type="text/css" href="../styles/book.css"/>' ''

# Remote resources: audio and video may stay on the web, nothing else.
AUDIO='<item id="remote-audio" href="https://example.com/a.mp3" media-type="audio/mpeg"/>'
valid_ remote-audio -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio src="https://example.com/a.mp3" controls="controls">audio</audio>' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\"" --replace $O '<item id="css"' "$AUDIO<item id=\"css\""
valid_ remote-audio-source -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio controls="controls"><source src="https://example.com/a.mp3"/></audio>' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\"" --replace $O '<item id="css"' "$AUDIO<item id=\"css\""
case_ remote-audio-http    WARNING RSC-031 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio src="http://example.com/a.mp3" controls="controls">audio</audio>' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\"" \
    --replace $O '<item id="css"' '<item id="remote-audio" href="http://example.com/a.mp3" media-type="audio/mpeg"/><item id="css"'
case_ remote-audio-undeclared ERROR RSC-008 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio src="https://example.com/a.mp3" controls="controls">audio</audio>' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\""
case_ remote-img           ERROR RSC-006 $C -- --replace $C 'src="../images/939f40be7f.gif"' 'src="https://example.com/a.gif"' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\""
case_ remote-iframe        ERROR RSC-006 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.</p><iframe src="https://example.com/page.xhtml"></iframe>' \
    --replace $O "$CH1" "$CH1 properties=\"remote-resources\""
case_ remote-stylesheet    ERROR RSC-006 $C -- --replace $C 'href="../styles/book.css"' 'href="https://example.com/book.css"'

# Foreign resources (no core media type) need a fallback.
TIFF='<item id="tiff" href="images/x.tif" media-type="image/tiff"'
case_ foreign-img-no-fallback ERROR RSC-032 $C -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF/><item id=\"css\"" \
    --replace $C 'src="../images/939f40be7f.gif"' 'src="../images/x.tif"'
valid_ foreign-img-manifest-fallback -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF fallback=\"img-939f40be7f\"/><item id=\"css\"" \
    --replace $C 'src="../images/939f40be7f.gif"' 'src="../images/x.tif"'
case_ fallback-circular    ERROR OPF-045 $O -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF fallback=\"tiff2\"/><item id=\"tiff2\" href=\"images/y.tif\" media-type=\"image/tiff\" fallback=\"tiff\"/><item id=\"css\"" \
    --add EPUB/images/y.tif 'II*.not really a tiff either'
valid_ spine-foreign-with-fallback -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF fallback=\"ch002\"/><item id=\"css\"" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="tiff" linear="no"/>' \
    --replace $C '<p>Fin.</p>' '<p>Fin. <a href="../images/x.tif">The picture</a></p>'
case_ nonlinear-unreachable ERROR OPF-096 EPUB/images/x.tif -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF fallback=\"ch002\"/><item id=\"css\"" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="tiff" linear="no"/>'
# A page the toc does not reach is OPF-058, a usage to epubcheck (shown
# only when asked): no error or warning, and in --json as "usage".
N=EPUB/nav.xhtml
if "$edit" good.epub unreached.epub --replace $N 'href="text/ch002.xhtml"' 'href="text/ch001.xhtml"' \
    --replace $N 'href="text/ch002.xhtml#tables"' 'href="text/ch001.xhtml"' \
    --replace $N 'href="text/ch002.xhtml#sec-2"' 'href="text/ch001.xhtml"' \
    --replace $N 'href="text/ch002.xhtml#setup"' 'href="text/ch001.xhtml"'; then
    out=$("$octavo" check unreached.epub)
    [ $? -eq 0 ] && [ "$out" = "unreached.epub: 0 errors, 0 warnings" ] || fail "unreached page: $out"
    json=$("$octavo" check --json unreached.epub)
    grep -Fq '"severity":"usage","code":"OPF-058"' <<<"$json" ||
        fail "unreached page: no OPF-058 usage in --json"
else
    fail "unreached page: epub_edit could not make the case"
fi
case_ picture-img-foreign  ERROR MED-003 $C -- --add EPUB/images/x.tif 'II*.not really a tiff' \
    --replace $O '<item id="css"' "$TIFF fallback=\"img-939f40be7f\"/><item id=\"css\"" \
    --replace $C '<img src="../images/939f40be7f.gif" alt="pixel"/>' '<picture><img src="../images/x.tif" alt="pixel"/></picture>'
case_ audio-foreign-no-fallback ERROR RSC-032 $C -- --add EPUB/a.xyz 'not audio' \
    --replace $O '<item id="css"' '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/><item id="css"' \
    --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio src="../a.xyz" controls="controls">audio</audio>'
valid_ audio-foreign-source-fallback -- --add EPUB/a.xyz 'not audio' --add EPUB/a.mp3 'ID3 not really' \
    --replace $O '<item id="css"' '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/><item id="mp3" href="a.mp3" media-type="audio/mpeg"/><item id="css"' \
    --replace $C '<p>Fin.</p>' '<p>Fin.</p><audio controls="controls"><source src="../a.xyz"/><source src="../a.mp3"/></audio>'
# Bitmaps are told by their first bytes only for JPEG, GIF and PNG.
case_ jpeg-header          ERROR OPF-029 EPUB/images/939f40be7f.gif -- \
    --replace $O 'href="images/939f40be7f.gif" media-type="image/gif"' 'href="images/939f40be7f.gif" media-type="image/jpeg"'

# File names: the characters EPUB 3 forbids, spaces, a final full stop,
# names equal but for case, resources in META-INF.
case_ name-forbidden-char  ERROR PKG-009 'EPUB/a*b.txt' -- --add 'EPUB/a*b.txt' x
case_ name-space           WARNING PKG-010 'EPUB/sp ace.txt' -- --add 'EPUB/sp ace.txt' x
case_ name-final-dot       ERROR PKG-011 'EPUB/dot.' -- --add 'EPUB/dot.' x
case_ name-case-duplicate  ERROR OPF-060 - -- --add EPUB/styles/BOOK.css 'p {}'
case_ resource-in-meta-inf ERROR PKG-025 $O -- --add META-INF/extra.css 'p {}' \
    --replace $O '<item id="css"' '<item id="extra" href="../META-INF/extra.css" media-type="text/css"/><item id="css"'

# Files the manifest need not list: a package link's target, what an
# operating system leaves behind (epubcheck-ts, like EPUBCheck 5; 4.2.6
# warns about .DS_Store).
valid_ package-link-record -- --add EPUB/record.xml '<record/>' \
    --replace $O '</metadata>' '<link rel="record" href="record.xml" media-type="application/marcxml+xml"/></metadata>'
valid_ system-file -- --add EPUB/.DS_Store 'x'

# Fixed layout: each pre-paginated page gives its size in a viewport.
FXL='<itemref idref="ch001" properties="rendition:layout-pre-paginated"/>'
case_ fxl-no-viewport      ERROR HTM-046 $C -- --replace $O '<itemref idref="ch001"/>' "$FXL"
case_ fxl-viewport-no-height ERROR HTM-056 $C -- --replace $O '<itemref idref="ch001"/>' "$FXL" \
    --replace $C '<meta charset="utf-8"/>' '<meta charset="utf-8"/><meta name="viewport" content="width=600"/>'
case_ fxl-viewport-bad-height ERROR HTM-057 $C -- --replace $O '<itemref idref="ch001"/>' "$FXL" \
    --replace $C '<meta charset="utf-8"/>' '<meta charset="utf-8"/><meta name="viewport" content="width=600, height=abc"/>'
valid_ fxl-viewport -- --replace $O '<itemref idref="ch001"/>' "$FXL" \
    --replace $C '<meta charset="utf-8"/>' '<meta charset="utf-8"/><meta name="viewport" content="width=600, height=800"/>'
case_ fxl-package-wide     ERROR HTM-046 EPUB/nav.xhtml -- \
    --replace $O '</metadata>' '<meta property="rendition:layout">pre-paginated</meta></metadata>'

# Books made by another tool: octavo check reports no error that neither
# epubcheck reports (pandoc writes the locale into dc:language: "C").
if command -v pandoc >/dev/null; then
    for locale in C en_US.UTF-8; do
        LANG=$locale LC_ALL=$locale pandoc -o "pandoc-$locale.epub" --metadata title=Seeds \
            "$seeds"/* 2>/dev/null || { fail "pandoc ($locale) failed"; continue; }
        ours=$("$octavo" check "pandoc-$locale.epub")
        theirs=""
        [ -n "$ts" ] && theirs+=$("$ts" "pandoc-$locale.epub" 2>&1)
        [ $have_java -eq 1 ] && theirs+=$'\n'$(java -Xss64m -jar /usr/bin/epubcheck "pandoc-$locale.epub" 2>&1)
        for code in $(grep -o "ERROR [A-Z]*-[0-9]*" <<<"$ours" | cut -d' ' -f2 | sort -u); do
            grep -q -- "$code" <<<"$theirs" || fail "pandoc ($locale): octavo says $code, epubcheck does not: $ours"
        done
        echo "ok: pandoc book ($locale): $(tail -1 <<<"$ours")"
    done
    grep -q "ERROR OPF-092" <<<"$("$octavo" check pandoc-C.epub)" || fail "pandoc (C): dc:language C not found"
else
    fail "pandoc is not installed (apt-get install pandoc): books by another tool are not checked"
fi

# --json: one object, machine-readable.
json=$("$octavo" check --json fragment-missing.epub)
grep -q '"errors":1' <<<"$json" && grep -q '"code":"RSC-012"' <<<"$json" &&
    grep -q '"path":"EPUB/text/ch001.xhtml"' <<<"$json" || fail "--json: $json"
# Usage errors.
"$octavo" check >/dev/null 2>&1
[ $? -eq 2 ] || fail "check without a book must exit 2"
"$octavo" check --nonsense good.epub >/dev/null 2>&1
[ $? -eq 2 ] || fail "check --nonsense must exit 2"

# Hostile zips: a clear message, exit 1, no crash (the ASan build runs this too).
hostile() {
    local name=$1 want=$2
    local report status
    report=$("$octavo" check "$name" 2>&1)
    status=$?
    [ $status -eq 1 ] || fail "$name: exit $status, not 1: $report"
    grep -Fq -- "$want" <<<"$report" || fail "$name: no '$want' in: $report"
    echo "ok: hostile $name"
}
# (as EPUBCheck: shorter than a zip's first header, PKG-003; longer but
# not a zip, PKG-004; a zip that cannot be opened, PKG-008)
echo "this is not a zip file at all" >short.epub
hostile short.epub "PKG-003"
echo "this is not a zip file at all, though long enough to hold a zip header" >not-a-zip.epub
hostile not-a-zip.epub "PKG-004"
head -c 3000 good.epub >truncated.epub
hostile truncated.epub "PKG-008"
hostile no-such-book.epub "PKG-018"
"$edit" good.epub traversal.epub --add ../../evil.txt 'outside' || fail "could not make traversal.epub"
hostile traversal.epub "PKG-027"
# A bomb: a listed 1.1 GB page of zeros (about 1 MB compressed) is not
# inflated.
"$edit" good.epub bomb.epub --zeros EPUB/bomb.xhtml 1100 --replace $O '<item id="css"' \
    '<item id="bomb" href="bomb.xhtml" media-type="application/xhtml+xml"/><item id="css"' ||
    fail "could not make bomb.epub"
hostile bomb.epub "EPUB/bomb.xhtml: ERROR PKG-008"
# Many files: 10,000 entries, most of them unlisted (each a warning).
args=()
for i in $(seq 1 10000); do args+=(--add "EPUB/many/$i.txt" x); done
"$edit" good.epub many.epub "${args[@]}" || fail "could not make many.epub"
report=$("$octavo" check many.epub 2>&1)
grep -Fq "many.epub: 0 errors, 10000 warnings" <<<"$report" || fail "many.epub: $(tail -2 <<<"$report")"
echo "ok: hostile many.epub"

finish "check cases"
