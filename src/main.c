/* octavo — command line. Parses arguments, calls the library, prints what
 * it reports. Nothing else happens here. */
#include "buf.h"
#include "check.h"
#include "convert.h"
#include "diag.h"
#include "encoding.h"
#include "lang.h"
#include "mem.h"
#include "nav.h"
#include "octavo.h"
#include "style.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
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

/* octavo build --help: this, the options (build_options below), then
 * usage_build_end. */
static const char usage_build[] =
    "Usage: octavo build [options] [SOURCE...]\n"
    "\n"
    "Makes one EPUB 3 book. Each SOURCE is a folder (its .md, .markdown and .txt\n"
    "files, in natural name order: 2.md before 10.md) or a file (in the order\n"
    "given). No SOURCE means the current folder. One chapter per file. A folder's\n"
    "book.yaml or SUMMARY.md sets the order, titles and parts.\n"
    "\n"
    "Options:\n";

static const char usage_build_end[] =
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
                if (report.items[k].severity == OCTAVO_INFO)
                    continue; /* usages: only in --json, as epubcheck shows them when asked */
                octavo_buf_clear(&out);
                octavo_finding_format(&report.items[k], argv[i], &out);
                print_line(stdout, "%s", octavo_buf_cstr(&out));
            }
            size_t hidden = report.dropped[OCTAVO_ERROR] + report.dropped[OCTAVO_WARNING];
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

/* What octavo build, toc and init were told: the options, and the lists
 * --author and --format fill. */
typedef struct build_command {
    command cmd;
    octavo_build_options opts;
    const char **authors, **formats; /* become opts.authors, opts.formats */
    bool force;
    verbosity v;
    bool help;
} build_command;

typedef enum option_kind {
    TEXT,      /* the value, in a string field */
    LIST,      /* the value, added to a list */
    FLAG,      /* true, in a bool field */
    INT,       /* the value, a number from min to max, in an int field */
    UNSIGNED,  /* ...in an unsigned field */
    VERBOSITY, /* min, as the verbosity */
    HELP,
} option_kind;

/* Checks an option's value: 0 when it is good, else prints why not and
 * returns the exit status. `option` is "--name". */
typedef int option_check(const char *option, const char *value, command cmd);

/* One option of octavo build (and toc and init): what it sets, how its
 * value is checked, and what --help says of it. */
typedef struct build_option {
    const char *name;
    char letter;     /* -letter too, or 0 */
    const char *arg; /* the value's name for --help; NULL: takes no value */
    option_kind kind;
    size_t field;        /* offsetof(build_command, ...) of what it sets */
    size_t count;        /* LIST: offsetof the list's count */
    long min, max;       /* INT, UNSIGNED */
    const char *problem; /* INT, UNSIGNED: what a value out of range is told */
    option_check *check; /* or NULL */
    const char *help;    /* lines for --help; NULL: not shown */
} build_option;

/* Text for the book's metadata from the command line (--title, --author,
 * --identifier): it must be UTF-8 that XML can hold, and not blank. */
static int check_metadata_text(const char *option, const char *text, command cmd)
{
    (void)cmd;
    size_t len = strlen(text);
    bool blank = (octavo_trim_space(text, &len), len == 0);
    if (octavo_xml_needs_cleaning(text))
        return usage_error(option, text, " holds a control character or is not UTF-8 text");
    if (blank)
        return usage_error(option, text, " is empty");
    return 0;
}

static int check_lang(const char *option, const char *value, command cmd)
{
    (void)cmd;
    if (octavo_lang_is_valid(value))
        return 0;
    char suggestion[64];
    if (octavo_lang_suggest(value, suggestion, sizeof suggestion)) {
        print_line(stderr, "octavo: %s '%s' is not a BCP 47 language tag; did you mean '%s'?",
                   option, value, suggestion);
        return EXIT_USAGE;
    }
    return usage_error(option, value,
                       " is not a BCP 47 language tag (such as zh-Hans, zh-Hant, en, ja)");
}

static int check_encoding(const char *option, const char *value, command cmd)
{
    (void)cmd;
    if (octavo_encoding_is_known(value))
        return 0;
    return usage_error(option, value,
                       " is not an encoding iconv knows (such as GBK, BIG5, UTF-16)");
}

static int check_format(const char *option, const char *value, command cmd)
{
    (void)cmd;
    if (octavo_format_option_is_valid(value))
        return 0;
    return usage_error(option, value, " must be markdown or plain, or FILE=markdown or FILE=plain");
}

static int check_theme(const char *option, const char *value, command cmd)
{
    (void)cmd;
    if (octavo_theme_exists(value))
        return 0;
    print_line(stderr, "octavo: %s '%s': there is no such theme (%s)", option, value,
               octavo_theme_list());
    return EXIT_USAGE;
}

