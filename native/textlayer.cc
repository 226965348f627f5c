// undoc's text-layer reader: poppler's own text analysis (the code behind
// `pdftotext -bbox-layout`), run as a long-lived helper process that reads one
// request per document and answers with every page's lines and word boxes.
//
// Why a helper of our own and not `pdftotext` per document: one `pdftotext` process
// per file pays process start-up and dynamic linking, and formats every word's four
// coordinates as decimal XHTML that undoc then parses again; that was more than half
// of undoc's CPU time on born-digital PDFs (docs/decisions/0008). Why still a
// separate process: a crash, a hang or a memory blow-up inside the PDF library ends
// only the helper, never the batch.
//
// Protocol (stdin/stdout, one document at a time), after a greeting line
// "undoc-textlayer protocol 2\n" written at start (undoc checks it, so that a helper
// from another undoc version is reported, not misread):
//   request   "<cpu-seconds> <max-pages> <path>\0" (max-pages 0: no limit)
//   answer    "D <pages>\n", then per page "P <width> <height>\n", per text line
//             "L\n", per word "W <xMin> <yMin> <xMax> <yMax> <text>\n" (coordinates
//             in millionths of a point, text UTF-8 with \\, \n, \r escaped), each
//             word whose font (that of its first character) differs from the
//             previous word's on the page preceded by "S <font object number>
//             <font name>\n" (protocol 2; the number identifies the font in the
//             document, the name is for people and may be empty), per
//             image drawn on the page (after its words) "I <width px> <height px>
//             <x ppi> <y ppi>\n" (ppi in millionths, as `pdfimages -list` computes
//             them; soft masks are not images of their own), then "G <points>\n",
//             the number of path points the page fills or strokes (vector drawing:
//             rules, tables, text turned into outlines), then "E\n"; or
//             "F <poppler error code> <message>\n" if the file cannot be opened, or
//             "T <pages>\n" if it has more pages than allowed (nothing is read).
// The helper exits when stdin ends. Each request sets a CPU-time ceiling of its own
// (RLIMIT_CPU) as a backstop should undoc die while the helper is stuck.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <poppler/Error.h>
#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/PDFDocFactory.h>
#include <poppler/TextOutputDev.h>
#include <poppler/goo/GooString.h>

namespace {

std::string g_out;
std::string g_errors;
int g_error_count = 0;

void collect_error(ErrorCategory, Goffset, const char *msg)
{
    // Kept for the failure message; the first few different ones are enough (poppler
    // often says the same thing twice while it tries to rebuild a file).
    if (g_errors.find(msg) != std::string::npos) {
        return;
    }
    if (g_error_count++ < 3) {
        if (!g_errors.empty()) {
            g_errors += "; ";
        }
        g_errors += msg;
    }
}

void put_int(int64_t v)
{
    char buf[24];
    char *end = buf + sizeof buf;
    char *p = end;
    bool neg = v < 0;
    uint64_t u = neg ? uint64_t(-(v + 1)) + 1 : uint64_t(v);
    do {
        *--p = char('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) {
        *--p = '-';
    }
    g_out.append(p, size_t(end - p));
}

void put_coord(double v)
{
    g_out += ' ';
    if (!std::isfinite(v)) {
        v = 0;
    }
    put_int(int64_t(std::llround(v * 1e6)));
}

void put_escaped(const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        char c = s[i];
        switch (c) {
        case '\\':
            g_out += "\\\\";
            break;
        case '\n':
            g_out += "\\n";
            break;
        case '\r':
            g_out += "\\r";
            break;
        default:
            g_out += c;
        }
    }
}

void set_cpu_ceiling(long seconds)
{
    struct rusage usage;
    struct rlimit lim;
    if (seconds <= 0 || getrusage(RUSAGE_SELF, &usage) != 0 || getrlimit(RLIMIT_CPU, &lim) != 0) {
        return;
    }
    rlim_t want = rlim_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + seconds + 1);
    if (lim.rlim_max != RLIM_INFINITY && want > lim.rlim_max) {
        want = lim.rlim_max;
    }
    lim.rlim_cur = want;
    setrlimit(RLIMIT_CPU, &lim);
}

