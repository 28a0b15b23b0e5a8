# Whole-publication scenarios of EPUBCheck's EPUB 3 suite (w3c/epubcheck
# src/test/resources/epub3/) that no other area's case covered, each
# named after its scenario's test book. SCENARIOS.md beside this file
# says which case covers which scenario, and which are still gaps.

# A foreign (non core media type) picture, and a manifest item for it.
TIF='<item id="tif" href="images/x.tif" media-type="image/tiff"'
ADD_TIF=(--add EPUB/images/x.tif 'II*.not really a tiff')
# Items go in before the style sheet's, text after the last paragraph.
ITEM='<item id="css"'
FIN='<p>Fin.</p>'
# Remote resources: the chapter's manifest item with remote-resources.
CH1='<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml"/>'
CH1_REMOTE='<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="remote-resources"/>'
# The second chapter's itemref made pre-paginated, and a viewport for it.
FXL='<itemref idref="ch001" properties="rendition:layout-pre-paginated"/>'
META='<meta charset="utf-8"/>'
vp() { printf '%s<meta name="viewport" content="%s"/>' "$META" "$1"; }

# ---- 03-resources/resources.feature ----
# 3.3 Foreign resources: intrinsic and manifest fallbacks.
valid_ foreign-xhtml-audio-manifest-fallback-valid -- --add EPUB/a.xyz 'not audio' \
    --add EPUB/a.mp3 'ID3 not really' \
    --replace $O "$ITEM" '<item id="xyz" href="a.xyz" media-type="audio/x-foo" fallback="mp3"/><item id="mp3" href="a.mp3" media-type="audio/mpeg"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<audio src="../a.xyz" controls="controls">audio</audio>'
case_ foreign-xhtml-audio-source-no-fallback-error ERROR RSC-032 $C -- --add EPUB/a.xyz 'not audio' \
    --replace $O "$ITEM" '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<audio controls="controls"><source src="../a.xyz"/></audio>'
valid_ foreign-xhtml-embed-fallback-valid -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"' fallback="img-939f40be7f"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<embed src="../images/x.tif" type="image/tiff"/>'
case_ foreign-xhtml-embed-no-fallback-error ERROR RSC-032 $C -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"'/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<embed src="../images/x.tif" type="image/tiff"/>'
case_ foreign-xhtml-input-image-no-fallback-error ERROR RSC-032 $C -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"'/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<form><input type="image" src="../images/x.tif" alt="go"/></form>'
valid_ foreign-xhtml-video-poster-fallback-valid -- "${ADD_TIF[@]}" --add EPUB/v.mp4 'not a video' \
    --replace $O "$ITEM" "$TIF"' fallback="img-939f40be7f"/><item id="mp4" href="v.mp4" media-type="video/mp4"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../v.mp4" poster="../images/x.tif">video</video>'
# (a poster is an image of its own: the video's sources are no fallback
# for it; epubcheck 4.2.6 says MED-001 instead)
case_ foreign-xhtml-video-poster-no-fallback-error ERROR RSC-032 $C -- "${ADD_TIF[@]}" --add EPUB/v.mp4 'not a video' \
    --replace $O "$ITEM" "$TIF"'/><item id="mp4" href="v.mp4" media-type="video/mp4"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../v.mp4" poster="../images/x.tif">video</video>'
case_ foreign-xhtml-math-altimg-no-fallback-error ERROR RSC-032 $C -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"'/>'"$ITEM" \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="mathml"/>' \
    --replace $C "$FIN" "$FIN"'<math xmlns="http://www.w3.org/1998/Math/MathML" altimg="../images/x.tif" alttext="x"><mi>x</mi></math>'
# 3.4 Exempt resources
valid_ foreign-exempt-xhtml-link-valid -- --add EPUB/x.foo 'foo' \
    --replace $O "$ITEM" '<item id="foo" href="x.foo" media-type="application/x-foo"/>'"$ITEM" \
    --replace $C '</head>' '<link rel="alternate" href="../x.foo" type="application/x-foo"/></head>'
valid_ foreign-exempt-xhtml-track-valid -- --add EPUB/v.mp4 'not a video' --add EPUB/t.vtt 'WEBVTT' \
    --replace $O "$ITEM" '<item id="mp4" href="v.mp4" media-type="video/mp4"/><item id="vtt" href="t.vtt" media-type="text/vtt"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../v.mp4"><track src="../t.vtt" kind="captions" srclang="en"/></video>'
valid_ foreign-exempt-xhtml-video-valid -- --add EPUB/v.mkv 'not a video' \
    --replace $O "$ITEM" '<item id="mkv" href="v.mkv" media-type="video/x-matroska"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../v.mkv">video</video>'
