# CSS: the book's style sheets, <style> elements and style attributes
# (epubcheck's content-document-css.feature, and the CSS parts of
# resources.feature and content-document-xhtml.feature).
S=EPUB/styles/book.css
# The good style sheet's first line: what a case puts CSS before.
R='/* Rules'

# count_ NAME CODE N: octavo finds CODE exactly N times in NAME.epub.
count_() {
    local n
    n=$("$octavo" check "$1.epub" | grep -c -- " $2:")
    [ "$n" = "$3" ] || fail "$1: $2 found $n times, not $3"
}

# ---- properties EPUB 3 forbids ----
case_ css-direction ERROR CSS-001 $S -- --replace $S "$R" "body { direction: rtl; } $R"
case_ css-unicode-bidi ERROR CSS-001 $S -- --replace $S "$R" "p { unicode-bidi: embed } $R"
case_ css-direction-style-attribute ERROR CSS-001 $C -- \
    --replace $C '<p class="byline">' '<p class="byline" style="direction: rtl">'
case_ css-direction-style-element ERROR CSS-001 $C -- \
    --replace $C '</head>' '<style>p { direction: rtl }</style></head>'

# ---- encoding ----
valid_ css-utf8-declared -- --replace $S "$R" "@charset \"utf-8\"; $R"
# (UTF-16 with a byte order mark, iconv's)
printf '@charset "utf-16";\nbody { color: black; }\n' | iconv -f UTF-8 -t UTF-16 >utf16-declared.css
printf 'body { color: black; }\n' | iconv -f UTF-8 -t UTF-16 >utf16.css
case_ css-utf16-declared WARNING CSS-003 $S -- --delete $S --add-file $S utf16-declared.css
case_ css-utf16-not-declared WARNING CSS-003 $S -- --delete $S --add-file $S utf16.css
case_ css-latin1 ERROR CSS-004 $S -- --replace $S "$R" "@charset \"ISO-8859-1\"; $R"

