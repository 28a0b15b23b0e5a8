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