static int check_convert(const char *option, const char *value, command cmd)
{
    (void)cmd;
    if (octavo_conversion_exists(value))
        return 0;
    print_line(stderr, "octavo: %s '%s': no such conversion (%s)", option, value,
               octavo_conversion_list());
    return EXIT_USAGE;
}

static int check_init_only(const char *option, const char *value, command cmd)
{
    (void)value;
    return cmd == INIT ? 0 : usage_error("option", option, " is for octavo init");
}

#define OPT(field) offsetof(build_command, field)

/* In --help's order. */
static const build_option build_options[] = {
    {"output", 'o', "FILE", TEXT, OPT(opts.output),
     .help = "where to write the book (default: <folder>.epub)"},
    {"config", 0, "FILE", TEXT, OPT(opts.config),
     .help = "read the book's metadata and chapter order from FILE\n"
             "(default: the folder's book.yaml, else its SUMMARY.md)"},
    {"title", 0, "TEXT", TEXT, OPT(opts.title), .check = check_metadata_text,
     .help = "book title (default: the first chapter's title)"},
    {"author", 0, "NAME", LIST, OPT(authors), OPT(opts.author_count), .check = check_metadata_text,
     .help = "an author; repeat for several (default: authors in\n"
             "front matter)"},
    {"lang", 0, "TAG", TEXT, OPT(opts.lang), .check = check_lang,
     .help = "BCP 47 language, e.g. zh-Hans, zh-Hant, en\n"
             "(default: detected from the text)"},
    {"identifier", 0, "ID", TEXT, OPT(opts.identifier), .check = check_metadata_text,
     .help = "unique identifier, e.g. urn:isbn:9780000000000\n"
             "(default: a UUID derived from title and authors)"},
    {"toc-depth", 0, "N", INT, OPT(opts.toc_depth), .min = 1, .max = 6,
     .problem = " must be a number from 1 to 6",
     .help = "heading levels in the table of contents, 1-6 (default 2)"},
    {"cover", 0, "IMAGE", TEXT, OPT(opts.cover),
     .help = "the cover (PNG, JPEG, GIF or SVG); default: book.yaml's\n"
             "cover, else one made from the title and authors"},
    {"no-cover", 0, NULL, FLAG, OPT(opts.no_cover), .help = "no made cover when none is given"},
    {"compression", 0, "N", INT, OPT(opts.compression), .min = 1, .max = 9,
     .problem = " must be a deflate level from 1 to 9",
     .help = "deflate level 1-9 (default 6; 1 is faster, 9 barely smaller)"},
    {"jobs", 'j', "N", UNSIGNED, OPT(opts.jobs), .min = 1, .max = 64,
     .problem = " must be a number of cores from 1 to 64",
     .help = "cores to use, 1-64 (default: all; the book is the same)"},
    {"low-memory", 0, NULL, FLAG, OPT(opts.low_memory),
     .help = "read each chapter again to render it rather than keep\n"
             "them all in memory (automatic above 8 MB of sources;\n"
             "the book is the same)"},
    {"no-check", 0, NULL, FLAG, OPT(opts.no_check),
     .help = "do not check the finished book (as octavo check does)\n"
             "before writing it"},
    {"epubcheck", 0, NULL, FLAG, OPT(opts.epubcheck),
     .help = "also run epubcheck on the book (java -jar\n"
             "/usr/bin/epubcheck, or the command in OCTAVO_EPUBCHECK)\n"
             "and tell its findings at the source file and line"},
    {"encoding", 0, "NAME", TEXT, OPT(opts.encoding), .check = check_encoding,
     .help = "read every file as NAME (e.g. GBK, BIG5, UTF-16) instead\n"
             "of detecting it (book.yaml: 'encoding:' per chapter)"},
    {"format", 0, "FORMAT", LIST, OPT(formats), OPT(opts.format_count), .check = check_format,
     .help = "read files as markdown or plain text instead of deciding\n"
             "by content; FILE=FORMAT for one file; repeatable"},
    {"theme", 0, "NAME", TEXT, OPT(opts.theme), .check = check_theme,
     .help = "the look: book (indented serif paragraphs, the default)\n"
             "or plain (spaced sans-serif paragraphs)"},
    {"css", 0, "FILE", TEXT, OPT(opts.css), .help = "append FILE to the book's stylesheet"},
    {"vertical", 0, NULL, FLAG, OPT(opts.vertical),
     .help = "vertical right-to-left writing, pages turning left"},
    {"convert", 0, "HOW", TEXT, OPT(opts.convert), .check = check_convert,
     .help = "Simplified/Traditional conversion with OpenCC: s2t, t2s,\n"
             "s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk,\n"
             "hk2t (text, titles, toc and metadata; not code)"},
    {"font", 0, "FILE[:N]", TEXT, OPT(opts.font),
     .help = "embed a TrueType/OpenType font (face N of a .ttc) for the\n"
             "body text, subset to the characters the book uses"},
    {"captions", 0, NULL, FLAG, OPT(opts.captions),
     .help = "give an image alone in a paragraph its title (or its\n"
             "description) as a caption"},
    {"strict", 0, NULL, FLAG, OPT(opts.strict),
     .help = "treat every warning as an error: no book is written"},
    {"force", 0, NULL, FLAG, OPT(force), .check = check_init_only}, /* (in usage_init) */
    {"quiet", 'q', NULL, VERBOSITY, .min = QUIET, .help = "print errors only"},
    {"verbose", 'v', NULL, VERBOSITY, .min = VERBOSE,
     .help = "tell what was found: files, formats, titles, languages"},
    {"help", 'h', NULL, HELP, .help = "show this help"},
};

