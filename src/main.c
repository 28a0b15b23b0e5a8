/* octavo — command line. Parses arguments, calls the library, prints what
 * it reports. Nothing else happens here. */
#include "buf.h"
#include "build.h"
#include "check.h"
#include "convert.h"
#include "diag.h"
#include "encoding.h"
#include "lang.h"
#include "mem.h"
#include "nav.h"
#include "style.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef OCTAVO_VERSION
#define OCTAVO_VERSION "0.0.0"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
    "Usage: octavo <command> [options]\n"
    "\n"
    "Turns a folder of Markdown or plain-text articles into an EPUB 3 book.\n"
    "\n"
    "Commands:\n"
    "  build [SOURCE...]   make a book from folders or files\n"
    "  toc [SOURCE...]     show the book that build would make, without making it\n"
    "  init [FOLDER]       write FOLDER/book.yaml listing the chapters found, to edit\n"
    "  check BOOK.epub...  check EPUBs (from octavo or any other tool) as epubcheck does\n"
    "\n"
    "Options:\n"
    "  -h, --help          show this help (octavo build --help for build options)\n"
    "  -V, --version       show the version\n";

static const char usage_build[] =
    "Usage: octavo build [options] [SOURCE...]\n"
    "\n"
    "Makes one EPUB 3 book. Each SOURCE is a folder (its .md, .markdown and .txt\n"
    "files, in natural name order: 2.md before 10.md) or a file (in the order\n"
    "given). No SOURCE means the current folder. One chapter per file. A folder's\n"
    "book.yaml or SUMMARY.md sets the order, titles and parts.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     where to write the book (default: <folder>.epub)\n"
    "      --config FILE     read the book's metadata and chapter order from FILE\n"
    "                        (default: the folder's book.yaml, else its SUMMARY.md)\n"
    "      --title TEXT      book title (default: the first chapter's title)\n"
    "      --author NAME     an author; repeat for several (default: authors in\n"
    "                        front matter)\n"
    "      --lang TAG        BCP 47 language, e.g. zh-Hans, zh-Hant, en\n"
    "                        (default: detected from the text)\n"
    "      --identifier ID   unique identifier, e.g. urn:isbn:9780000000000\n"
    "                        (default: a UUID derived from title and authors)\n"
    "      --toc-depth N     heading levels in the table of contents, 1-6 (default 2)\n"
    "      --cover IMAGE     the cover (PNG, JPEG, GIF or SVG); default: book.yaml's\n"
    "                        cover, else one made from the title and authors\n"
    "      --no-cover        no made cover when none is given\n"
    "      --compression N   deflate level 1-9 (default 6; 1 is faster, 9 barely smaller)\n"
    "  -j, --jobs N          cores to use, 1-64 (default: all; the book is the same)\n"
    "      --low-memory      read each chapter again to render it rather than keep\n"
    "                        them all in memory (automatic above 8 MB of sources;\n"
    "                        the book is the same)\n"
    "      --no-check        do not check the finished book (as octavo check does)\n"
    "                        before writing it\n"
    "      --epubcheck       also run epubcheck on the book (java -jar\n"
    "                        /usr/bin/epubcheck, or the command in OCTAVO_EPUBCHECK)\n"
    "                        and tell its findings at the source file and line\n"
    "      --encoding NAME   read every file as NAME (e.g. GBK, BIG5, UTF-16) instead\n"
    "                        of detecting it (book.yaml: 'encoding:' per chapter)\n"
    "      --format FORMAT   read files as markdown or plain text instead of deciding\n"
    "                        by content; FILE=FORMAT for one file; repeatable\n"
    "      --theme NAME      the look: book (indented serif paragraphs, the default)\n"
    "                        or plain (spaced sans-serif paragraphs)\n"
    "      --css FILE        append FILE to the book's stylesheet\n"
    "      --vertical        vertical right-to-left writing, pages turning left\n"
    "      --convert HOW     Simplified/Traditional conversion with OpenCC: s2t, t2s,\n"
    "                        s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk,\n"
    "                        hk2t (text, titles, toc and metadata; not code)\n"
    "      --font FILE[:N]   embed a TrueType/OpenType font (face N of a .ttc) for the\n"
    "                        body text, subset to the characters the book uses\n"
    "      --captions        give an image alone in a paragraph its title (or its\n"
    "                        description) as a caption\n"
    "      --strict          treat every warning as an error: no book is written\n"
    "  -q, --quiet           print errors only\n"
    "  -v, --verbose         tell what was found: files, formats, titles, languages\n"
    "  -h, --help            show this help\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, fixes the book's modification time; otherwise\n"
    "the newest source file's time is used, so unchanged sources rebuild to the\n"
    "same bytes.\n";

