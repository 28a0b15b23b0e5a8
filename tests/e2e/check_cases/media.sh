# Media overlays (EPUB 3.3 section 9; epubcheck's
# 09-media-overlays/media-overlays.feature and D-vocabularies/
# media-overlays*.feature): the SMIL documents, the manifest's
# media-overlay attributes and the media:* metadata.
#
# The good book with an overlay for its first chapter: one par, whose
# text is the chapter's title and whose audio is a tiny MP3 (one frame
# header and silence, made here: no binary in the repository).
printf '\377\373\220\144' >tiny.mp3
head -c 413 /dev/zero >>tiny.mp3

# smil BODY: an overlay document with that body (in the SMIL namespace,
# epub declared).
smil() {
    printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">' \
        "$1" '</smil>'
}
T='<text src="../text/ch001.xhtml#title"/>'
A='<audio src="../audio/a.mp3" clipBegin="0s" clipEnd="0.02s"/>'
PAR="<par id=\"p1\">$T$A</par>"
GOOD=$(smil "<body>$PAR</body>")
MO=EPUB/overlays/ch001.smil
ITEM_C='href="text/ch001.xhtml" media-type="application/xhtml+xml"'
ITEM_D='href="text/ch002.xhtml" media-type="application/xhtml+xml"'
DUR='<meta property="media:duration">0:00:00.020</meta><meta property="media:duration" refines="#mo1">0:00:00.020</meta>'
# with_mo SMIL [EXTRA-ITEMS [METADATA]]: the epub_edit operations adding
# the audio, the overlay (text SMIL) and their items and durations.
with_mo() {
    local meta=${3-$DUR}
    ops=(--add-file EPUB/audio/a.mp3 tiny.mp3 --add $MO "$1"
        --replace $O "$ITEM_C" "$ITEM_C media-overlay=\"mo1\""
        --replace $O '</manifest>' "<item id=\"mo1\" href=\"overlays/ch001.smil\" media-type=\"application/smil+xml\"/><item id=\"a1\" href=\"audio/a.mp3\" media-type=\"audio/mpeg\"/>${2-}</manifest>"
        --replace $O '</metadata>' "$meta</metadata>")
}

with_mo "$GOOD"
valid_ mo-minimal -- "${ops[@]}"
# (an overlay may have any extension)
valid_ mo-file-extension-unusual -- "${ops[@]}" --rename $MO EPUB/overlays/ch001.xml \
    --replace $O 'overlays/ch001.smil' 'overlays/ch001.xml'
with_mo "$(smil "<body><par><text src=\"../text/ch001.xhtml\"/>$A</par></body>")"
valid_ mo-textref-no-fragment -- "${ops[@]}"

# 9.2.2.2-3 head and metadata
with_mo "$(smil "<head><meta name=\"x\" content=\"y\"/></head><body>$PAR</body>")"
case_ mo-head-meta ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<head><metadata><dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Me</dc:creator></metadata></head><body>$PAR</body>")"
valid_ mo-metadata-properties -- "${ops[@]}"
with_mo "$(smil "<body>$PAR</body>" | sed 's/ version="3.0"//')"
case_ mo-smil-no-version ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body>$PAR</body>" | sed 's/version="3.0"/version="2.0"/')"
case_ mo-smil-version-2 ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body>$PAR</body>" | sed 's|xmlns="http://www.w3.org/ns/SMIL"||')"
case_ mo-smil-no-namespace ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body></body>")"
case_ mo-body-empty ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par id=\"x\">$T$A</par><par id=\"x\">$T$A</par></body>")"
case_ mo-duplicate-id ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par foo=\"1\">$T$A</par></body>")"
case_ mo-attribute-unknown ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par>hello $T$A</par></body>")"
case_ mo-text-in-par ERROR RSC-005 $MO -- "${ops[@]}"

# 9.2.2.5-6 seq and par
with_mo "$(smil "<body><seq epub:textref=\"../text/ch001.xhtml\">$T$A</seq></body>")"
case_ mo-seq-media-children ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><seq epub:textref=\"../text/ch001.xhtml\" epub:type=\"chapter\">$PAR</seq></body>")"
valid_ mo-seq-nested -- "${ops[@]}"
with_mo "$(smil "<body><par>$T$T$A</par></body>")"
case_ mo-par-two-texts ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par>$T<seq epub:textref=\"../text/ch001.xhtml\">$PAR</seq></par></body>")"
case_ mo-par-seq-child ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par>$A</par></body>")"
case_ mo-par-no-text ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par>$A$T</par></body>")"
valid_ mo-par-audio-first -- "${ops[@]}"