#define BUILD_OPTION_COUNT (sizeof build_options / sizeof *build_options)

/* Prints octavo build --help from build_options. */
static void print_build_usage(void)
{
    fputs(usage_build, stdout);
    for (size_t i = 0; i < BUILD_OPTION_COUNT; i++) {
        const build_option *o = &build_options[i];
        if (!o->help)
            continue;
        char letter[8] = "    ", name[40];
        if (o->letter)
            snprintf(letter, sizeof letter, "-%c, ", o->letter);
        snprintf(name, sizeof name, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        printf("  %s%-18s", letter, name);
        for (const char *line = o->help; *line;) {
            const char *end = strchr(line, '\n');
            int n = end ? (int)(end - line) : (int)strlen(line);
            printf("%s%.*s\n", line == o->help ? "" : "                        ", n, line);
            line += n + (end != NULL);
        }
    }
    fputs(usage_build_end, stdout);
}

/* Applies one option from the command line to `b`; returns 0 or the
 * exit status. */
static int apply_option(const build_option *o, const char *value, build_command *b)
{
    char option[40];
    snprintf(option, sizeof option, "--%s", o->name);
    int status = o->check ? o->check(option, value, b->cmd) : 0;
    void *field = (char *)b + o->field;
    long number = 0;
    switch (o->kind) {
    case TEXT:
        *(const char **)field = value;
        break;
    case LIST: {
        size_t *count = (size_t *)((char *)b + o->count);
        (*(const char ***)field)[(*count)++] = value;
        break;
    }
    case FLAG:
        *(bool *)field = true;
        break;
    case INT:
    case UNSIGNED:
        if (!parse_int(value, o->min, o->max, &number))
            return usage_error(option, value, o->problem);
        if (o->kind == INT)
            *(int *)field = (int)number;
        else
            *(unsigned *)field = (unsigned)number;
        break;
    case VERBOSITY:
        b->v = (verbosity)o->min;
        break;
    case HELP:
        b->help = true;
        break;
    }
    return status;
}

/* Parses octavo build's (toc's, init's) options with getopt_long, as
 * build_options describes them; returns 0 or the exit status. */
static int parse_build_options(int argc, char **argv, build_command *b)
{
    struct option long_options[BUILD_OPTION_COUNT + 1];
    char letters[2 * BUILD_OPTION_COUNT + 2] = ":";
    size_t n = 1;
    for (size_t i = 0; i < BUILD_OPTION_COUNT; i++) {
        const build_option *o = &build_options[i];
        long_options[i] =
            (struct option){o->name, o->arg ? required_argument : no_argument, NULL, 256 + (int)i};
        if (o->letter) {
            letters[n++] = o->letter;
            if (o->arg)
                letters[n++] = ':';
        }
    }
    long_options[BUILD_OPTION_COUNT] = (struct option){NULL, 0, NULL, 0};
    letters[n] = '\0';
    int status = 0, c;
    opterr = 0;
    optind = 1;
    while (status == 0 && !b->help &&
           (c = getopt_long(argc, argv, letters, long_options, NULL)) != -1) {
        const build_option *o = NULL;
        if (c >= 256)
            o = &build_options[c - 256];
        for (size_t i = 0; !o && c != '?' && c != ':' && i < BUILD_OPTION_COUNT; i++)
            if (build_options[i].letter == c)
                o = &build_options[i];
        if (o)
            status = apply_option(o, optarg, b);
        else if (c == ':')
            status = usage_error("option", argv[optind - 1], " needs a value");
        else
            status = usage_error("unknown option", argv[optind - 1], "");
    }
    return status;
}

static int cmd_build(command cmd, int argc, char **argv)
{
    build_command b = {.cmd = cmd, .v = NORMAL};
    b.authors = octavo_xcalloc((size_t)argc, sizeof *b.authors);
    b.formats = octavo_xcalloc((size_t)argc, sizeof *b.formats);
    int status = parse_build_options(argc, argv, &b);
    octavo_build_options opts = b.opts;
    bool force = b.force;
    verbosity v = b.v;
    const char **authors = b.authors, **formats = b.formats;
    if (status == 0 && b.help) {
        if (cmd == BUILD)
            print_build_usage();
        else
            fputs(cmd == TOC ? usage_toc : usage_init, stdout);
        free(authors);
        free(formats);
        return 0;
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