static const char usage_toc[] =
    "Usage: octavo toc [options] [SOURCE...]\n"
    "\n"
    "Shows the book octavo build would make from the same SOURCE and options:\n"
    "title, authors, language, then parts and chapters with their titles, source\n"
    "files, languages and lengths. Nothing is written. Takes the options of\n"
    "octavo build (see octavo build --help).\n";

static const char usage_init[] =
    "Usage: octavo init [options] [FOLDER]\n"
    "\n"
    "Writes FOLDER/book.yaml (default: the current folder) listing the chapters\n"
    "octavo finds, in their current order, with their titles and languages. Move\n"
    "lines to reorder, edit titles, delete a chapter to leave it out; octavo build\n"
    "then follows it. Takes the options of octavo build, and:\n"
    "      --force           replace an existing book.yaml\n";

typedef enum verbosity { QUIET, NORMAL, VERBOSE } verbosity;

/* Prints a line (and a newline) to `f`, with what a terminal would act on
 * made visible (octavo_printable): names and titles come from the folder
 * or the book being checked, and must not forge or hide lines. */
__attribute__((format(printf, 2, 3))) static void print_line(FILE *f, const char *fmt, ...)
{
    octavo_buf line = OCTAVO_BUF_INIT, safe = OCTAVO_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    octavo_buf_vprintf(&line, fmt, ap);
    va_end(ap);
    octavo_printable(octavo_buf_cstr(&line), false, &safe);
    fprintf(f, "%s\n", octavo_buf_cstr(&safe));
    octavo_buf_free(&line);
    octavo_buf_free(&safe);
}

static void print_diags(const octavo_diags *d, verbosity v)
{
    octavo_buf line = OCTAVO_BUF_INIT;
    for (size_t i = 0; i < d->count; i++) {
        const octavo_diag *diag = &d->items[i];
        if ((diag->severity == OCTAVO_INFO && v < VERBOSE) ||
            (diag->severity == OCTAVO_WARNING && v < NORMAL))
            continue;
        octavo_buf_clear(&line);
        octavo_diag_format(diag, &line);
        print_line(stderr, "%s", octavo_buf_cstr(&line));
    }
    size_t hidden = d->dropped[OCTAVO_ERROR] + (v >= NORMAL ? d->dropped[OCTAVO_WARNING] : 0) +
                    (v >= VERBOSE ? d->dropped[OCTAVO_INFO] : 0);
    if (hidden)
        fprintf(stderr, "octavo: %zu more messages like these not shown\n", hidden);
    octavo_buf_free(&line);
}

/* Prints "octavo: <problem> '<arg>'<detail>" and the hint; returns 2. */
static int usage_error(const char *problem, const char *arg, const char *detail)
{
    print_line(stderr, "octavo: %s '%s'%s", problem, arg, detail);
    fputs("Try 'octavo build --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Text for the book's metadata from the command line (--title, --author,
 * --identifier): it must be UTF-8 that XML can hold, and not blank. */
static bool metadata_text_ok(const char *option, const char *text, int *status)
{
    size_t len = strlen(text);
    bool blank = (octavo_trim_space(text, &len), len == 0);
    if (octavo_xml_needs_cleaning(text))
        *status = usage_error(option, text, " holds a control character or is not UTF-8 text");
    else if (blank)
        *status = usage_error(option, text, " is empty");
    return *status == 0;
}

static bool parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static int source_date_epoch(long long *out)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    *out = -1;
    if (!env || !*env)
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (errno || *end || v < 0) {
        print_line(stderr, "octavo: SOURCE_DATE_EPOCH='%s' is not a number of seconds", env);
        return EXIT_USAGE;
    }
    *out = v;
    return 0;
}