// The text analysis of TextOutputDev, plus the placement of every image the page
// draws (what `pdfimages -list` reports), so that one pass over the content streams
// serves both the text and the OCR decision. Image data is never decoded; shadings
// and tiling patterns are skipped, since only text and image placements matter here.
class TextAndImages : public TextOutputDev
{
public:
    struct Image
    {
        int width_px, height_px;
        double x_ppi, y_ppi;
    };
    std::vector<Image> images;
    long drawing_points = 0;

    TextAndImages() : TextOutputDev(nullptr, false, 0, false, false, false) { }

    bool needNonText() override { return true; }
    bool useTilingPatternFill() override { return true; }
    bool useShadedFills(int) override { return true; }
    bool tilingPatternFill(GfxState *, Gfx *, Catalog *, GfxTilingPattern *, const double *, int, int, int, int, double, double) override { return true; }
    bool functionShadedFill(GfxState *, GfxFunctionShading *) override { return true; }
    bool axialShadedFill(GfxState *, GfxAxialShading *, double, double) override { return true; }
    bool radialShadedFill(GfxState *, GfxRadialShading *, double, double) override { return true; }
    bool gouraudTriangleShadedFill(GfxState *, GfxGouraudTriangleShading *) override { return true; }
    bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override { return true; }

    struct Font
    {
        Ref ref;
        std::string name;
    };
    // The fonts the page selects (for telling which one each word is set in).
    std::vector<Font> fonts;

    void startPage(int pageNum, GfxState *state, XRef *xref) override
    {
        images.clear();
        fonts.clear();
        drawing_points = 0;
        TextOutputDev::startPage(pageNum, state, xref);
    }
    void updateFont(GfxState *state) override
    {
        const std::shared_ptr<GfxFont> &font = state->getFont();
        if (font) {
            const Ref ref = *font->getID();
            bool known = false;
            for (const Font &f : fonts) {
                known = known || f.ref == ref;
            }
            if (!known) {
                fonts.push_back({ ref, font->getName().value_or(std::string()) });
            }
        }
        TextOutputDev::updateFont(state);
    }
    // The page font a word is set in (that of its first character), or null.
    const Font *font_of(const TextWord *word) const
    {
        const TextFontInfo *info = word->getLength() > 0 ? word->getFontInfo(0) : nullptr;
        if (!info) {
            return nullptr;
        }
        for (const Font &f : fonts) {
            if (info->matches(&f.ref)) {
                return &f;
            }
        }
        return nullptr;
    }
    void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert, bool interpolate, bool inlineImg) override
    {
        note(state, width, height);
        OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg); // skips inline data
    }
    void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, const int *maskColors, bool inlineImg) override
    {
        note(state, width, height);
        OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg); // skips inline data
    }
    void drawMaskedImage(GfxState *state, Object *, Stream *, int width, int height, GfxImageColorMap *, bool, Stream *, int, int, bool, bool) override { note(state, width, height); }
    void drawSoftMaskedImage(GfxState *state, Object *, Stream *, int width, int height, GfxImageColorMap *, bool, Stream *, int, int, GfxImageColorMap *, bool) override { note(state, width, height); }

    void stroke(GfxState *state) override
    {
        count_points(state);
        TextOutputDev::stroke(state);
    }
    void fill(GfxState *state) override
    {
        count_points(state);
        TextOutputDev::fill(state);
    }
    void eoFill(GfxState *state) override
    {
        count_points(state);
        TextOutputDev::eoFill(state);
    }

private:
    void count_points(GfxState *state)
    {
        const GfxPath *path = state->getPath();
        for (int i = 0; i < path->getNumSubpaths(); ++i) {
            drawing_points += path->getSubpath(i)->getNumPoints();
        }
    }

    void note(GfxState *state, int width, int height)
    {
        // The same resolution pdfimages -list prints: pixels over the placed size.
        const double *m = state->getCTM();
        const double w = std::sqrt(m[0] * m[0] + m[1] * m[1]);
        const double h = std::sqrt(m[2] * m[2] + m[3] * m[3]);
        images.push_back({ width, height, w != 0 ? std::fabs(width * 72.0 / w) : 0, h != 0 ? std::fabs(height * 72.0 / h) : 0 });
    }
};