valid_ foreign-exempt-xhtml-video-in-img-valid -- --add EPUB/v.mp4 'not a video' \
    --replace $O "$ITEM" '<item id="mp4" href="v.mp4" media-type="video/mp4"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><img src="../v.mp4" alt="a video"/></p>'
valid_ foreign-exempt-unused-valid -- "${ADD_TIF[@]}" --replace $O "$ITEM" "$TIF"'/>'"$ITEM"
# 3.5.2 Intrinsic fallbacks
case_ foreign-xhtml-audio-no-fallback-with-flow-content-error ERROR RSC-032 $C -- --add EPUB/a.xyz 'not audio' \
    --replace $O "$ITEM" '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<audio src="../a.xyz" controls="controls"><p>No audio.</p></audio>'
valid_ foreign-xhtml-audio-source-remote-fallback-valid -- --add EPUB/a.xyz 'not audio' \
    --replace $O "$ITEM" '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/><item id="ra" href="https://example.com/a.mp3" media-type="audio/mpeg"/>'"$ITEM" \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<audio controls="controls"><source src="../a.xyz"/><source src="https://example.com/a.mp3"/></audio>'
case_ foreign-xhtml-audio-in-video-no-fallback-error ERROR RSC-032 $C -- --add EPUB/a.xyz 'not audio' \
    --replace $O "$ITEM" '<item id="xyz" href="a.xyz" media-type="audio/x-foo"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../a.xyz">video</video>'
valid_ foreign-xhtml-img-srcset-manifest-fallback-valid -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"' fallback="img-939f40be7f"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><img src="../images/939f40be7f.gif" srcset="../images/x.tif 2x" alt="dot"/></p>'
case_ foreign-xhtml-picture-img-srcset-error ERROR MED-003 $C -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"' fallback="img-939f40be7f"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><picture><img src="../images/939f40be7f.gif" srcset="../images/x.tif 2x" alt="dot"/></picture></p>'
valid_ foreign-xhtml-picture-source-with-type-valid -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"'/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><picture><source srcset="../images/x.tif" type="image/tiff"/><img src="../images/939f40be7f.gif" alt="dot"/></picture></p>'
case_ foreign-xhtml-picture-source-no-type-error ERROR MED-007 $C -- "${ADD_TIF[@]}" \
    --replace $O "$ITEM" "$TIF"'/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><picture><source srcset="../images/x.tif"/><img src="../images/939f40be7f.gif" alt="dot"/></picture></p>'
# 3.6 Resource locations
valid_ resources-remote-audio-object-valid -- \
    --replace $O "$ITEM" '<item id="ra" href="https://example.com/a.mp3" media-type="audio/mpeg"/>'"$ITEM" \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<object data="https://example.com/a.mp3" type="audio/mpeg">audio</object>'
valid_ resources-remote-video-valid -- \
    --replace $O "$ITEM" '<item id="rv" href="https://example.com/v.mp4" media-type="video/mp4"/>'"$ITEM" \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<video src="https://example.com/v.mp4">video</video>'
# (The scenarios' pages declare remote-resources, as EPUBCheck 5 asks of
# any remote src: RSC-006 is then all there is to say.)
case_ resources-remote-iframe-undeclared-error ERROR RSC-006 $C -- --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<iframe src="https://example.com/page.xhtml"></iframe>'
case_ resources-remote-img-undeclared-error ERROR RSC-006 $C -- --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<p><img src="https://example.com/a.png" alt="remote"/></p>'
case_ resources-remote-object-undeclared-error ERROR RSC-006 $C -- \
    --replace $C "$FIN" "$FIN"'<object data="https://example.com/a.png" type="image/png">picture</object>'
case_ resources-remote-spine-item-error ERROR RSC-006 $O -- \
    --replace $O "$ITEM" '<item id="rx" href="https://example.com/page.xhtml" media-type="application/xhtml+xml"/>'"$ITEM" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="rx"/>'
case_ resources-remote-script-error ERROR RSC-006 $C -- \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="scripted"/>' \
    --replace $C '</head>' '<script src="https://example.com/s.js"></script></head>'
# 3.7 Data URLs
valid_ data-url-in-html-img-cmt-valid -- --replace $C "$FIN" \
    "$FIN"'<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot"/></p>'
# (epubcheck-ts says it; epubcheck 4.2.6 does not check data URLs' types)
case_ data-url-in-html-img-foreign-no-fallback-error ERROR RSC-032 $C -- --replace $C "$FIN" \
    "$FIN"'<p><img src="data:image/tiff;base64,SUkqAA==" alt="dot"/></p>'
valid_ data-url-in-html-img-foreign-intrinsic-fallback-valid -- --replace $C "$FIN" \
    "$FIN"'<p><picture><source srcset="data:image/tiff;base64,SUkqAA==" type="image/tiff"/><img src="../images/939f40be7f.gif" alt="dot"/></picture></p>'
