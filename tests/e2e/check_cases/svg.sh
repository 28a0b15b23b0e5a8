# SVG documents (w3c/epubcheck src/test/resources/epub3/
# 06-content-document/content-document-svg.feature and
# 07-content-documents/content-documents-fixed-layout.feature): read as
# streams, ids kept for the fragments that point into them.
G=EPUB/images/6e81ec2bb7.svg
RECT='<rect width="40" height="20" fill="green"/>'
case_ svg-not-well-formed ERROR RSC-016 $G -- --replace $G '</svg>' '</svgx>'
case_ svg-use-no-fragment ERROR RSC-015 $G -- --replace $G "$RECT" "<rect id=\"r\" width=\"40\" height=\"20\" fill=\"green\"/><use href=\"6e81ec2bb7.svg\"/>"
valid_ svg-use-fragment -- --replace $G "$RECT" "<rect id=\"r\" width=\"40\" height=\"20\" fill=\"green\"/><use href=\"#r\"/>"
case_ svg-id-duplicate ERROR RSC-005 $G -- --replace $G "$RECT" "<rect id=\"r\" width=\"4\" height=\"2\"/><rect id=\"r\" width=\"4\" height=\"2\"/>"
# An xml-stylesheet processing instruction links a style sheet (of type
# text/css, or none given) as a link element does: it must exist
# (EPUBCheck's OPSHandler.checkXMLStylesheetPI).
case_ svg-xml-stylesheet-missing ERROR RSC-007 $G -- --replace $G '<svg' '<?xml-stylesheet type="text/css" href="missing.css"?><svg'
valid_ svg-xml-stylesheet -- --replace $G '<svg' '<?xml-stylesheet href="../styles/book.css"?><svg'
valid_ svg-xml-stylesheet-other-type -- --replace $G '<svg' '<?xml-stylesheet type="text/xsl" href="../styles/book.css"?><svg'
case_ svg-fragment-missing ERROR RSC-012 $C -- --replace $C 'src="../images/6e81ec2bb7.svg"' 'src="../images/6e81ec2bb7.svg#nowhere"'
valid_ svg-fragment-found -- --replace $G "$RECT" "<rect id=\"r\" width=\"40\" height=\"20\" fill=\"green\"/>" \
    --replace $C 'src="../images/6e81ec2bb7.svg"' 'src="../images/6e81ec2bb7.svg#r"'

# A fixed-layout SVG spine item needs a viewBox (HTM-048)
SVG_PAGE='<item id="page" href="images/page.svg" media-type="image/svg+xml"/><item id="css"'
case_ svg-fxl-no-viewbox ERROR HTM-048 EPUB/images/page.svg -- \
    --add EPUB/images/page.svg '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><text x="10" y="20">Page</text></svg>' \
    --replace $O '<item id="css"' "$SVG_PAGE" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page" properties="rendition:layout-pre-paginated"/>'
valid_ svg-fxl-viewbox -- \
    --add EPUB/images/page.svg '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 800"><text x="10" y="20">Page</text></svg>' \
    --replace $O '<item id="css"' "$SVG_PAGE" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page" properties="rendition:layout-pre-paginated"/>'
valid_ svg-reflowable-no-viewbox -- \
    --add EPUB/images/page.svg '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><text x="10" y="20">Page</text></svg>' \
    --replace $O '<item id="css"' "$SVG_PAGE" \
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002"/><itemref idref="page"/>'

# EPUB's SVG schema (svg_schema.c): epub:type only on renderable elements,
# no other epub:* attribute, ids that are XML names, foreignObject holding
# XHTML flow content (standalone: or one body), title holding XHTML only.
SVG_HEAD='<svg xmlns="http://www.w3.org/2000/svg" xmlns:epub="http://www.idpf.org/2007/ops" xmlns:h="http://www.w3.org/1999/xhtml" width="40" height="20">'
case_ svg-epub-type-on-title ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<title epub:type=\"title\">T</title>$RECT</svg>"
case_ svg-epub-type-on-unknown ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<foo epub:type=\"tip\"/>$RECT</svg>"
valid_ svg-epub-type-renderable -- --delete $G \
    --add $G "$SVG_HEAD<g epub:type=\"tip\"><rect width=\"4\" height=\"2\" epub:type=\"tip\"/></g><text x=\"1\" y=\"9\" epub:type=\"tip\">OK</text></svg>"
case_ svg-epub-unknown-attribute ERROR RSC-005 $G -- --delete $G \
    --add $G "${SVG_HEAD/width=/epub:unknown=\"\" width=}$RECT</svg>"
case_ svg-id-not-xml-name ERROR RSC-005 $G -- --delete $G \
    --add $G "${SVG_HEAD/width=/id=\"1\" width=}$RECT</svg>"
FO='<switch><foreignObject width="5" height="5" requiredExtensions="http://example.org">'
FO_END="</foreignObject>$RECT</switch></svg>"
valid_ svg-foreign-object-body -- --delete $G --add $G "$SVG_HEAD$FO<h:body><h:p>Hi</h:p></h:body>$FO_END"
valid_ svg-foreign-object-flow -- --delete $G --add $G "$SVG_HEAD$FO<h:p>Hi</h:p> and <h:div>more</h:div>$FO_END"
case_ svg-foreign-object-two-bodies ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD$FO<h:body><h:p>Hi</h:p></h:body><h:body><h:p>Hi</h:p></h:body>$FO_END"
case_ svg-foreign-object-not-flow ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD$FO<h:title>T</h:title>$FO_END"
case_ svg-foreign-object-not-html ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD$FO<foo/>$FO_END"
valid_ svg-title-html -- --delete $G --add $G "$SVG_HEAD<title>T</title><g><title>some <h:span>mixed</h:span> text</title></g><g><title><h:h1>flow</h:h1></title></g><g><title><h:body>a body</h:body></title></g>$RECT</svg>"
case_ svg-title-foreign-namespace ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<g><title><n:x xmlns:n=\"https://example.org\">x</n:x></title></g>$RECT</svg>"
case_ svg-title-svg ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<g><title><h:body><svg><title>inner</title></svg></h:body></title></g>$RECT</svg>"

