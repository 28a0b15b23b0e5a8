/* highlight.cc — the C face of GNU Source-highlight (highlight.h). No
 * exception leaves this file: whatever the library throws, the code is
 * shown plain. */
extern "C" {
#include "diag.h"
}
#include "highlight.h"

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/sourcehighlighter.h>

#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace
{

/* Fixed, not the library's search (environment, ~/.source-highlight):
 * the same sources give the same book anywhere. */
const char data_dir[] = OCTAVO_SRCHILITE_DATADIR;

/* The library's parser of language definitions is made with flex and
 * bison, whose state is global: one definition is read at a time. */
std::mutex &definitions_lock()
{
    static std::mutex lock;
    return lock;
}

/* Fence names lang.map lacks, as GitHub (linguist) knows them. */
const char *const aliases[][2] = {
    {"rust", "rs"},   {"golang", "go"},     {"c++", "cpp"},          {"cxx", "cpp"},
    {"hpp", "cpp"},   {"h", "c"},           {"py3", "python"},       {"jsx", "js"},
    {"node", "js"},   {"console", "sh"},    {"shell-session", "sh"}, {"yml", "yaml"},
    {"kt", "kotlin"}, {"make", "makefile"},
};

/* The element names of Source-highlight's definitions octavo styles, and
 * the kind each is; the others are plain text. */
const char *const kinds[][2] = {
    {"keyword", "keyword"},    {"type", "type"},       {"usertype", "type"},
    {"classname", "type"},     {"string", "string"},   {"regexp", "string"},
    {"specialchar", "string"}, {"comment", "comment"}, {"todo", "comment"},
    {"number", "number"},      {"preproc", "preproc"}, {"function", "function"},
};

struct piece {
    const char *kind; /* NULL: plain */
    std::string text;
};

/* Receives the pieces of one element name: the code is collected first
 * and given to octavo only once all of it is there. */
class collector : public srchilite::Formatter
{
  public:
    collector(const char *kind, std::vector<piece> *out) : kind_(kind), out_(out)
    {
    }
    void format(const std::string &s, const srchilite::FormatterParams *) override
    {
        if (s.empty())
            return;
        if (!out_->empty() && out_->back().kind == kind_)
            out_->back().text += s;
        else
            out_->push_back(piece{kind_, s});
    }

  private:
    const char *kind_;
    std::vector<piece> *out_;
};

} // namespace

/* What one thread has read of the definitions: the library's objects
 * are not made to be shared between threads. */
struct definitions {
    std::unique_ptr<srchilite::LangMap> map;
    srchilite::RegexRuleFactory rules;
    std::unique_ptr<srchilite::LangDefManager> manager;
    /* by lang file; NULL: it could not be read */
    std::map<std::string, srchilite::HighlightStatePtr> states;
};

struct octavo_highlighter {
    std::mutex lock; /* guards `by_thread` */
    std::map<std::thread::id, std::unique_ptr<definitions>> by_thread;
};

/* The calling thread's definitions: a build's threads share one
 * highlighter, and each reads a language once. */
static definitions *own(octavo_highlighter *shared)
{
    std::lock_guard<std::mutex> hold(shared->lock);
    std::unique_ptr<definitions> &mine = shared->by_thread[std::this_thread::get_id()];
    if (!mine)
        mine.reset(new definitions());
    return mine.get();
}

/* The lang file for a fence's language name, "" when unknown. */
static std::string lang_file(definitions *h, const char *language)
{
    std::string name;
    for (const char *p = language; *p && name.size() < 32; p++)
        name += (char)std::tolower((unsigned char)*p);
    for (const auto &a : aliases)
        if (name == a[0])
            name = a[1];
    if (!h->map) {
        h->map.reset(new srchilite::LangMap(data_dir, "lang.map"));
        std::lock_guard<std::mutex> hold(definitions_lock());
        h->map->open();
    }
    /* Only names the map holds: the name is the source's, never a path. */
    for (auto it = h->map->begin(); it != h->map->end(); ++it)
        if (it->first == name)
            return it->second;
    return "";
}

static srchilite::HighlightStatePtr state_for(definitions *h, const std::string &file)
{
    auto found = h->states.find(file);
    if (found != h->states.end())
        return found->second;
    if (!h->manager)
        h->manager.reset(new srchilite::LangDefManager(&h->rules));
    srchilite::HighlightStatePtr state;
    {
        std::lock_guard<std::mutex> hold(definitions_lock());
        state = h->manager->getHighlightState(data_dir, file);
    }
    h->states[file] = state;
    return state;
}

/* The code in pieces, or false when the language is unknown. */
static bool highlight_pieces(octavo_highlighter *shared, const char *language, const char *code,
                             std::vector<piece> *out)
{
    definitions *h = own(shared);
    std::string file = lang_file(h, language);
    if (file.empty())
        return false;
    srchilite::HighlightStatePtr state = state_for(h, file);
    if (!state)
        return false;
    srchilite::SourceHighlighter highlighter(state);
    highlighter.setOptimize(false); /* each piece as found, in order with the line ends */
    srchilite::FormatterManager formatters(srchilite::FormatterPtr(new collector(nullptr, out)));
    for (const auto &k : kinds)
        formatters.addFormatter(k[0], srchilite::FormatterPtr(new collector(k[1], out)));
    highlighter.setFormatterManager(&formatters);
    srchilite::FormatterParams params;
    highlighter.setFormatterParams(&params);
    /* The library takes a line at a time, keeping its state (an open
     * comment) from one to the next; the line ends are plain. */
    collector newline(nullptr, out);
    for (const char *p = code; *p;) {
        size_t n = std::strcspn(p, "\n");
        params.start = 0;
        highlighter.highlightParagraph(std::string(p, n));
        if (!p[n])
            break;
        newline.format("\n", nullptr);
        p += n + 1;
    }
    return true;
}

extern "C" octavo_highlighter *octavo_highlighter_new(void)
{
    try {
        return new octavo_highlighter();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void octavo_highlighter_free(octavo_highlighter *h)
{
    delete h;
}

static bool fits(const char *code)
{
    if (std::strlen(code) > OCTAVO_HIGHLIGHT_MAX_BYTES)
        return false;
    for (const char *p = code; *p;) {
        size_t n = std::strcspn(p, "\n");
        if (n > OCTAVO_HIGHLIGHT_MAX_LINE)
            return false;
        p += n + (p[n] ? 1 : 0);
    }
    return true;
}

extern "C" bool octavo_highlight(octavo_highlighter *h, const char *language, const char *code,
                                 octavo_highlight_piece piece_fn, void *ctx, const char *file,
                                 unsigned line, octavo_diags *d)
{
    if (!h || !language || !*language || !code || !*code || !fits(code))
        return false;
    std::vector<piece> pieces;
    try {
        if (!highlight_pieces(h, language, code, &pieces))
            return false;
    } catch (const std::exception &e) {
        octavo_diag_add(d, OCTAVO_INFO, file, line, 0, "code in '%s' is not highlighted: %s",
                        language, e.what());
        return false;
    } catch (...) {
        octavo_diag_add(d, OCTAVO_INFO, file, line, 0, "code in '%s' is not highlighted", language);
        return false;
    }
    /* Never another text than the code's. */
    std::string again;
    for (const auto &p : pieces)
        again += p.text;
    if (again != code) {
        octavo_diag_add(d, OCTAVO_INFO, file, line, 0,
                        "code in '%s' is not highlighted: the highlighter changed its text",
                        language);
        return false;
    }
    for (const auto &p : pieces)
        piece_fn(ctx, p.kind, p.text.data(), p.text.size());
    return true;
}
