# XHTML content documents: the schema's rules for elements, attributes,
# ids and epub:switch (w3c/epubcheck src/test/resources/epub3/
# 06-content-document/content-document-xhtml.feature).
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
# Foreign metadata inside an inline SVG's metadata element (a Creative
# Commons work's dc:source) is allowed (07-content-documents: dc-source-valid).
valid_ dc-source-valid -- \
    --replace $O 'href="text/ch001.xhtml" media-type="application/xhtml+xml"' 'href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="svg"' \
    --replace $C '</body>' '<svg id="1" width="12cm" height="4cm" viewBox="0 0 1200 400" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cc="http://web.resource.org/cc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><desc>Example</desc><metadata><cc:Work><dc:source>https://example.com</dc:source></cc:Work></metadata></svg></body>'
