/* preview.h — octavo toc: the book `octavo build` would make, described
 * as text (title, authors, language, parts and chapters) without writing
 * anything. Its entry point, octavo_preview, is public: in octavo.h. */
#ifndef OCTAVO_PREVIEW_H
#define OCTAVO_PREVIEW_H

#include "octavo.h"

#endif