# 9.2.2.8 audio: src without a fragment, of a core type; clock values
with_mo "$(smil "<body><par>$T<audio src=\"../audio/a.mp3#t=0\" clipEnd=\"0.02s\"/></par></body>")"
case_ mo-audio-src-fragment ERROR MED-014 $MO -- "${ops[@]}"
clips() {
    local out="" b e
    for b in "$@"; do
        e=${b#*|}
        b=${b%%|*}
        out+="<par>$T<audio src=\"../audio/a.mp3\" clipBegin=\"$b\" clipEnd=\"$e\"/></par>"
    done
    smil "<body>$out</body>"
}
with_mo "$(clips '0:00:00.000|0:00:00.020' '00:00:00|123:59:59.5' '0:00:01|1:00:00')"
valid_ mo-clock-full -- "${ops[@]}"
with_mo "$(clips '00:00.000|00:00.020' '00:00|59:59.99')"
valid_ mo-clock-partial -- "${ops[@]}"
with_mo "$(clips '0h|1h' '0.5min|2min' '10s|10.5s' '0ms|20ms' '0|0.02')"
valid_ mo-clock-timecount -- "${ops[@]}"
with_mo "$(clips '0:0:0|1s' '00:60.0|1h')"
case_ mo-clock-invalid ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(clips '1s|5min|' '0s|1sec')"
case_ mo-clock-invalid-unit ERROR RSC-005 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par>$T<audio src=\"../audio/a.mp3\" clipBegin=\"1s\"/></par></body>")"
valid_ mo-clip-begin-only -- "${ops[@]}"
with_mo "$(clips '2s|1s')"
case_ mo-clip-begin-after-end ERROR MED-008 $MO -- "${ops[@]}"
with_mo "$(clips '1s|00:01')"
case_ mo-clip-times-equal ERROR MED-009 $MO -- "${ops[@]}"
with_mo "$GOOD"
case_ mo-audio-non-core ERROR MED-005 $MO -- "${ops[@]}" \
    --replace $O 'media-type="audio/mpeg"' 'media-type="audio/x-wav"'
case_ mo-audio-missing ERROR RSC-007 $MO -- "${ops[@]}" --delete EPUB/audio/a.mp3 \
    --replace $O '<item id="a1" href="audio/a.mp3" media-type="audio/mpeg"/>' ''
case_ mo-audio-unlisted ERROR RSC-008 $MO -- "${ops[@]}" \
    --replace $O '<item id="a1" href="audio/a.mp3" media-type="audio/mpeg"/>' ''
with_mo "$(smil "<body><par>$T<audio src=\"https://example.org/a.mp3\"/></par></body>")"
case_ mo-audio-remote-undeclared ERROR OPF-014 $O -- "${ops[@]}"
with_mo "$GOOD"
case_ mo-text-missing ERROR RSC-007 $MO -- "${ops[@]}" --replace $MO 'ch001.xhtml#' 'ch009.xhtml#'

# 9.3.2.2 fragments
case_ mo-text-fragment-unresolved ERROR RSC-012 $MO -- "${ops[@]}" --replace $MO '#title' '#nowhere'
case_ mo-text-fragment-scheme WARNING MED-017 $MO -- "${ops[@]}" \
    --replace $MO '#title' "#xpointer(id('title'))"
# (SVG: an id or svgView(), not a media fragment)
SVG_TEXT='<par><text src="../images/cover.svg#svgView(viewBox(0,0,10,10))"/><audio src="../audio/a.mp3"/></par>'
with_mo "$(smil "<body>$PAR$SVG_TEXT</body>")"
ops+=(--replace $O 'properties="cover-image"' 'properties="cover-image" media-overlay="mo1"')
valid_ mo-text-svg-viewbox -- "${ops[@]}"
case_ mo-text-svg-fragment-invalid WARNING MED-018 $MO -- "${ops[@]}" \
    --replace $MO '#svgView(viewBox(0,0,10,10))' '#box=0,0,5,5'

# 9.3.3 epub:type
with_mo "$(smil "<body><par epub:type=\"my:thing\">$T$A</par></body>")"
case_ mo-epubtype-prefix-undeclared ERROR OPF-028 $MO -- "${ops[@]}"
with_mo "$(smil "<body><par epub:type=\"my:thing\">$T$A</par></body>" |
    sed 's|version="3.0"|version="3.0" epub:prefix="my: http://example.org/my#"|')"
valid_ mo-epubtype-prefix-declared -- "${ops[@]}"
with_mo "$(smil "<body><par epub:type=\"footnote\">$T$A</par></body>")"
valid_ mo-epubtype-default -- "${ops[@]}"

# 9.3.5.1 the package's media-overlay attributes and the overlays' text
with_mo "$GOOD"
case_ mo-missing-attribute ERROR MED-010 $O -- "${ops[@]}" \
    --replace $O 'media-type="application/xhtml+xml" media-overlay="mo1"' \
    'media-type="application/xhtml+xml"'
