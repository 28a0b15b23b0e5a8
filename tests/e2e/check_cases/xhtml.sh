# XHTML content documents: their references (by kind) and the schema's
# rules for their elements and attributes (w3c/epubcheck
# src/test/resources/epub3/06-content-document/content-document-xhtml.feature
# and the 03-resources references it leans on).
CSS_LINK='href="../styles/book.css"'
SECOND='href="ch002.xhtml">the second'

# References, by what they refer to
case_ xhtml-link-to-css ERROR RSC-010 $C -- --replace $C "$SECOND" 'href="../styles/book.css">the second'
case_ xhtml-link-to-image ERROR RSC-010 $C -- --replace $C "$SECOND" 'href="../images/939f40be7f.gif">the second'
case_ xhtml-link-out-of-spine ERROR RSC-011 $C -- --replace $O '<itemref idref="ch002"/>' ''
case_ xhtml-stylesheet-fragment ERROR RSC-013 $C -- --replace $C "$CSS_LINK" 'href="../styles/book.css#x"'
case_ xhtml-image-fragment WARNING RSC-009 $C -- --replace $C 'src="../images/939f40be7f.gif"' \
    'src="../images/939f40be7f.gif#x"'
valid_ xhtml-svg-image-fragment -- --replace $C 'src="../images/6e81ec2bb7.svg"' 'src="../images/6e81ec2bb7.svg#svgView(viewBox(0,0,10,10))"'
case_ xhtml-url-query ERROR RSC-033 $C -- --replace $C "$SECOND" 'href="ch002.xhtml?x=1">the second'
valid_ xhtml-link-cfi -- --replace $C "$SECOND" 'href="ch002.xhtml#epubcfi(/4/2)">the second'

# Attribute values the schema lists
case_ xhtml-hidden-invalid ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p hidden="true">Fin.</p>'
valid_ xhtml-hidden-until-found -- --replace $C '<p>Fin.</p>' '<p hidden="until-found">Fin.</p>'
case_ xhtml-dir-invalid ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p dir="left">Fin.</p>'
valid_ xhtml-dir-auto -- --replace $C '<p>Fin.</p>' '<p dir="auto">Fin.</p>'
case_ xhtml-border-invalid ERROR RSC-005 $D -- --replace $D '<table>' '<table border="2">'
valid_ xhtml-border-one -- --replace $D '<table>' '<table border="1">'
valid_ xhtml-keywords-any-case -- --replace $C '<p>Fin.</p>' '<p hidden="HIDDEN" dir="RTL" translate="No">Fin.</p>'

# Elements: those XHTML has, where they may be, what they must have
case_ xhtml-unknown-element ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.<somebadxhtmlformatting/></p>'
case_ xhtml-obsolete-keygen ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.<keygen/></p>'
valid_ xhtml-custom-element -- --replace $C '<p>Fin.</p>' '<p>Fin.<my-element>x</my-element></p>'
case_ xhtml-time-in-time ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' \
    '<p><time datetime="2020-01-01">Jan <time datetime="2020-01-01">1</time></time></p>'
case_ xhtml-style-in-body ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<style>p{}</style><p>Fin.</p>'
case_ xhtml-area-outside-map ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.<area alt="x" href="ch002.xhtml"/></p>'
case_ xhtml-bdo-without-dir ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p><bdo>Fin.</bdo></p>'
case_ xhtml-epub-type-in-head ERROR RSC-005 $C -- --replace $C '<title>' '<title epub:type="title">'

# Attributes: obsolete, data-*, usemap, img src, roles
case_ xhtml-obsolete-pubdate ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p>Fin.<time pubdate="pubdate">now</time></p>'
case_ xhtml-obsolete-contextmenu ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p contextmenu="m">Fin.</p>'
case_ xhtml-aria-describedat ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-describedat="x">Fin.</p>'
case_ xhtml-data-attr-invalid ERROR HTM-061 $C -- --replace $C '<p>Fin.</p>' '<p data-Foo="1">Fin.</p>'
valid_ xhtml-data-attr -- --replace $C '<p>Fin.</p>' '<p data-foo-bar="1">Fin.</p>'
case_ xhtml-usemap-invalid ERROR RSC-005 $C -- --replace $C 'alt="pixel"' 'alt="pixel" usemap="map"'
case_ xhtml-img-src-empty ERROR RSC-005 $C -- --replace $C 'src="../images/939f40be7f.gif"' 'src=""'
case_ xhtml-role-deprecated WARNING RSC-017 $C -- --replace $C '<p>Fin.</p>' '<ul><li role="doc-endnote">Fin.</li></ul>'

