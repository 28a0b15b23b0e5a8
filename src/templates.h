/* templates.h — the files in templates/, compiled into the library by
 * templates/embed.cmake. Each is NUL-terminated; _len excludes the NUL. */
#ifndef OCTAVO_TEMPLATES_H
#define OCTAVO_TEMPLATES_H

#include <stddef.h>

extern const unsigned char octavo_template_book_css[];
extern const size_t octavo_template_book_css_len;
extern const unsigned char octavo_template_plain_css[];
extern const size_t octavo_template_plain_css_len;
extern const unsigned char octavo_template_common_css[];
extern const size_t octavo_template_common_css_len;
extern const unsigned char octavo_template_vertical_css[];
extern const size_t octavo_template_vertical_css_len;
extern const unsigned char octavo_template_container_xml[];
extern const size_t octavo_template_container_xml_len;

#endif