case_ mo-multiple-overlays ERROR MED-011 $O -- "${ops[@]}" \
    --add EPUB/overlays/two.smil "$GOOD" \
    --replace $O '</manifest>' '<item id="mo2" href="overlays/two.smil" media-type="application/smil+xml"/></manifest>' \
    --replace $O "$ITEM_D" "$ITEM_D media-overlay=\"mo2\"" \
    --replace $O '</metadata>' '<meta property="media:duration" refines="#mo2">0:00:00</meta></metadata>'
case_ mo-incorrect-overlay-ref ERROR MED-012 $O -- "${ops[@]}" \
    --add EPUB/overlays/two.smil "$(smil "<body><par><text src=\"../text/ch002.xhtml\"/>$A</par></body>")" \
    --replace $O '<item id="mo1"' '<item id="mo2" href="overlays/two.smil" media-type="application/smil+xml"/><item id="mo1"' \
    --replace $O "$ITEM_D" "$ITEM_D media-overlay=\"mo1\"" \
    --replace $O '</metadata>' '<meta property="media:duration" refines="#mo2">0:00:00</meta></metadata>'
case_ mo-no-overlay-ref ERROR MED-013 $O -- "${ops[@]}" \
    --replace $O "$ITEM_D" "$ITEM_D media-overlay=\"mo1\""
case_ mo-type-invalid ERROR RSC-005 $O -- "${ops[@]}" \
    --replace $O "$ITEM_D" "$ITEM_D media-overlay=\"a1\""
case_ mo-non-content-doc ERROR RSC-005 $O -- "${ops[@]}" \
    --replace $O 'media-type="text/css"' 'media-type="text/css" media-overlay="mo1"'

# 9.3.5.2 and D.8 the metadata
with_mo "$GOOD" '' '<meta property="media:duration" refines="#mo1">0:00:00.020</meta>'
case_ mo-duration-global-missing ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' '<meta property="media:duration">0:00:00.020</meta>'
case_ mo-duration-item-missing ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' '<meta property="media:duration">0:00:10</meta><meta property="media:duration" refines="#mo1">0:00:00.020</meta>'
case_ mo-duration-not-sum WARNING MED-016 $O -- "${ops[@]}"
with_mo "$GOOD" '' '<meta property="media:duration">0:00:00.9</meta><meta property="media:duration" refines="#mo1">0:00:00.020</meta>'
valid_ mo-duration-within-tolerance -- "${ops[@]}"
with_mo "$GOOD" '' '<meta property="media:duration">20ms</meta><meta property="media:duration" refines="#mo1">0.02s</meta>'
valid_ mo-duration-timecount -- "${ops[@]}"
with_mo "$GOOD" '' '<meta property="media:duration">0:00:00.020</meta><meta property="media:duration" refines="#mo1">twenty ms</meta>'
case_ mo-duration-not-clock ERROR RSC-005 $O -- "${ops[@]}"

ACTIVE='<meta property="media:active-class">-epub-media-overlay-active</meta>'
with_mo "$GOOD" '' "$DUR$ACTIVE<meta property=\"media:playback-active-class\">-epub-media-overlay-playing</meta>"
valid_ mo-active-class -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:active-class\" refines=\"#mo1\">active</meta>"
case_ mo-active-class-refines ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:playback-active-class\" refines=\"#mo1\">playing</meta>"
case_ mo-playback-active-class-refines ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:active-class\">one two</meta>"
case_ mo-active-class-two-names ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:playback-active-class\">one two</meta>"
case_ mo-playback-active-class-two-names ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR$ACTIVE$ACTIVE"
case_ mo-active-class-twice ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:playback-active-class\">a</meta><meta property=\"media:playback-active-class\">b</meta>"
case_ mo-playback-active-class-twice ERROR RSC-005 $O -- "${ops[@]}"
with_mo "$GOOD" '' "$DUR<meta property=\"media:narrator\">Someone</meta>"
valid_ mo-narrator -- "${ops[@]}"

# ---- core audio types (03-resources: resources-cmt-audio-*-valid) ----
# octavo reads no audio, so any bytes will do; the media types are core,
# Opus's as the scenario writes it, with parameters and spaces.
CH_FIN='<p>Fin.</p>'
valid_ resources-cmt-audio-mp4-valid -- --add EPUB/audio/a.mp4 'not really an MP4' \
    --replace $O '<item id="css"' '<item id="mp4" href="audio/a.mp4" media-type="audio/mp4"/><item id="css"' \
    --replace $C "$CH_FIN" "$CH_FIN"'<audio src="../audio/a.mp4" controls="controls">audio</audio>'
valid_ resources-cmt-audio-opus-valid -- --add EPUB/audio/a.opus 'not really Opus' \
    --replace $O '<item id="css"' '<item id="opus" href="audio/a.opus" media-type="audio/ogg ;  codecs=opus"/><item id="css"' \
    --replace $C "$CH_FIN" "$CH_FIN"'<audio controls="controls"><source src="../audio/a.opus" type="audio/ogg; codecs=opus"/></audio>'