valid_ data-url-with-unescaped-query-valid -- --replace $C "$FIN" \
    "$FIN"'<p><img src="data:image/svg+xml;utf8,&lt;svg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 1 1%22/&gt;?x=1" alt="dot"/></p>'

# ---- 04-ocf/ocf.feature ----
valid_ url-percent-encoded-valid -- --rename EPUB/styles/book.css 'EPUB/styles/bé.css' \
    --replace $O 'href="styles/book.css"' 'href="styles/b%C3%A9.css"' \
    --replace $C 'href="../styles/book.css"' 'href="../styles/b%C3%A9.css"' \
    --replace $D 'href="../styles/book.css"' 'href="../styles/b%C3%A9.css"' \
    --replace EPUB/nav.xhtml 'href="styles/book.css"' 'href="styles/b%C3%A9.css"' \
    --replace EPUB/text/cover.xhtml 'href="../styles/book.css"' 'href="../styles/b%C3%A9.css"' \
    --replace EPUB/text/titlepage.xhtml 'href="../styles/book.css"' 'href="../styles/b%C3%A9.css"'
# (one RSC-007 for each element's cite, as in EPUBCheck's scenario;
# epubcheck-ts says them, 4.2.6 does not resolve cite)
case_ url-xhtml-cite-missing-resource-error ERROR RSC-007 $C -- \
    --replace $C "$FIN" "$FIN"'<blockquote cite="../missing.xhtml"><p>Quote.</p></blockquote><p><q cite="missing-q.xhtml">q</q> <del cite="missing-del.xhtml">d</del> <ins cite="missing-ins.xhtml">i</ins></p>'
case_ url-xhtml-iframe-missing-resource-error ERROR RSC-007 $C -- \
    --replace $C "$FIN" "$FIN"'<iframe src="missing.xhtml"></iframe>'
case_ url-xhtml-track-missing-resource-error ERROR RSC-007 $C -- --add EPUB/v.mp4 'not a video' \
    --replace $O "$ITEM" '<item id="mp4" href="v.mp4" media-type="video/mp4"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<video src="../v.mp4"><track src="../missing.vtt" kind="captions" srclang="en"/></video>'
case_ ocf-mimetype-file-missing-error ERROR PKG-006 - -- --delete mimetype
valid_ ocf-filepath-utf8-valid -- --rename EPUB/styles/book.css 'EPUB/stylés/book.css' \
    --replace $O 'href="styles/book.css"' 'href="stylés/book.css"' \
    --replace $C 'href="../styles/book.css"' 'href="../stylés/book.css"' \
    --replace $D 'href="../styles/book.css"' 'href="../stylés/book.css"' \
    --replace EPUB/nav.xhtml 'href="styles/book.css"' 'href="stylés/book.css"' \
    --replace EPUB/text/cover.xhtml 'href="../styles/book.css"' 'href="../stylés/book.css"' \
    --replace EPUB/text/titlepage.xhtml 'href="../styles/book.css"' 'href="../stylés/book.css"'

# ---- 05-package-document/package-document.feature ----
valid_ package-file-extension-unusual-valid -- --rename $O EPUB/package.xml \
    --replace META-INF/container.xml 'EPUB/package.opf' 'EPUB/package.xml'
case_ package-remote-img-in-link-error ERROR RSC-006 $C -- --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $O "$ITEM" '<item id="ri" href="https://example.com/a.png" media-type="image/png"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<p><a href="https://example.com/a.png">a picture</a><img src="https://example.com/a.png" alt="remote"/></p>'
case_ package-remote-audio-sources-undeclared-error ERROR RSC-008 $C -- \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C "$FIN" "$FIN"'<audio controls="controls"><source src="https://example.com/a.mp3"/></audio>'
case_ package-remote-font-undeclared-error ERROR RSC-008 EPUB/styles/book.css -- \
    --replace $O '<item id="css" href="styles/book.css" media-type="text/css"/>' '<item id="css" href="styles/book.css" media-type="text/css" properties="remote-resources"/>' \
    --replace EPUB/styles/book.css '/* Rules' '@font-face { font-family: r; src: url(https://example.org/f.woff); } /* Rules'
case_ package-manifest-duplicate-resource-error ERROR OPF-074 $O -- \
    --replace $O "$ITEM" '<item id="dup" href="images/939f40be7f.gif" media-type="image/gif"/>'"$ITEM"
case_ package-remote-audio-missing-property-error ERROR OPF-014 $C -- \
    --replace $O "$ITEM" '<item id="ra" href="https://example.com/a.mp3" media-type="audio/mpeg"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<audio src="https://example.com/a.mp3" controls="controls">audio</audio>'
