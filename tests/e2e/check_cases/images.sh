# Bitmap images of the core types, as EPUBCheck's BitmapChecker reads
# them (w3c/epubcheck src/test/resources/epub3/03-resources/
# resources.feature: resources-cmt-image-*): a head too short to say the
# type (MED-004, PKG-021), a name of another type (PKG-022), no frame
# header to give the size (PKG-021), and JPEGs whose frame header comes
# late or after fill bytes, which are whole.

JPG_ITEM='<item id="p" href="images/p.jpg" media-type="image/jpeg"/><item id="css"'
make_jpeg 6000 >late-frame.jpg
make_jpeg 6000 5000 >cut.jpg
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9' >no-frame.jpg

valid_ image-jpeg-late-frame -- --add-file EPUB/images/p.jpg late-frame.jpg \
    --replace $O '<item id="css"' "$JPG_ITEM"
case_ image-jpeg-cut ERROR PKG-021 EPUB/images/p.jpg -- --add-file EPUB/images/p.jpg cut.jpg \
    --replace $O '<item id="css"' "$JPG_ITEM"
case_ image-jpeg-no-frame ERROR PKG-021 EPUB/images/p.jpg -- \
    --add-file EPUB/images/p.jpg no-frame.jpg --replace $O '<item id="css"' "$JPG_ITEM"
# (resources-cmt-image-corrupt-error: both codes)
SHORT_ITEM='<item id="p" href="images/p.png" media-type="image/png"/><item id="css"'
case_ image-short-header ERROR MED-004 EPUB/images/p.png -- --add EPUB/images/p.png 'PN' \
    --replace $O '<item id="css"' "$SHORT_ITEM"
case_ image-short-corrupt ERROR PKG-021 EPUB/images/p.png -- --add EPUB/images/p.png 'PN' \
    --replace $O '<item id="css"' "$SHORT_ITEM"
# (resources-cmt-image-wrong-extension-warning: a GIF named .png)
"$edit" good.epub print.epub --print EPUB/images/939f40be7f.gif >pixel.gif
gif_named_() {
    local name=$1 severity=$2 file=$3
    local ops=(--add-file "EPUB/images/$file" pixel.gif --replace $O '<item id="css"'
        "<item id=\"g\" href=\"images/$file\" media-type=\"image/gif\"/><item id=\"css\"")
    if [ "$severity" = VALID ]; then
        valid_ "$name" -- "${ops[@]}"
    else
        case_ "$name" "$severity" PKG-022 "EPUB/images/$file" -- "${ops[@]}"
    fi
}
gif_named_ image-wrong-extension WARNING g.png
gif_named_ image-extension-upper-case VALID g.GIF

# Core media types a page uses are valid as they are
# (resources-cmt-image-jpg-valid, -webp-valid, resources-cmt-font-svg-valid).
FIN='<p>Fin.</p>'
make_jpeg 10 >small.jpg
valid_ resources-cmt-image-jpg-valid -- --add-file EPUB/images/p.jpg small.jpg \
    --replace $O '<item id="css"' "$JPG_ITEM" \
    --replace $C "$FIN" "$FIN"'<p><img src="../images/p.jpg" alt="a grey square"/></p>'
# A 1x1 lossless WebP (webpinfo: no error detected).
printf 'RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00' >pixel.webp
valid_ resources-cmt-image-webp-valid -- --add-file EPUB/images/p.webp pixel.webp \
    --replace $O '<item id="css"' '<item id="p" href="images/p.webp" media-type="image/webp"/><item id="css"' \
    --replace $C "$FIN" "$FIN"'<p><img src="../images/p.webp" alt="a pixel"/></p>'
# An SVG font (image/svg+xml, a core media type) from a page's @font-face.
SVG_FONT='<svg xmlns="http://www.w3.org/2000/svg"><defs><font id="font" horiz-adv-x="500"><font-face font-family="Super Sans" units-per-em="1000"/><missing-glyph horiz-adv-x="500"/><glyph unicode="a" horiz-adv-x="500" d="M0 0h500v500h-500z"/></font></defs></svg>'
valid_ resources-cmt-font-svg-valid -- --add EPUB/fonts/font.svg "$SVG_FONT" \
    --replace $O '<item id="css"' '<item id="font" href="fonts/font.svg" media-type="image/svg+xml"/><item id="css"' \
    --replace $C '</head>' '<style>@font-face { font-family: "Super Sans"; src: url("../fonts/font.svg#font") format("svg"); }</style></head>'