# The XHTML in them is checked as a page's: its attributes too (an href
# on a span is the scenarios' "HTML validation errors within title /
# foreignObject content").
case_ svg-title-html-attribute ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<title><h:span href=\"#x\">T</h:span></title>$RECT</svg>"
case_ svg-foreign-object-html-attribute ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD$FO<h:p>a <h:span href=\"#x\">b</h:span></h:p>$FO_END"
valid_ svg-foreign-object-html-global-attributes -- --delete $G \
    --add $G "$SVG_HEAD$FO<h:p>a <h:span title=\"t\" lang=\"en\" class=\"c\">b</h:span></h:p>$FO_END"

# The same schema for SVG in a page (where foreignObject holds no body).
INLINE_SVG='<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
SVG_PROP=(--replace $O 'href="text/ch001.xhtml" media-type="application/xhtml+xml"' 'href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="svg"')
XNS='xmlns="http://www.w3.org/1999/xhtml"'
valid_ svg-inline-schema -- "${SVG_PROP[@]}" --replace $C '<p>Fin.</p>' \
    "$INLINE_SVG<title>T</title><g epub:type=\"tip\">$RECT</g><switch><foreignObject width=\"5\" height=\"5\"><p $XNS>Hi</p></foreignObject>$RECT</switch></svg>"
case_ svg-inline-epub-type-on-title ERROR RSC-005 $C -- "${SVG_PROP[@]}" --replace $C '<p>Fin.</p>' \
    "$INLINE_SVG<title epub:type=\"title\">T</title>$RECT</svg>"
case_ svg-inline-title-html-attribute ERROR RSC-005 $C -- "${SVG_PROP[@]}" --replace $C '<p>Fin.</p>' \
    "$INLINE_SVG<title><span $XNS href=\"#x\">T</span></title>$RECT</svg>"
case_ svg-inline-foreign-object-body ERROR RSC-005 $C -- "${SVG_PROP[@]}" --replace $C '<p>Fin.</p>' \
    "$INLINE_SVG<switch><foreignObject width=\"5\" height=\"5\"><body $XNS><p>Hi</p></body></foreignObject>$RECT</switch></svg>"

# CSS in SVG: EPUBCheck 5 reads style elements (in any namespace) as a
# page's, but not SVG's style attributes; 4.2.6 and epubcheck-ts read no
# CSS in SVG, so these cases are octavo's alone (epubcheck5_).
epubcheck5_() { # epubcheck5_ NAME SEVERITY CODE PATH -- epub_edit operations
    local name=$1 severity=$2 code=$3 path=$4
    shift 5
    make_book "$name" "$@" || return
    local report
    report=$("$octavo" check "$name.epub")
    grep -Fq -- "$name.epub: $path" <<<"$report" && grep -Fq -- "$severity $code:" <<<"$report" ||
        fail "$name: no '$severity $code' finding at '$path' in: $report"
    echo "ok: $name ($severity $code, as EPUBCheck 5)"
}
epubcheck5_ svg-style-direction ERROR CSS-001 $G -- --delete $G \
    --add $G "$SVG_HEAD<style>text { direction: rtl }</style>$RECT</svg>"
epubcheck5_ svg-style-url-missing ERROR RSC-007 $G -- --delete $G \
    --add $G "$SVG_HEAD<style><![CDATA[rect { fill: url(missing.png) }]]></style>$RECT</svg>"
epubcheck5_ svg-style-syntax ERROR CSS-008 $G -- --delete $G \
    --add $G "$SVG_HEAD<style>rect { fill: green;</style>$RECT</svg>"
valid_ svg-style-no-type -- --delete $G \
    --add $G "$SVG_HEAD<style>rect { fill: green }</style>$RECT</svg>"
valid_ svg-style-attribute-not-read -- --delete $G \
    --add $G "$SVG_HEAD<rect width=\"4\" height=\"2\" style=\"direction: rtl\"/></svg>"

# What the schema leaves open: any file extension, unknown SVG elements
# (EPUBCheck 5: only a usage, RSC-025), ARIA and data-* attributes,
# elements of other namespaces, RDF metadata, links.
valid_ svg-file-extension-unusual -- --rename $G EPUB/images/logo.xml \
    --replace $O 'images/6e81ec2bb7.svg' 'images/logo.xml' \
    --replace $C '../images/6e81ec2bb7.svg' '../images/logo.xml'
valid_ svg-unknown-element -- --delete $G --add $G "$SVG_HEAD<foo/>$RECT</svg>"
valid_ svg-open-content -- --delete $G --add $G "${SVG_HEAD/width=/aria-label=\"logo\" data-x=\"1\" width=}<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\"/></rdf:RDF></metadata><c:thing xmlns:c=\"https://example.org/c\"/><a href=\"../text/ch002.xhtml\"><title>Next</title>$RECT</a></svg>"
# Text and a body in one title (4.2.6 and epubcheck-ts miss it).
epubcheck5_ svg-title-text-and-body ERROR RSC-005 $G -- --delete $G \
    --add $G "$SVG_HEAD<g><title>test <h:body>a body</h:body></title></g>$RECT</svg>"