valid_ package-remote-resource-and-inline-css-valid -- \
    --replace $O "$ITEM" '<item id="ra" href="https://example.com/a.mp3" media-type="audio/mpeg"/>'"$ITEM" \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $C '</head>' '<style>p { color: black; }</style></head>' \
    --replace $C "$FIN" "$FIN"'<audio src="https://example.com/a.mp3" controls="controls">audio</audio>'
case_ package-manifest-prop-scripted-declared-but-unnecessary-error ERROR OPF-015 $C -- \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="scripted"/>'
case_ package-manifest-prop-svg-undeclared-partial-error ERROR OPF-014 $C -- \
    --replace $O '<item id="ch002" href="text/ch002.xhtml" media-type="application/xhtml+xml"/>' '<item id="ch002" href="text/ch002.xhtml" media-type="application/xhtml+xml" properties="svg"/>' \
    --replace $C "$FIN" "$FIN"'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>' \
    --replace $D '</section>' '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg></section>'
valid_ spine-nonlinear-reachable-via-hyperlink-valid -- \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002" linear="no"/>'

# ---- 06-layouts/layouts.feature ----
PP='<meta property="rendition:layout">pre-paginated</meta></metadata>'
valid_ layout-reflowable-override-valid -- --replace $O '</metadata>' "$PP" \
    --replace $O '<itemref idref="cover"/>' '<itemref idref="cover" properties="rendition:layout-reflowable"/>' \
    --replace $O '<itemref idref="titlepage"/>' '<itemref idref="titlepage" properties="rendition:layout-reflowable"/>' \
    --replace $O '<itemref idref="nav"/>' '<itemref idref="nav" properties="rendition:layout-reflowable"/>' \
    --replace $O '<itemref idref="ch001"/>' '<itemref idref="ch001" properties="rendition:layout-reflowable"/>' \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002" properties="rendition:layout-reflowable"/>'
case_ layout-pre-paginated-override-content-invalid-fxl-error ERROR HTM-047 $C -- \
    --replace $O '<itemref idref="ch001"/>' "$FXL" --replace $C "$META" "$(vp 'width=600, =800')"

# ---- 07-content-documents/content-documents-xhtml.feature ----
valid_ content-xhtml-file-extension-unusual-valid -- \
    --rename EPUB/text/titlepage.xhtml EPUB/text/titlepage.html \
    --replace $O 'href="text/titlepage.xhtml"' 'href="text/titlepage.html"' \
    --replace EPUB/nav.xhtml 'href="text/titlepage.xhtml"' 'href="text/titlepage.html"'
case_ content-xhtml-data-attr-removal-markup-error ERROR RSC-005 $C -- \
    --replace $C "$FIN" '<p data-x="1">Fin.<somebadxhtmlformatting/></p>'
valid_ content-xhtml-data-attr-removal-fragments-valid -- \
    --replace $C '<a href="ch002.xhtml#tables">' '<a data-x="1" href="ch002.xhtml#tables">'
case_ content-xhtml-link-to-missing-id-in-nav-doc-error ERROR RSC-012 $C -- \
    --replace $C "$FIN" '<p>Fin. <a href="../nav.xhtml#nowhere">contents</a></p>'
# (a URL attribute is trimmed of ASCII whitespace, as HTML parses URLs)
valid_ content-xhtml-link-href-empty-valid -- --replace $C "$FIN" '<p>Fin. <a href=" ">here</a></p>'
valid_ content-xhtml-link-rel-path-dot-valid -- --replace $C "$FIN" '<p>Fin. <a href="./ch002.xhtml">next</a></p>'
valid_ content-xhtml-iframe-basic-valid -- --replace $C "$FIN" "$FIN"'<iframe src="ch002.xhtml"></iframe>'
case_ content-xhtml-img-srcset-undeclared-error ERROR RSC-008 $C -- --add EPUB/images/extra.png 'not listed' \
    --replace $C "$FIN" "$FIN"'<p><img src="../images/939f40be7f.gif" srcset="../images/extra.png 2x" alt="dot"/></p>'
valid_ content-xhtml-meta-viewport-non-fxl-valid -- --replace $C "$META" "$(vp 'width=device-width')"
valid_ content-xhtml-object-pdf-fragment-valid -- --add EPUB/doc.pdf '%PDF-1.4 not really' \
    --replace $O "$ITEM" '<item id="pdf" href="doc.pdf" media-type="application/pdf" fallback="ch002"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<object data="../doc.pdf#page=2" type="application/pdf">a PDF</object>'
valid_ content-xhtml-svg-reference-valid -- --replace $C "$FIN" \
    "$FIN"'<object data="../images/6e81ec2bb7.svg" type="image/svg+xml">logo</object><iframe src="../images/6e81ec2bb7.svg"></iframe>'