# ---- syntax ----
valid_ css-selectors -- --replace $S "$R" '@namespace epub "http://www.idpf.org/2007/ops";
p:last-child { padding-bottom: 1em; } p > span:nth-child(even) { text-indent: 1em; }
div[epub|type = "chapter"] { padding: 2em; }
@media screen and (min-width: 30em) { p { margin: 0 } }
@page { margin: 1em; }
@keyframes spin { from { opacity: 0 } 50% { opacity: 1 } }
/* Rules'
# Two rules whose block is not closed: a rule read as a declaration,
# and a declaration's value with a comma where a colon is expected.
case_ css-syntax ERROR CSS-008 $S -- --replace $S "$R" 'body { color: black;
p { font-size: inherit; }
h4 { font-size: inherit;
/* Rules'
count_ css-syntax CSS-008 2
case_ css-syntax-style-element ERROR CSS-008 $C -- \
    --replace $C '</head>' '<style>p { color: red </style></head>'
# (the value is not checked: out of epubcheck's scope)
valid_ css-font-size-values -- --replace $S "$R" "p { font-size: 0 } h1 { font-size: 12pixels } $R"
valid_ css-url-fragment -- --replace $S "$R" "p { clip-path: url(#clip) } $R"

# ---- @font-face ----
case_ css-font-face-empty WARNING CSS-019 $S -- --replace $S "$R" "@font-face { } $R"
case_ css-font-face-url-empty ERROR CSS-002 $S -- \
    --replace $S "$R" "@font-face { font-family: x; src: url(\"\"); } $R"
# A font of a type that is not a core media type needs no fallback.
valid_ css-font-foreign -- --replace $S "$R" "@font-face { font-family: x; src: url(x.pcf); } $R" \
    --add EPUB/styles/x.pcf 'font' \
    --replace $O '</manifest>' '<item id="x" href="styles/x.pcf" media-type="application/x-font-pcf"/></manifest>'

# ---- references ----
case_ css-url-missing ERROR RSC-007 $S -- --replace $S "$R" "p { background: url(dot.png) } $R"
# A syntax error before the reference does not hide it.
case_ css-url-missing-after-error ERROR RSC-007 $S -- --replace $S "$R" 'p { font-size: inherit;
@font-face { font-family: "Free Serif"; src: url(FreeSerif.otf); }
/* Rules'
count_ css-url-missing-after-error CSS-008 1
case_ css-import-not-listed ERROR RSC-008 $S -- --replace $S "$R" "@import \"more.css\"; $R" \
    --add EPUB/styles/more.css 'p { color: black }'
case_ css-import-not-present ERROR RSC-001 $O -- --replace $S "$R" "@import url(more.css); $R" \
    --replace $O '</manifest>' '<item id="more" href="styles/more.css" media-type="text/css"/></manifest>'
count_ css-import-not-present RSC-007 0
valid_ css-import -- --replace $S "$R" "@import url(more.css) screen; $R" \
    --add EPUB/styles/more.css 'p { color: black }' \
    --replace $O '</manifest>' '<item id="more" href="styles/more.css" media-type="text/css"/></manifest>'
case_ css-style-attribute-url-missing ERROR RSC-007 $C -- \
    --replace $C '<p class="byline">' '<p class="byline" style="background: url(../images/none.png)">'
case_ css-file-url ERROR RSC-030 $S -- --replace $S "$R" "p { background: url(file:///tmp/a.png) } $R"

# ---- remote resources ----
remote_font='<item id="rf" href="https://example.org/f.woff" media-type="font/woff"/>'
# The style sheet and the pages that link it declare remote-resources
# (epubcheck-ts asks it of the pages too; 4.2.6 only of the style sheet).
css_remote='<item id="css" href="styles/book.css" media-type="text/css" properties="remote-resources"/>'
pages_remote=()
for page in cover titlepage ch001 ch002; do
    pages_remote+=(--replace $O "<item id=\"$page\" href=\"text/$page.xhtml\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"$page\" href=\"text/$page.xhtml\" media-type=\"application/xhtml+xml\" properties=\"remote-resources\"/>")
done
pages_remote+=(--replace $O 'properties="nav"' 'properties="nav remote-resources"')
valid_ css-remote-font -- \
    --replace $S "$R" "@font-face { font-family: r; src: url(https://example.org/f.woff); } $R" \
    --replace $O '<item id="css" href="styles/book.css" media-type="text/css"/>' "$css_remote$remote_font" \
    "${pages_remote[@]}"
case_ css-remote-font-page-undeclared ERROR OPF-014 $C -- \
    --replace $S "$R" "@font-face { font-family: r; src: url(https://example.org/f.woff); } $R" \
    --replace $O '<item id="css" href="styles/book.css" media-type="text/css"/>' "$css_remote$remote_font"
case_ css-remote-font-not-declared ERROR OPF-014 $S -- \
    --replace $S "$R" "@font-face { font-family: r; src: url(https://example.org/f.woff); } $R" \
    --replace $O '</manifest>' "$remote_font</manifest>"
case_ css-remote-font-http WARNING RSC-031 $S -- \
    --replace $S "$R" "@font-face { font-family: r; src: url(http://example.org/f.woff); } $R" \
    --replace $O '<item id="css" href="styles/book.css" media-type="text/css"/>' "$css_remote${remote_font//https/http}" \
    "${pages_remote[@]}"
case_ css-remote-image ERROR RSC-006 $S -- \
    --replace $S "$R" "p { background: url(https://example.org/a.png) } $R" \
    --replace $O '</manifest>' '<item id="ri" href="https://example.org/a.png" media-type="image/png"/></manifest>'
case_ css-remote-import ERROR RSC-006 $S -- --replace $S "$R" "@import url(https://example.org/a.css); $R"
# A page whose <style> loads a remote font uses a remote resource.
case_ css-style-remote-font-undeclared ERROR OPF-014 $C -- \
    --replace $C '</head>' '<style>@font-face { font-family: r; src: url(https://example.org/f.woff); }</style></head>' \
    --replace $O '</manifest>' "$remote_font</manifest>"
valid_ css-style-remote-font -- \
    --replace $C '</head>' '<style>@font-face { font-family: r; src: url(https://example.org/f.woff); }</style></head>' \
    --replace $O '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml"/>' \
    "<item id=\"ch001\" href=\"text/ch001.xhtml\" media-type=\"application/xhtml+xml\" properties=\"remote-resources\"/>$remote_font"

# ---- alternate style sheets ----
case_ css-alternate-no-title ERROR CSS-015 $C -- \
    --replace $C '<link rel="stylesheet"' '<link rel="alternate stylesheet"'
valid_ css-alternate-titled -- \
    --replace $C '<link rel="stylesheet"' '<link title="Other" rel="alternate stylesheet"'
case_ css-alternate-empty-title ERROR CSS-015 $C -- \
    --replace $C '<link rel="stylesheet"' '<link title=" " rel="alternate stylesheet"'
# A style sheet's URL has no fragment.
case_ css-link-fragment ERROR RSC-013 $C -- --replace $C 'book.css"' 'book.css#x"'
# (@import is a style sheet reference too, RSC-013 in epubcheck 5; 4.2.6
# says RSC-012 and epubcheck-ts RSC-007, so octavo alone is asked here)
"$edit" good.epub css-import-fragment.epub --replace $S "$R" "@import url(more.css#x); $R" \
    --add EPUB/styles/more.css 'p { color: black }' \
    --replace $O '</manifest>' '<item id="more" href="styles/more.css" media-type="text/css"/></manifest>' ||
    fail "css-import-fragment: epub_edit could not make the case"
count_ css-import-fragment RSC-013 1
case_ css-style-attribute-syntax ERROR CSS-008 $C -- \
    --replace $C '<p class="byline">' '<p class="byline" style="color: red; font-weight bold">'

# A foreign resource named in a style sheet needs a fallback, as a page's
# does (RSC-032); a font needs none (css-font-foreign).
case_ css-url-foreign ERROR RSC-032 $S -- --replace $S "$R" "p { background: url(../images/x.tiff) } $R" \
    --add EPUB/images/x.tiff 'II*' \
    --replace $O '</manifest>' '<item id="tiff" href="images/x.tiff" media-type="image/tiff"/></manifest>'
valid_ css-url-foreign-fallback -- --replace $S "$R" "p { background: url(../images/x.tiff) } $R" \
    --add EPUB/images/x.tiff 'II*' \
    --replace $O '</manifest>' '<item id="tiff" href="images/x.tiff" media-type="image/tiff" fallback="img-1630582cb4"/></manifest>'

# A document with a media overlay has CSS when the package declares the
# overlays' classes (CSS-030); an SVG's xml-stylesheet processing
# instruction gives it CSS.
printf '\377\373\220\144' >tiny.mp3
head -c 413 /dev/zero >>tiny.mp3
mo_ops=(--add-file EPUB/audio/a.mp3 tiny.mp3
    --add EPUB/overlays/ch001.smil '<smil xmlns="http://www.w3.org/ns/SMIL" version="3.0"><body><par id="p1"><text src="../text/ch001.xhtml#title"/><audio src="../audio/a.mp3" clipBegin="0s" clipEnd="0.02s"/></par></body></smil>'
    --replace $O 'href="text/ch001.xhtml" media-type="application/xhtml+xml"' 'href="text/ch001.xhtml" media-type="application/xhtml+xml" media-overlay="mo1"'
    --replace $O '</manifest>' '<item id="mo1" href="overlays/ch001.smil" media-type="application/smil+xml"/><item id="a1" href="audio/a.mp3" media-type="audio/mpeg"/></manifest>'
    --replace $O '</metadata>' '<meta property="media:duration">0:00:00.020</meta><meta property="media:duration" refines="#mo1">0:00:00.020</meta><meta property="media:active-class">-epub-media-overlay-active</meta></metadata>')
no_link=(--replace $C '<link rel="stylesheet" type="text/css" href="../styles/book.css"/>' '')
valid_ css-overlay-class-styled -- "${mo_ops[@]}"
valid_ css-overlay-class-style-element -- "${mo_ops[@]}" "${no_link[@]}" \
    --replace $C '</head>' '<style>.-epub-media-overlay-active { color: red }</style></head>'
case_ css-overlay-class-no-css ERROR CSS-030 $C -- "${mo_ops[@]}" "${no_link[@]}"
# (mediaoverlays-playback-active-class-style-not-found-error: the other class)
case_ css-overlay-playback-class-no-css ERROR CSS-030 $C -- \
    "${mo_ops[@]/media:active-class/media:playback-active-class}" "${no_link[@]}"
valid_ css-no-overlay-class-no-css -- "${mo_ops[@]/<meta property=\"media:active-class\">-epub-media-overlay-active<\/meta>/}" "${no_link[@]}"
SVG_PAGE='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 80"><text id="t" x="1" y="9">Page</text></svg>'
svg_mo_ops=(--add-file EPUB/audio/a.mp3 tiny.mp3
    --add EPUB/overlays/page.smil '<smil xmlns="http://www.w3.org/ns/SMIL" version="3.0"><body><par id="p1"><text src="../images/page.svg#t"/><audio src="../audio/a.mp3" clipBegin="0s" clipEnd="0.02s"/></par></body></smil>'
    --replace $O '</manifest>' '<item id="page" href="images/page.svg" media-type="image/svg+xml" media-overlay="mo1"/><item id="mo1" href="overlays/page.smil" media-type="application/smil+xml"/><item id="a1" href="audio/a.mp3" media-type="audio/mpeg"/></manifest>'
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page"/>'
    --replace $O '</metadata>' '<meta property="media:duration">0:00:00.020</meta><meta property="media:duration" refines="#mo1">0:00:00.020</meta><meta property="media:active-class">-epub-media-overlay-active</meta></metadata>')
valid_ css-overlay-class-svg-xml-stylesheet -- "${svg_mo_ops[@]}" \
    --add EPUB/images/page.svg "<?xml-stylesheet href=\"../styles/book.css\"?>$SVG_PAGE"
case_ css-overlay-class-svg-no-css ERROR CSS-030 EPUB/images/page.svg -- "${svg_mo_ops[@]}" \
    --add EPUB/images/page.svg "$SVG_PAGE"

# An Adobe page template linked as a style sheet is a foreign resource
# exempt from fallbacks, with a manifest fallback or none (03-resources:
# foreign-exempt-xhtml-link-xpgt-*-valid).
XPGT='<template xmlns="http://ns.adobe.com/2006/ade"><fo:layout-master-set xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:simple-page-master master-name="one"><fo:region-body margin="1em"/></fo:simple-page-master></fo:layout-master-set></template>'
XPGT_LINK='<link rel="stylesheet" type="application/vnd.adobe-page-template+xml" href="../styles/page-template.xpgt"/></head>'
valid_ foreign-exempt-xhtml-link-xpgt-no-fallback-valid -- --add EPUB/styles/page-template.xpgt "$XPGT" \
    --replace $O '<item id="css"' '<item id="xpgt" href="styles/page-template.xpgt" media-type="application/vnd.adobe-page-template+xml"/><item id="css"' \
    --replace $C '</head>' "$XPGT_LINK"
valid_ foreign-exempt-xhtml-link-xpgt-manifest-fallback-valid -- --add EPUB/styles/page-template.xpgt "$XPGT" \
    --replace $O '<item id="css"' '<item id="xpgt" href="styles/page-template.xpgt" media-type="application/vnd.adobe-page-template+xml" fallback="css"/><item id="css"' \
    --replace $C '</head>' "$XPGT_LINK"