static const char usage_check[] =
    "Usage: octavo check [options] BOOK.epub...\n"
    "\n"
    "Checks EPUB files, made by octavo or by any other tool, without Java: the\n"
    "container (mimetype, container.xml, safe paths), the package document\n"
    "(identifier, title, dcterms:modified, BCP 47 languages), the manifest (files\n"
    "exist, are listed and have the type their bytes say; one nav), the spine,\n"
    "every XHTML document (well-formed, unique ids, languages, links, fragments,\n"
    "images and stylesheets) and the nav's toc. Each finding is one line:\n"
    "\n"
    "  BOOK.epub: inner/path[:line]: ERROR|WARNING CODE: message\n"
    "\n"
    "with epubcheck's message code where one corresponds (RSC-012, OPF-092, ...),\n"
    "then a summary line per book.\n"
    "\n"
    "Options:\n"
    "      --json            print one JSON report per book instead (one per line)\n"
    "      --strict          warnings fail too\n"
    "  -q, --quiet           print only findings, no summary\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 when no book has errors (or, with --strict, warnings),\n"
    "1 when one has, 2 for a usage error.\n";

static int cmd_check(int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, 'j'},
        {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool json = false, strict = false, quiet = false;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qh", options, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 's':
            strict = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            fputs(usage_check, stdout);
            return 0;
        default:
            print_line(stderr, "octavo: unknown option '%s'", argv[optind - 1]);
            fputs("Try 'octavo check --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("octavo: check needs a book to check\nTry 'octavo check --help'.\n", stderr);
        return EXIT_USAGE;
    }
    int status = 0;
    octavo_buf out = OCTAVO_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        octavo_diags report = OCTAVO_DIAGS_INIT;
        octavo_check_file(argv[i], &report);
        octavo_buf_clear(&out);
        if (json) {
            octavo_check_report_json(&report, argv[i], &out);
            printf("%s\n", octavo_buf_cstr(&out));
        } else {
            for (size_t k = 0; k < report.count; k++) {
                octavo_buf_clear(&out);
                octavo_finding_format(&report.items[k], argv[i], &out);
                print_line(stdout, "%s", octavo_buf_cstr(&out));
            }
            size_t hidden = report.errors + report.warnings - report.count;
            octavo_buf_clear(&out);
            if (hidden)
                octavo_buf_printf(&out, "%s: %zu more findings not shown\n", argv[i], hidden);
            if (!quiet)
                octavo_buf_printf(&out, "%s: %zu error%s, %zu warning%s", argv[i], report.errors,
                                  report.errors == 1 ? "" : "s", report.warnings,
                                  report.warnings == 1 ? "" : "s");
            if (out.len) {
                octavo_buf safe = OCTAVO_BUF_INIT;
                octavo_printable(octavo_buf_cstr(&out), true, &safe);
                printf("%s\n", octavo_buf_cstr(&safe));
                octavo_buf_free(&safe);
            }
        }
        if (report.errors || (strict && report.warnings))
            status = EXIT_INPUT;
        octavo_diags_free(&report);
    }
    octavo_buf_free(&out);
    return status;
}

/* A progress line on a terminal for builds longer than a second: what
 * octavo is doing, rewritten in place, and wiped when it is done. */
typedef struct progress_line {
    struct timespec start;
    double last; /* seconds since start of the last line written */
    bool shown;
} progress_line;