valid_ content-xhtml-svg-fragment-svgview-valid -- --replace $C "$FIN" \
    "$FIN"'<p><img src="../images/6e81ec2bb7.svg#svgView(viewBox(0,0,10,10))" alt="logo"/></p>'

# ---- 07-content-documents/content-documents-svg.feature ----
valid_ content-svg-in-spine-valid -- --add EPUB/page.svg \
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 10 10"><title>Page</title><rect width="5" height="5"/></svg>' \
    --replace $O "$ITEM" '<item id="page" href="page.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page"/>'

# ---- 07-content-documents/content-documents-css.feature ----
valid_ content-css-namespace-uri-not-resource-valid -- \
    --replace EPUB/styles/book.css '/* Rules' '@namespace epub "http://www.idpf.org/2007/ops"; /* Rules'
valid_ content-css-font-size-value-error -- \
    --replace EPUB/styles/book.css '/* Rules' 'p.x { font-size: 12 px; } /* Rules'

# ---- 07-content-documents/content-documents-fixed-layout.feature ----
case_ content-fxl-xhtml-viewport-width-missing-error ERROR HTM-056 $C -- \
    --replace $O '<itemref idref="ch001"/>' "$FXL" --replace $C "$META" "$(vp 'height=800')"
# (octavo says HTM-057 as EPUBCheck 5 does; epubcheck-ts says HTM-047, so octavo's alone)
ours_ content-fxl-xhtml-viewport-height-empty-error \
    "content-fxl-xhtml-viewport-height-empty-error.epub: $C: ERROR HTM-057" -- \
    --replace $O '<itemref idref="ch001"/>' "$FXL" --replace $C "$META" "$(vp 'width=600, height=')"

# ---- 08-navigation-document/navigation-document.feature ----
valid_ nav-cfi-valid -- --replace EPUB/nav.xhtml '<a href="text/ch001.xhtml#the-end">' \
    '<a href="text/ch001.xhtml#epubcfi(/4/2)">'

# ---- 09-media-overlays/media-overlays.feature: see media.sh ----

# ---- E-obsolete-features/outdated-features.feature ----
# The NCX's links are hyperlinks, as EPUBCheck's NCXHandler registers
# them: to an id (RSC-012), a file (RSC-007), a spine item (RSC-011; not
# said by epubcheck-ts, by 4.2.6 and 5 it is).
case_ outdated-package-ncx-invalid-error ERROR RSC-012 EPUB/toc.ncx -- \
    --replace EPUB/toc.ncx 'src="text/ch001.xhtml#the-end"' 'src="text/ch001.xhtml#nowhere"'
case_ ncx-link-missing-file ERROR RSC-007 EPUB/toc.ncx -- \
    --replace EPUB/toc.ncx 'src="text/ch001.xhtml#the-end"' 'src="text/ch009.xhtml"'
case_ ncx-link-not-in-spine ERROR RSC-011 EPUB/toc.ncx -- \
    --replace $O '<itemref idref="titlepage"/>' '' \
    --replace EPUB/nav.xhtml '<li><a epub:type="titlepage" href="text/titlepage.xhtml">图文并茂</a></li>' '' \
    --replace EPUB/toc.ncx 'src="text/ch001.xhtml#the-end"' 'src="text/titlepage.xhtml"'

# ---- more of 03-resources: remote resources in SVG, scripts, data URLs ----
case_ resources-remote-img-in-script-error ERROR RSC-006 $C -- \
    --replace $O "$ITEM" '<item id="ri" href="https://example.com/a.png" media-type="image/png"/>'"$ITEM" \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="scripted remote-resources"/>' \
    --replace $C "$FIN" "$FIN"'<p><img src="https://example.com/a.png" alt="remote"/></p><script>fetch("https://example.com/a.png");</script>'
case_ resources-remote-svg-contentdoc-error ERROR RSC-006 $C -- \
    --replace $O "$ITEM" '<item id="rs" href="https://example.com/a.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $C "$FIN" "$FIN"'<iframe src="https://example.com/a.svg"></iframe>'
case_ resources-remote-stylesheet-svg-import-error ERROR RSC-006 EPUB/images/6e81ec2bb7.svg -- \
    --replace EPUB/images/6e81ec2bb7.svg '</svg>' '<style>@import url("https://example.com/s.css");</style></svg>'
case_ resources-remote-stylesheet-svg-xmlpi-error ERROR RSC-006 EPUB/images/6e81ec2bb7.svg -- \
    --replace EPUB/images/6e81ec2bb7.svg '<svg' '<?xml-stylesheet type="text/css" href="https://example.com/s.css"?><svg'
valid_ data-url-in-html-link-exempt-valid -- \
    --replace $C '</head>' '<link rel="icon" href="data:image/x-icon;base64,AAABAA=="/></head>'