void write_page(PDFDoc &doc, TextAndImages &text, int page)
{
    g_out += 'P';
    put_coord(doc.getPageMediaWidth(page));
    put_coord(doc.getPageMediaHeight(page));
    g_out += '\n';
    doc.displayPage(&text, page, 72, 72, 0, true, false, false);
    const TextAndImages::Font *last_font = nullptr;
    for (const TextFlow *flow = text.getFlows(); flow; flow = flow->getNext()) {
        for (const TextBlock *block = flow->getBlocks(); block; block = block->getNext()) {
            for (const TextLine *line = block->getLines(); line; line = line->getNext()) {
                g_out += "L\n";
                for (const TextWord *word = line->getWords(); word; word = word->getNext()) {
                    double x0, y0, x1, y1;
                    word->getBBox(&x0, &y0, &x1, &y1);
                    const TextAndImages::Font *font = text.font_of(word);
                    if (font && font != last_font) {
                        g_out += "S ";
                        put_int(font->ref.num);
                        g_out += ' ';
                        put_escaped(font->name.c_str(), font->name.size());
                        g_out += '\n';
                        last_font = font;
                    }
                    g_out += 'W';
                    put_coord(x0);
                    put_coord(y0);
                    put_coord(x1);
                    put_coord(y1);
                    g_out += ' ';
                    std::unique_ptr<GooString> s(word->getText());
                    put_escaped(s->c_str(), size_t(s->getLength()));
                    g_out += '\n';
                }
            }
        }
    }
    for (const TextAndImages::Image &image : text.images) {
        g_out += 'I';
        g_out += ' ';
        put_int(image.width_px);
        g_out += ' ';
        put_int(image.height_px);
        put_coord(image.x_ppi);
        put_coord(image.y_ppi);
        g_out += '\n';
    }
    g_out += "G ";
    put_int(text.drawing_points);
    g_out += '\n';
}

void answer(const std::string &path, long max_pages)
{
    g_out.clear();
    g_errors.clear();
    g_error_count = 0;
    std::unique_ptr<PDFDoc> doc = PDFDocFactory().createPDFDoc(GooString(path));
    if (!doc->isOk()) {
        g_out += "F ";
        put_int(doc->getErrorCode());
        g_out += ' ';
        put_escaped(g_errors.data(), g_errors.size());
        g_out += '\n';
        return;
    }
    const int pages = doc->getNumPages();
    if (max_pages > 0 && pages > max_pages) {
        g_out += "T ";
        put_int(pages);
        g_out += '\n';
        return;
    }
    TextAndImages text;
    g_out += "D ";
    put_int(pages);
    g_out += '\n';
    if (text.isOk()) {
        for (int page = 1; page <= pages; ++page) {
            write_page(*doc, text, page);
        }
    }
    g_out += "E\n";
}

bool read_request(long *seconds, long *max_pages, std::string *path)
{
    std::string req;
    int c;
    while ((c = std::getchar()) != EOF && c != '\0') {
        req += char(c);
    }
    if (c == EOF) {
        return false;
    }
    size_t first = req.find(' ');
    size_t second = first == std::string::npos ? first : req.find(' ', first + 1);
    if (second == std::string::npos) {
        return false;
    }
    *seconds = std::strtol(req.c_str(), nullptr, 10);
    *max_pages = std::strtol(req.c_str() + first + 1, nullptr, 10);
    *path = req.substr(second + 1);
    return true;
}

} // namespace

extern "C" int undoc_textlayer_serve(void)
{
    globalParams = std::make_unique<GlobalParams>();
    globalParams->setTextEncoding("UTF-8");
    globalParams->setErrQuiet(false);
    setErrorCallback(collect_error);
    if (std::fputs("undoc-textlayer protocol 2\n", stdout) == EOF || std::fflush(stdout) != 0) {
        return 1;
    }
    long seconds = 0;
    long max_pages = 0;
    std::string path;
    while (read_request(&seconds, &max_pages, &path)) {
        set_cpu_ceiling(seconds);
        answer(path, max_pages);
        if (std::fwrite(g_out.data(), 1, g_out.size(), stdout) != g_out.size() || std::fflush(stdout) != 0) {
            return 1;
        }
    }
    return 0;
}

#ifdef UNDOC_TEXTLAYER_MAIN
int main()
{
    return undoc_textlayer_serve();
}
#endif
