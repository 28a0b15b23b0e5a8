# Fixed-layout XHTML: the viewport (w3c/epubcheck src/test/resources/epub3/
# 07-content-documents/content-documents-fixed-layout.feature and
# F-viewport-meta-tag/viewport-syntax.feature).
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
# (the syntax errors epubcheck-ts and 4.2.6 let through, EPUBCheck 5
# reports: test_check.c's viewport table)
viewport_ fxl-viewport-spaces VALID - '  width = 600 ;; height	=	800 '
viewport_ fxl-viewport-mixed-separators VALID - 'width=600, ;height=800'
viewport_ fxl-viewport-keywords VALID - 'width=device-width, height=device-height'
viewport_ fxl-viewport-float VALID - 'width=600.5, height=800.25'
viewport_ fxl-viewport-empty ERROR HTM-047 ''
viewport_ fxl-viewport-no-name ERROR HTM-047 'width=600, =800'
viewport_ fxl-viewport-units ERROR HTM-057 'width=600px, height=800px'
viewport_ fxl-viewport-duplicate ERROR HTM-059 'width=600, height=800, width=700'

# A pre-paginated spine item that is no content document: the fixed-layout
# page is the first one its manifest fallback chain reaches (EPUBCheck 5's
# 06-layouts/layouts.feature, layout-pre-paginated-*fallback*; neither
# 4.2.6 nor epubcheck-ts follows the chain, so the error is ours_).
plate_() {
    printf '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><head><meta charset="utf-8"/>%s<title>Plate</title></head><body><p>A plate.</p></body></html>\n' "$1"
}
make_jpeg 10 >plate.jpg
plate_ '<meta name="viewport" content="width=600, height=800"/>' >plate-fixed.xhtml
plate_ '' >plate-reflowable.xhtml
PLATE_ITEMS='<item id="plate-jpg" href="images/plate.jpg" media-type="image/jpeg" fallback="plate"/><item id="plate" href="text/plate.xhtml" media-type="application/xhtml+xml"/><item id="css"'
PLATE_OVERRIDE='<itemref idref="ch001"/><itemref idref="plate-jpg" properties="rendition:layout-pre-paginated"/>'
REFLOWABLE_REST=(--replace $O '</metadata>' '<meta property="rendition:layout">pre-paginated</meta></metadata>'
    --replace $O '<itemref idref="cover"/>' '<itemref idref="cover" properties="rendition:layout-reflowable"/>'
    --replace $O '<itemref idref="titlepage"/>' '<itemref idref="titlepage" properties="rendition:layout-reflowable"/>'
    --replace $O '<itemref idref="nav"/>' '<itemref idref="nav" properties="rendition:layout-reflowable"/>'
    --replace $O '<itemref idref="ch002"/>' '<itemref idref="ch002" properties="rendition:layout-reflowable"/>'
    --replace $O '<itemref idref="ch001"/>' '<itemref idref="ch001" properties="rendition:layout-reflowable"/><itemref idref="plate-jpg"/>')
valid_ layout-pre-paginated-fallback-valid -- \
    --add-file EPUB/images/plate.jpg plate.jpg --add-file EPUB/text/plate.xhtml plate-fixed.xhtml \
    --replace $O '<item id="css"' "$PLATE_ITEMS" "${REFLOWABLE_REST[@]}"
valid_ layout-pre-paginated-override-fallback-valid -- \
    --add-file EPUB/images/plate.jpg plate.jpg --add-file EPUB/text/plate.xhtml plate-fixed.xhtml \
    --replace $O '<item id="css"' "$PLATE_ITEMS" --replace $O '<itemref idref="ch001"/>' "$PLATE_OVERRIDE"
ours_ layout-pre-paginated-fallback-reflowable-error \
    'layout-pre-paginated-fallback-reflowable-error.epub: EPUB/text/plate.xhtml: ERROR HTM-046' -- \
    --add-file EPUB/images/plate.jpg plate.jpg --add-file EPUB/text/plate.xhtml plate-reflowable.xhtml \
    --replace $O '<item id="css"' "$PLATE_ITEMS" "${REFLOWABLE_REST[@]}"
ours_ layout-pre-paginated-override-fallback-reflowable-error \
    'layout-pre-paginated-override-fallback-reflowable-error.epub: EPUB/text/plate.xhtml: ERROR HTM-046' -- \
    --add-file EPUB/images/plate.jpg plate.jpg --add-file EPUB/text/plate.xhtml plate-reflowable.xhtml \
    --replace $O '<item id="css"' "$PLATE_ITEMS" --replace $O '<itemref idref="ch001"/>' "$PLATE_OVERRIDE"
# (a reflowable book's fallback page needs no viewport)
valid_ layout-reflowable-fallback-valid -- \
    --add-file EPUB/images/plate.jpg plate.jpg --add-file EPUB/text/plate.xhtml plate-reflowable.xhtml \
    --replace $O '<item id="css"' "$PLATE_ITEMS" --replace $O '<itemref idref="ch001"/>' '<itemref idref="ch001"/><itemref idref="plate-jpg"/>'