# Other: a type attribute that is not the manifest's media type (OPF-013,
# a warning in EPUBCheck 5; parameters such as codecs do not count).
RED_DOT=../images/1630582cb4.png
MP3_ITEM='<item id="mp3" href="a.mp3" media-type="audio/mpeg"/>'
case_ type-mismatch-in-object-warning WARNING OPF-013 $C -- \
    --replace $C "$FIN" "$FIN"'<object data="'$RED_DOT'" type="image/gif">a red dot</object>'
case_ type-mismatch-in-picture-source-warning WARNING OPF-013 $C -- \
    --replace $C "$FIN" "$FIN"'<picture><source srcset="'$RED_DOT'" type="image/gif"/><img src="'$RED_DOT'" alt="dot"/></picture>'
case_ type-mismatch-in-audio-source-warning WARNING OPF-013 $C -- --add EPUB/a.mp3 'ID3 not really' \
    --replace $O "$ITEM" "$MP3_ITEM$ITEM" \
    --replace $C "$FIN" "$FIN"'<audio controls="controls"><source src="../a.mp3" type="audio/ogg"/></audio>'
case_ type-mismatch-in-embed-warning WARNING OPF-013 $C -- \
    --replace $C "$FIN" "$FIN"'<embed src="'$RED_DOT'" type="image/gif"/>'
# (case counts, as EPUBCheck 5 compares)
case_ type-mismatch-in-case-warning WARNING OPF-013 $C -- \
    --replace $C "$FIN" "$FIN"'<object data="'$RED_DOT'" type="IMAGE/PNG">a red dot</object>'
valid_ type-match-apart-from-parameters-valid -- --add EPUB/a.mp3 'ID3 not really' \
    --replace $O "$ITEM" "$MP3_ITEM$ITEM" \
    --replace $C "$FIN" "$FIN"'<object data="'$RED_DOT'" type="image/png; x=y">a red dot</object><audio controls="controls"><source src="../a.mp3" type="audio/mpeg; codecs=mp3"/></audio>'

# ---- 04-ocf: the container itself ----
# raw_ NAME FILE CODE...: octavo reports each CODE on FILE (made here,
# not from the good book), and epubcheck 4.2.6 or epubcheck-ts agrees.
raw_() {
    local name=$1 file=$2
    shift 2
    local report theirs=""
    report=$("$octavo" check "$file")
    [ $? -eq 1 ] || grep -q "WARNING" <<<"$report" || fail "$name: octavo check found nothing: $report"
    [ -n "$ts" ] && theirs=$("$ts" "$file" 2>&1)
    [ $have_java -eq 1 ] && theirs+=$'\n'$(java -Xss64m -jar /usr/bin/epubcheck "$file" 2>&1)
    local code
    for code; do
        grep -q -- " $code:" <<<"$report" || fail "$name: no $code in: $report"
        grep -q -- "$code" <<<"$theirs" || fail "$name: neither epubcheck reports $code: $theirs"
    done
    echo "ok: $name ($*)"
}
: >ocf-zip-unreadable-empty-fatal.epub
raw_ ocf-zip-unreadable-empty-fatal ocf-zip-unreadable-empty-fatal.epub PKG-003 PKG-008
head -c 2000 good.epub >ocf-zip-unreadable-no-end-header-fatal.epub
raw_ ocf-zip-unreadable-no-end-header-fatal ocf-zip-unreadable-no-end-header-fatal.epub PKG-008
cp "$sources/images/copy-of-red.png" ocf-zip-unreadable-image-with-epub-extension-fatal.epub
raw_ ocf-zip-unreadable-image-with-epub-extension-fatal \
    ocf-zip-unreadable-image-with-epub-extension-fatal.epub PKG-004 PKG-008
case_ ocf-container-not-ocf-error ERROR RSC-002 - -- --delete mimetype --delete META-INF/container.xml
# (G-media-type-registrations/media-types-registrations.feature)
cp good.epub ocf-extension-not-lower-case-warning.ePub
raw_ ocf-extension-not-lower-case-warning ocf-extension-not-lower-case-warning.ePub PKG-016
# Zips epub_edit cannot write, made by tests/tools/make_zip_fixtures.py
# and kept in tests/fixtures/check/. fixture_ NAME CODE: raw_ on NAME.epub
# there, and CODE is octavo's one finding (EPUBCheck says nothing else).
fixture_() {
    local name=$1 code=$2 file
    file=$(cd "$sources/../../check" && pwd)/$1.epub
    raw_ "$name" "$file" "$code"
    local last
    last=$("$octavo" check "$file" | tail -1)
    [ "$last" = "$file: 1 error, 0 warnings" ] || fail "$name: octavo finds more than $code: $last"
}
# (non-UTF-8 names: EPUBCheck 5's fatal PKG-027, epubcheck-ts's too;
# 4.2.6 cannot read the zip, PKG-008)
fixture_ ocf-filename-not-utf8-error PKG-027
fixture_ ocf-filepath-not-utf8-error PKG-027
fixture_ ocf-filename-duplicate-zip-entry-error OPF-060