static void show_progress(void *ctx, const char *stage, size_t done, size_t total)
{
    progress_line *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed =
        (double)(now.tv_sec - p->start.tv_sec) + (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
    /* From one second on, at most ten lines a second. */
    if (elapsed < 1.0 || (p->shown && elapsed - p->last < 0.1 && done != total))
        return;
    p->last = elapsed;
    if (strcmp(stage, "read") == 0)
        fprintf(stderr, "\roctavo: read %zu files\033[K", total);
    else if (strcmp(stage, "render") == 0)
        fprintf(stderr, "\roctavo: rendered %zu of %zu chapters\033[K", done, total);
    else
        fprintf(stderr, "\roctavo: writing and checking %zu MB\033[K", (total + 524288) >> 20);
    p->shown = true;
}

typedef enum command { BUILD, TOC, INIT } command;

static int cmd_build(command cmd, int argc, char **argv)
{
    enum {
        OPT_TITLE = 256,
        OPT_AUTHOR,
        OPT_LANG,
        OPT_IDENTIFIER,
        OPT_TOC_DEPTH,
        OPT_ENCODING,
        OPT_FORMAT,
        OPT_STRICT,
        OPT_CAPTIONS,
        OPT_CONFIG,
        OPT_COVER,
        OPT_NO_COVER,
        OPT_NO_CHECK,
        OPT_EPUBCHECK,
        OPT_VERTICAL,
        OPT_THEME,
        OPT_CSS,
        OPT_CONVERT,
        OPT_FONT,
        OPT_COMPRESSION,
        OPT_LOW_MEMORY,
        OPT_FORCE
    };
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"title", required_argument, NULL, OPT_TITLE},
        {"author", required_argument, NULL, OPT_AUTHOR},
        {"lang", required_argument, NULL, OPT_LANG},
        {"identifier", required_argument, NULL, OPT_IDENTIFIER},
        {"toc-depth", required_argument, NULL, OPT_TOC_DEPTH},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"captions", no_argument, NULL, OPT_CAPTIONS},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"cover", required_argument, NULL, OPT_COVER},
        {"no-cover", no_argument, NULL, OPT_NO_COVER},
        {"no-check", no_argument, NULL, OPT_NO_CHECK},
        {"epubcheck", no_argument, NULL, OPT_EPUBCHECK},
        {"vertical", no_argument, NULL, OPT_VERTICAL},
        {"theme", required_argument, NULL, OPT_THEME},
        {"css", required_argument, NULL, OPT_CSS},
        {"convert", required_argument, NULL, OPT_CONVERT},
        {"font", required_argument, NULL, OPT_FONT},
        {"compression", required_argument, NULL, OPT_COMPRESSION},
        {"jobs", required_argument, NULL, 'j'},
        {"low-memory", no_argument, NULL, OPT_LOW_MEMORY},
        {"force", no_argument, NULL, OPT_FORCE},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    octavo_build_options opts = {0};
    bool force = false;
    const char **authors = octavo_xcalloc((size_t)argc, sizeof *authors);
    const char **formats = octavo_xcalloc((size_t)argc, sizeof *formats);
    verbosity v = NORMAL;
    int status = 0, c;
    long number = 0;
    opterr = 0;
    optind = 1;
    while (status == 0 && (c = getopt_long(argc, argv, ":o:j:qvh", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            opts.output = optarg;
            break;
        case OPT_TITLE:
            metadata_text_ok("--title", optarg, &status);
            opts.title = optarg;
            break;
        case OPT_AUTHOR:
            metadata_text_ok("--author", optarg, &status);
            authors[opts.author_count++] = optarg;
            break;
        case OPT_LANG:
            if (!octavo_lang_is_valid(optarg)) {
                char suggestion[64];
                if (octavo_lang_suggest(optarg, suggestion, sizeof suggestion)) {
                    print_line(stderr,
                               "octavo: --lang '%s' is not a BCP 47 language tag; did you mean "
                               "'%s'?",
                               optarg, suggestion);
                    status = EXIT_USAGE;
                } else {
                    status = usage_error("--lang", optarg,
                                         " is not a BCP 47 language tag (such as zh-Hans, "
                                         "zh-Hant, en, ja)");
                }
            }
            opts.lang = optarg;
            break;
        case OPT_IDENTIFIER:
            metadata_text_ok("--identifier", optarg, &status);
            opts.identifier = optarg;
            break;
        case OPT_TOC_DEPTH:
            if (!parse_int(optarg, 1, 6, &number))
                status = usage_error("--toc-depth", optarg, " must be a number from 1 to 6");
            opts.toc_depth = (int)number;
            break;
        case OPT_ENCODING:
            if (!octavo_encoding_is_known(optarg))
                status = usage_error("--encoding", optarg,
                                     " is not an encoding iconv knows (such as GBK, BIG5, "
                                     "UTF-16)");
            opts.encoding = optarg;
            break;
        case OPT_FORMAT:
            if (!octavo_format_option_is_valid(optarg))
                status = usage_error("--format", optarg,
                                     " must be markdown or plain, or FILE=markdown or "
                                     "FILE=plain");
            formats[opts.format_count++] = optarg;
            break;
        case OPT_STRICT:
            opts.strict = true;
            break;
        case OPT_CAPTIONS:
            opts.captions = true;
            break;
        case OPT_CONFIG:
            opts.config = optarg;
            break;
        case OPT_COVER:
            opts.cover = optarg;
            break;
        case OPT_NO_COVER:
            opts.no_cover = true;
            break;
        case OPT_NO_CHECK:
            opts.no_check = true;
            break;
        case OPT_EPUBCHECK:
            opts.epubcheck = true;
            break;
        case OPT_VERTICAL:
            opts.vertical = true;
            break;
        case OPT_THEME:
            if (!octavo_theme_exists(optarg)) {
                print_line(stderr, "octavo: --theme '%s': there is no such theme (%s)", optarg,
                           octavo_theme_list());
                status = EXIT_USAGE;
            }
            opts.theme = optarg;
            break;
        case OPT_CSS:
            opts.css = optarg;
            break;
        case OPT_CONVERT:
            if (!octavo_conversion_exists(optarg)) {
                print_line(stderr, "octavo: --convert '%s': no such conversion (%s)", optarg,
                           octavo_conversion_list());
                status = EXIT_USAGE;
            }
            opts.convert = optarg;
            break;
        case OPT_FONT:
            opts.font = optarg;
            break;
        case OPT_COMPRESSION:
            if (!parse_int(optarg, 1, 9, &number))
                status =
                    usage_error("--compression", optarg, " must be a deflate level from 1 to 9");
            opts.compression = (int)number;
            break;
        case OPT_LOW_MEMORY:
            opts.low_memory = true;
            break;
        case 'j':
            if (!parse_int(optarg, 1, 64, &number))
                status = usage_error("--jobs", optarg, " must be a number of cores from 1 to 64");
            opts.jobs = (unsigned)number;
            break;
        case OPT_FORCE:
            if (cmd != INIT)
                status = usage_error("option", "--force", " is for octavo init");
            force = true;
            break;
        case 'q':
            v = QUIET;
            break;
        case 'v':
            v = VERBOSE;
            break;
        case 'h':
            fputs(cmd == BUILD ? usage_build : cmd == TOC ? usage_toc : usage_init, stdout);
            free(authors);
            free(formats);
            return 0;
        case ':':
            status = usage_error("option", argv[optind - 1], " needs a value");
            break;
        default:
            status = usage_error("unknown option", argv[optind - 1], "");
            break;
        }
    }
    if (status == 0)
        status = source_date_epoch(&opts.source_date_epoch);
    if (status != 0) {
        free(authors);
        free(formats);
        return status;
    }
    opts.authors = authors;
    opts.formats = formats;
    opts.sources = (const char *const *)argv + optind;
    opts.source_count = (size_t)(argc - optind);

    octavo_diags d = OCTAVO_DIAGS_INIT;
    d.no_info = v < VERBOSE;
    if (cmd != BUILD) {
        octavo_buf out = OCTAVO_BUF_INIT;
        octavo_status st =
            cmd == TOC ? octavo_preview(&opts, &out, &d) : octavo_init(&opts, force, &out, &d);
        print_diags(&d, v);
        /* (The contents are made printable line by line by octavo_preview.) */
        if (st == OCTAVO_OK && cmd == TOC)
            fputs(octavo_buf_cstr(&out), stdout);
        else if (st == OCTAVO_OK && v != QUIET)
            print_line(stdout, "wrote %s", octavo_buf_cstr(&out));
        octavo_buf_free(&out);
        octavo_diags_free(&d);
        free(authors);
        free(formats);
        return st == OCTAVO_OK ? 0 : EXIT_INPUT;
    }
    progress_line progress = {0};
    if (v != QUIET && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &progress.start);
        opts.progress = show_progress;
        opts.progress_ctx = &progress;
    }
    octavo_build_result result;
    octavo_status st = octavo_build(&opts, &result, &d);
    if (progress.shown)
        fputs("\r\033[K", stderr);
    /* Under --strict the warnings are the errors: show them even with -q. */
    print_diags(&d, opts.strict && st != OCTAVO_OK && v == QUIET ? NORMAL : v);
    if (st == OCTAVO_OK && v != QUIET) {
        print_line(stdout, "wrote %s: %zu chapter%s, %zu KB", result.output, result.chapter_count,
                   result.chapter_count == 1 ? "" : "s", (result.bytes + 1023) / 1024);
    }
    octavo_build_result_free(&result);
    octavo_diags_free(&d);
    free(authors);
    free(formats);
    return st == OCTAVO_OK ? 0 : EXIT_INPUT;
}

int main(int argc, char **argv)
{
    /* Past a file size limit (a full quota, ulimit -f) a write should fail
     * with EFBIG and be reported, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("octavo %s\n", OCTAVO_VERSION);
        return 0;
    }
    if (strcmp(cmd, "build") == 0)
        return cmd_build(BUILD, argc - 1, argv + 1);
    if (strcmp(cmd, "toc") == 0)
        return cmd_build(TOC, argc - 1, argv + 1);
    if (strcmp(cmd, "init") == 0)
        return cmd_build(INIT, argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (cmd[0] == '-')
        print_line(stderr, "octavo: unknown option '%s'", cmd);
    else
        print_line(stderr, "octavo: unknown command '%s'", cmd);
    fputs("Try 'octavo --help'.\n", stderr);
    return EXIT_USAGE;
}