# The page as a whole: ids, references by id, languages, title
case_ xhtml-id-duplicate ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p id="title">Fin.</p>'
case_ xhtml-idref-missing ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-describedby="nowhere">Fin.</p>'
valid_ xhtml-idref-found -- --replace $C '<p>Fin.</p>' '<p aria-describedby="title the-end">Fin.</p>'
case_ xhtml-lang-mismatch ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p lang="fr" xml:lang="de">Fin.</p>'
valid_ xhtml-lang-case -- --replace $C '<p>Fin.</p>' '<p lang="fr-CA" xml:lang="fr-ca">Fin.</p>'
case_ xhtml-title-missing WARNING RSC-017 $C -- --replace $C '<title>图文并茂</title>' ''
case_ xhtml-trigger-deprecated WARNING RSC-017 $C -- --replace $C '<p>Fin.</p>' \
    '<p id="fin">Fin.</p><epub:trigger xmlns:ev="http://www.w3.org/2001/xml-events" action="show" ref="fin" ev:observer="fin" ev:event="click"/>'

# Fixed layout: the viewport's syntax (EPUB 3.3 D.1; F-viewport-meta-tag),
# its width and height once each
FXL='<itemref idref="ch001" properties="rendition:layout-pre-paginated"/>'
viewport_() {
    local name=$1 severity=$2 code=$3 content=$4
    if [ "$severity" = VALID ]; then
        valid_ "$name" -- --replace $O '<itemref idref="ch001"/>' "$FXL" \
            --replace $C '<meta charset="utf-8"/>' "<meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"$content\"/>"
    else
        case_ "$name" "$severity" "$code" $C -- --replace $O '<itemref idref="ch001"/>' "$FXL" \
            --replace $C '<meta charset="utf-8"/>' "<meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"$content\"/>"
    fi
}
viewport_ fxl-viewport-spaces VALID - '  width = 600 ;; height	=	800 '
viewport_ fxl-viewport-mixed-separators VALID - 'width=600, ;height=800'
viewport_ fxl-viewport-space-separated VALID - 'width=600   height=800'
viewport_ fxl-viewport-keywords VALID - 'width=device-width, height=device-height'
viewport_ fxl-viewport-float VALID - 'width=600.5, height=800.25'
viewport_ fxl-viewport-empty ERROR HTM-047 ''
viewport_ fxl-viewport-leading-separator ERROR HTM-047 ',width=600, height=800'
viewport_ fxl-viewport-trailing-separator ERROR HTM-047 'width=600, height=800;'
viewport_ fxl-viewport-double-assign ERROR HTM-047 'width==600, height=800'
viewport_ fxl-viewport-value-assign ERROR HTM-047 'width=600=700, height=800'
viewport_ fxl-viewport-no-value ERROR HTM-047 'width, height=800'
viewport_ fxl-viewport-no-name ERROR HTM-047 'width=600, =800'
viewport_ fxl-viewport-units ERROR HTM-057 'width=600px, height=800px'
viewport_ fxl-viewport-duplicate ERROR HTM-059 'width=600, height=800, width=700'

# epub:switch (deprecated: RSC-017), still held to epub:case+ epub:default
SWITCHED='<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="switch"/>'
switch_() {
    local name=$1 severity=$2 code=$3 inner=$4
    case_ "$name" "$severity" "$code" $C -- \
        --replace $O '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml"/>' "$SWITCHED" \
        --replace $C '<p>Fin.</p>' "<epub:switch id=\"s\">$inner</epub:switch>"
}
CASE='<epub:case required-namespace="http://www.w3.org/1998/Math/MathML"><p>Fin.</p></epub:case>'
DEFAULT='<epub:default><p>Fin.</p></epub:default>'
switch_ xhtml-switch-deprecated WARNING RSC-017 "$CASE$DEFAULT"
switch_ xhtml-switch-default-first ERROR RSC-005 "$DEFAULT$CASE"
switch_ xhtml-switch-two-defaults ERROR RSC-005 "$CASE$DEFAULT$DEFAULT"
switch_ xhtml-switch-no-case ERROR RSC-005 "$DEFAULT"
switch_ xhtml-switch-no-default ERROR RSC-005 "$CASE"
switch_ xhtml-switch-case-no-namespace ERROR RSC-005 '<epub:case><p>Fin.</p></epub:case>'"$DEFAULT"