# ---- more of 05-package-document ----
# Remote fonts an SVG uses (its <style>, or an SVG font's font-face-uri),
# and a remote SVG font (03-resources 3.6, 05-package-document).
SVGI='<item id="img-6e81ec2bb7" href="images/6e81ec2bb7.svg" media-type="image/svg+xml"/>'
SVGI_REMOTE='<item id="img-6e81ec2bb7" href="images/6e81ec2bb7.svg" media-type="image/svg+xml" properties="remote-resources"/>'
CSSI='<item id="css" href="styles/book.css" media-type="text/css"/>'
CSSI_REMOTE='<item id="css" href="styles/book.css" media-type="text/css" properties="remote-resources"/>'
G=EPUB/images/6e81ec2bb7.svg
case_ package-remote-font-in-svg-missing-property-error ERROR OPF-014 $G -- \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.woff" media-type="font/woff"/>'"$ITEM" \
    --replace $G '</svg>' '<style>@font-face { font-family: r; src: url(https://example.com/f.woff); }</style></svg>'
valid_ resources-remote-font-in-svg-style-valid -- \
    --replace $O "$SVGI" "$SVGI_REMOTE" \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.woff" media-type="font/woff"/>'"$ITEM" \
    --replace $G '</svg>' '<style>@font-face { font-family: r; src: url(https://example.com/f.woff); }</style></svg>'
valid_ resources-remote-font-in-svg-valid -- \
    --replace $O "$SVGI" "$SVGI_REMOTE" \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $G '</svg>' '<defs><font-face font-family="r"><font-face-src><font-face-uri xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.com/f.svg"/></font-face-src></font-face></defs></svg>'
case_ resources-remote-font-in-svg-uri-missing-property-error ERROR OPF-014 $G -- \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $G '</svg>' '<defs><font-face font-family="r"><font-face-src><font-face-uri xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.com/f.svg"/></font-face-src></font-face></defs></svg>'
# (epubcheck-ts takes a remote SVG as a font only from a CSS file; the
# pages linking it then use a remote resource too.)
mapfile -t ALL_REMOTE < <(
    for p in cover:text/cover.xhtml titlepage:text/titlepage.xhtml ch001:text/ch001.xhtml ch002:text/ch002.xhtml; do
        printf -- '--replace\n%s\n%s\n%s\n' "$O" "<item id=\"${p%%:*}\" href=\"${p#*:}\" media-type=\"application/xhtml+xml\"/>" \
            "<item id=\"${p%%:*}\" href=\"${p#*:}\" media-type=\"application/xhtml+xml\" properties=\"remote-resources\"/>"
    done
    printf -- '--replace\n%s\n%s\n%s\n' "$O" 'properties="nav"' 'properties="nav remote-resources"')
valid_ resources-remote-font-svg-valid -- "${ALL_REMOTE[@]}" \
    --replace $O "$CSSI" "$CSSI_REMOTE" \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace EPUB/styles/book.css '/* Rules' '@font-face { font-family: r; src: url(https://example.com/f.svg); } /* Rules'
