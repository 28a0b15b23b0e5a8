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
