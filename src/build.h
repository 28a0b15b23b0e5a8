/* build.h — the whole pipeline behind `octavo build`:
 * sources -> understand -> arrange -> render -> package. Its options and
 * entry points are public, in octavo.h; these are the internal limits. */
#ifndef OCTAVO_BUILD_H
#define OCTAVO_BUILD_H

#include "buf.h"
#include "diag.h"
#include "octavo.h"

#include <stdbool.h>
#include <stddef.h>

/* Sources larger than this together are built with low_memory. */
#define OCTAVO_LOW_MEMORY_ABOVE ((size_t)8 * 1024 * 1024)
/* ...but a source larger than this is kept: it is understood whole, and
 * its chapters are rendered on every core only when kept. */
#define OCTAVO_LOW_MEMORY_SOURCE ((size_t)4 * 1024 * 1024)

#endif
