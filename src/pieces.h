/* pieces.h — large chapters cut into pages of a size old reading systems
 * take. */
#ifndef OCTAVO_PIECES_H
#define OCTAVO_PIECES_H

#include "document.h"

#include <stddef.h>

/* Old reading systems stall on large XHTML files or refuse them (Adobe's
 * RMSDK above about 300 KB): the most text one page gets, as estimated
 * from the tree, with room for the markup. */
#define OCTAVO_PIECE_BYTES ((size_t)200 * 1024)

/* Cuts every chapter of `book` from `first` on whose page would be larger
 * than OCTAVO_PIECE_BYTES into pieces (chapters with `piece` set, right
 * after it) between its top-level blocks, before a heading where one
 * comes late enough; a chapter with footnotes is not cut, as its notes
 * are at its end. The chapters' sections must be found (each heading's
 * user data is its section); each piece gets those its page holds, and
 * the last the signature. */
void octavo_cut_large_chapters(octavo_book *book, size_t first);

#endif