case_ resources-remote-font-svg-also-used-as-img-error ERROR RSC-006 $C -- \
    --replace $O "$CH1" "$CH1_REMOTE" \
    --replace $O "$ITEM" '<item id="rf" href="https://example.com/f.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $C '</head>' '<style>@font-face { font-family: r; src: url(https://example.com/f.svg); }</style></head>' \
    --replace $C "$FIN" "$FIN"'<p><img src="https://example.com/f.svg" alt="remote"/></p>'
case_ package-manifest-prop-switch-not-declared-error ERROR OPF-014 $C -- \
    --replace $C "$FIN" '<epub:switch id="s"><epub:case required-namespace="http://www.w3.org/1998/Math/MathML"><p>Fin.</p></epub:case><epub:default><p>Fin.</p></epub:default></epub:switch>'
valid_ spine-nonlinear-reachable-via-nav-valid -- \
    --replace $O '<itemref idref="titlepage"/>' '<itemref idref="titlepage" linear="no"/>'

# ---- more of 06-layouts ----
valid_ layout-pre-paginated-valid -- --replace $O '</metadata>' "$PP" \
    --replace $O '<itemref idref="nav"/>' '<itemref idref="nav" properties="rendition:layout-reflowable"/>' \
    --replace EPUB/text/cover.xhtml "$META" "$(vp 'width=600, height=800')" \
    --replace EPUB/text/titlepage.xhtml "$META" "$(vp 'width=600, height=800')" \
    --replace $C "$META" "$(vp 'width=600, height=800')" \
    --replace $D "$META" "$(vp 'width=600, height=800')"
case_ layout-pre-paginated-content-invalid-fxl-error ERROR HTM-047 $C -- --replace $O '</metadata>' "$PP" \
    --replace $O '<itemref idref="nav"/>' '<itemref idref="nav" properties="rendition:layout-reflowable"/>' \
    --replace EPUB/text/cover.xhtml "$META" "$(vp 'width=600, height=800')" \
    --replace EPUB/text/titlepage.xhtml "$META" "$(vp 'width=600, height=800')" \
    --replace $C "$META" "$(vp 'width=600, =800')" \
    --replace $D "$META" "$(vp 'width=600, height=800')"

# ---- more of 07-content-documents ----
valid_ content-xhtml-base-url-valid -- --replace $C '<meta charset="utf-8"/>' '<meta charset="utf-8"/><base href="ch001.xhtml"/>'
valid_ content-xhtml-link-to-local-file-escaped-valid -- \
    --replace $C "$FIN" '<p>Fin. <code>&lt;a href="file:///etc/passwd"&gt;</code></p>'
valid_ content-xhtml-mathml-altimg-valid -- \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="mathml"/>' \
    --replace $C "$FIN" "$FIN"'<math xmlns="http://www.w3.org/1998/Math/MathML" altimg="../images/939f40be7f.gif" alttext="x"><mi>x</mi></math>'
valid_ content-xhtml-svg-switch-valid -- \
    --replace $O "$CH1" '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="svg"/>' \
    --replace $C "$FIN" "$FIN"'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><switch><rect width="5" height="5"/></switch></svg>'
valid_ content-fxl-svg-no-viewbox-on-inner-svg-valid -- --add EPUB/page.svg \
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 10 10"><title>Page</title><svg width="5" height="5"><rect width="5" height="5"/></svg></svg>' \
    --replace $O "$ITEM" '<item id="page" href="page.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page" properties="rendition:layout-pre-paginated"/>'
case_ content-fxl-svg-no-viewbox-width-height-units-error ERROR HTM-048 EPUB/page.svg -- --add EPUB/page.svg \
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="10cm" height="10cm"><title>Page</title><rect width="5" height="5"/></svg>' \
    --replace $O "$ITEM" '<item id="page" href="page.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page" properties="rendition:layout-pre-paginated"/>'
case_ content-fxl-svg-no-viewbox-width-height-percent-error ERROR HTM-048 EPUB/page.svg -- --add EPUB/page.svg \
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="100%" height="100%"><title>Page</title><rect width="5" height="5"/></svg>' \
    --replace $O "$ITEM" '<item id="page" href="page.svg" media-type="image/svg+xml"/>'"$ITEM" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page" properties="rendition:layout-pre-paginated"/>'

# ---- B-external-identifiers/external-identifiers.feature ----
SVG11='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
valid_ xml-external-identifier-allowed-valid -- \
    --replace EPUB/images/6e81ec2bb7.svg '<svg' "$SVG11<svg"
# (The scenarios' books put the doctypes on the NCX; the same rule on an SVG.)
NCX=EPUB/toc.ncx
NCX_ROOT='<ncx xmlns='
valid_ xml-external-identifier-allowed-ncx-valid -- --replace $NCX "$NCX_ROOT" \
    '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">'"$NCX_ROOT"
case_ xml-external-identifier-bad-mediatype-error ERROR OPF-073 $NCX -- --replace $NCX "$NCX_ROOT" \
    "$SVG11$NCX_ROOT"
case_ xml-external-identifier-disallowed-error ERROR OPF-073 $NCX -- --replace $NCX "$NCX_ROOT" \
    '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://example.org/dtd">'"$NCX_ROOT"
G=EPUB/images/6e81ec2bb7.svg
case_ xml-external-identifier-bad-mediatype-svg-error ERROR OPF-073 $G -- --replace $G '<svg' \
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD MathML 3.0//EN" "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd"><svg'
case_ xml-external-identifier-disallowed-svg-error ERROR OPF-073 $G -- --replace $G '<svg' \
    '<!DOCTYPE svg PUBLIC "-//example//DTD X//EN" "http://example.com/x.dtd"><svg'

# ---- E-obsolete-features/outdated-features.feature ----
valid_ outdated-ocf-obfuscation-duplicate-valid -- --add EPUB/fonts/f.otf 'OTTO not a real font' \
    --replace $O "$ITEM" '<item id="f1" href="fonts/f.otf" media-type="font/otf"/>'"$ITEM" \
    --add META-INF/encryption.xml '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData Id="e1"><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="EPUB/fonts/f.otf"/></enc:CipherData></enc:EncryptedData><enc:EncryptedData Id="e2"><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="EPUB/fonts/f.otf"/></enc:CipherData></enc:EncryptedData></encryption>'
