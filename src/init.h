/* init.h — octavo init: writes a book.yaml listing the chapters as octavo
 * finds them, to edit. Its entry point, octavo_init, is public: in
 * octavo.h. */
#ifndef OCTAVO_INIT_H
#define OCTAVO_INIT_H

#include "octavo.h"

#endif
