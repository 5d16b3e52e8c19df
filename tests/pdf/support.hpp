// Shared helpers of the PDF tests: fixtures rendered once per process,
// external tools (qpdf, poppler) run on the results, and small parsers for
// what those tools print.
#pragma once

#include "fixtures.hpp"
#include "fo_source.hpp"
#include "pdf/renderer.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace pdf_test {

namespace fs = std::filesystem;

// The test suite's own (tests/fixtures.hpp).
using test::slurp;
using test::source_dir;
using test::spit;

// A folder of this process's own under the system's temporary folder,
// removed at exit unless COMMUNIQUE_KEEP_PDF is set (to look at the PDFs).
inline const fs::path& scratch() {
    struct folder {
        fs::path path = fs::temp_directory_path() / ("communique-pdf-tests-" + std::to_string(::getpid()));
        folder() { fs::create_directories(path); }
        ~folder() {
            const char* keep = std::getenv("COMMUNIQUE_KEEP_PDF");
            std::error_code ec;
            if (!keep || !*keep) fs::remove_all(path, ec);
        }
    };
    static const folder dir;
    return dir.path;
}

// Runs a shell command; its standard output, and its exit status in `status`.
inline std::string run(const std::string& command, int* status = nullptr) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int rc = ::pclose(p);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

inline std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

// ---- rendering -------------------------------------------------------------------------------

inline const fo_stylesheet& stylesheet() {
    static const fo_stylesheet sheet((source_dir / "xslt" / "fo.xsl").string());
    return sheet;
}

inline const communique::detail::pdf::renderer& renderer() {
    static const communique::detail::pdf::renderer r;
    return r;
}

struct rendered {
    std::string xml;  // the canonical release XML
    std::string fo;   // the FO, serialised
    std::string pdf;
    fs::path pdf_path, fo_path;
};

// XML -> FO -> PDF; the files are left in scratch() under `name`.
inline rendered render_xml(const std::string& name, const std::string& xml,
                           const std::map<std::string, std::string>& params = {},
                           communique::detail::pdf::render_options opts = {}) {
    rendered r;
    r.xml = xml;
    doc_ptr release = parse_xml(xml);
    doc_ptr fo = stylesheet().apply(release.get(), params);
    r.fo = stylesheet().serialize(fo.get());
    if (auto rendered = renderer().render(fo.get(), opts, r.pdf); !rendered)
        FAIL(name << ": " << rendered.error().message);
    r.pdf_path = scratch() / (name + ".pdf");
    r.fo_path = scratch() / (name + ".fo");
    spit(r.pdf_path, r.pdf);
    spit(r.fo_path, r.fo);
    return r;
}

// Every valid draft in fixtures/releases, as canonical XML through the
// library's own reader.
inline std::vector<fs::path> fixture_drafts() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(source_dir / "fixtures" / "releases"))
        if (e.path().extension() == ".md" || e.path().extension() == ".txt") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

inline std::string canonical_xml(const fs::path& draft) {
    static const communique::engine engine;
    const std::string formats[] = {"xml"};
    communique::result res = engine.convert(slurp(draft), formats);
    if (!res.ok() || res.outputs.empty()) FAIL(draft.filename().string() << ": the draft did not convert to XML");
    return res.outputs.front();
}

// Each fixture rendered once per test process.
inline const std::vector<std::pair<std::string, rendered>>& fixtures() {
    static const std::vector<std::pair<std::string, rendered>> all = [] {
        std::vector<std::pair<std::string, rendered>> out;
        for (const fs::path& draft : fixture_drafts()) {
            const std::string name = draft.stem().string();
            out.emplace_back(name, render_xml(name, canonical_xml(draft)));
        }
        return out;
    }();
    return all;
}

// ---- words --------------------------------------------------------------------------------------

// Words: runs of letters, marks and digits (any script).
inline std::vector<std::string> words(const std::string& utf8) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t start = i;
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, utf8.size(), c);
        const bool word_char = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
        if (word_char) {
            current.append(utf8, start, i - start);
        } else if (!current.empty()) {
            out.push_back(current);
            current.clear();
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

// The release's text in document order, the dateline's apart (it moves:
// run into the first paragraph, or set after the body).
struct release_text {
    std::string body, dateline;
};

inline void collect_text(xmlNode* n, release_text& out, bool in_dateline) {
    for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            (in_dateline ? out.dateline : out.body) += reinterpret_cast<const char*>(c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            const bool dl = in_dateline || xmlStrEqual(c->name, reinterpret_cast<const xmlChar*>("dateline"));
            (dl ? out.dateline : out.body) += ' ';
            collect_text(c, out, dl);
            (dl ? out.dateline : out.body) += ' ';
        }
    }
}

inline release_text text_of_release(const std::string& xml) {
    doc_ptr d = parse_xml(xml);
    release_text out;
    collect_text(xmlDocGetRootElement(d.get()), out, false);
    return out;
}

// Whitespace dropped: pdftotext breaks lines (and, in scripts written
// without spaces, words) where the PDF does.
inline std::string without_space(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += c;
    return out;
}

// ១២៣: Khmer digits are U+17E0 to U+17E9 (three bytes each in UTF-8).
inline std::string khmer_digits(int n) {
    std::string out;
    for (char c : std::to_string(n)) out += std::string("\xE1\x9F") + char(0xA0 + (c - '0'));
    return out;
}

// The footer's words by language, as a printer in that language sets them:
// {p} and {n} stand for the page and the number of pages.
struct footer_words {
    const char* lang;  // a primary language subtag, or zh-hant
    const char* pattern;
};
inline constexpr footer_words footers[] = {
    {"km", "ទំព័រ {p} នៃ {n}"},
    {"th", "หน้า {p} จาก {n}"},
    {"lo", "ໜ້າ {p} ຈາກ {n}"},
    {"vi", "Trang {p} / {n}"},
    {"ms", "Halaman {p} daripada {n}"},
    {"id", "Halaman {p} dari {n}"},
    {"fil", "Pahina {p} ng {n}"},
    {"my", "စာမျက်နှာ {p} / {n}"},
    {"zh-hant", "第{p}頁，共{n}頁"},
    {"zh", "第{p}页，共{n}页"},
    {"", "Page {p} of {n}"},
};

// The running footer fo.xsl writes on page `page` of `pages` of a release
// in the language `lang` (its xml:lang): Khmer with Khmer digits.
inline std::string expected_footer(std::string lang, int page, int pages) {
    for (char& c : lang) c = char(std::tolower(static_cast<unsigned char>(c)));
    const std::string primary = lang.substr(0, lang.find('-'));
    for (const footer_words& f : footers) {
        const std::string key = f.lang;
        if (!key.empty() && key != primary && !(key == "zh-hant" && lang.starts_with(key))) continue;
        std::string out = f.pattern;
        const bool khmer = key == "km";
        out.replace(out.find("{p}"), 3, khmer ? khmer_digits(page) : std::to_string(page));
        out.replace(out.find("{n}"), 3, khmer ? khmer_digits(pages) : std::to_string(pages));
        return out;
    }
    return {};
}

// The xml:lang of a release's root element.
inline std::string release_language(const std::string& xml) {
    const std::size_t root = xml.find("<release");
    const std::size_t at = xml.find("xml:lang=\"", root);
    if (root == std::string::npos || at == std::string::npos || at > xml.find('>', root)) return {};
    return xml.substr(at + 10, xml.find('"', at + 10) - (at + 10));
}

// A running footer's line: "Page 2 of 3", "ទំព័រ ២ នៃ ៣" or another
// language's of the table (any digits; pdftotext's spacing ignored).
inline bool is_footer(const std::string& line) {
    const std::string bare = without_space(line);
    // Decimal digits of any script from `at`, at least one: false when none.
    auto digits = [&](std::size_t& at) {
        const std::size_t from = at;
        while (at < bare.size()) {
            std::size_t next = at;
            UChar32 c = 0;
            U8_NEXT(reinterpret_cast<const std::uint8_t*>(bare.data()), next, bare.size(), c);
            if (u_charType(c) != U_DECIMAL_DIGIT_NUMBER) break;
            at = next;
        }
        return at > from;
    };
    for (const footer_words& f : footers) {
        const std::string pattern = without_space(f.pattern);
        const std::size_t p = pattern.find("{p}"), n = pattern.find("{n}");
        const std::string before = pattern.substr(0, p), between = pattern.substr(p + 3, n - p - 3),
                          after = pattern.substr(n + 3);
        std::size_t at = 0;
        if (!bare.starts_with(before)) continue;
        at = before.size();
        if (!digits(at) || bare.compare(at, between.size(), between) != 0) continue;
        at += between.size();
        if (digits(at) && bare.substr(at) == after) return true;
    }
    return false;
}

// pdftotext's text of a whole PDF without white space and without the
// running footers, which stand between the last line of one page and the
// first of the next.
inline std::string body_text(const fs::path& pdf) {
    std::istringstream in(run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(pdf) + " -"));
    std::string out;
    for (std::string line; std::getline(in, line);)
        if (!is_footer(line)) out += without_space(line);
    return out;
}

// The first word of `wanted` not found in `text` in order from `from`
// (empty when all are); `from` ends after the last one found.
inline std::string first_missing(const std::string& text, const std::vector<std::string>& wanted, std::size_t& from) {
    for (const std::string& w : wanted) {
        const std::size_t at = text.find(w, from);
        if (at == std::string::npos) return w;
        from = at + w.size();
    }
    return {};
}

// ---- content streams ----------------------------------------------------------------------------

// One text object of a page's content stream, as far as the tests care:
// the font resource, its size, the glyph codes shown and every glyph's
// origin relative to the text matrix, computed from TJ's numbers and the
// widths `width_of` reports.
struct shown_glyph {
    unsigned cid = 0;
    double x = 0, y = 0;
};
struct text_object {
    std::string font;  // resource name, F1
    double size = 0;
    std::vector<shown_glyph> glyphs;
};

// The page content streams of a PDF, uncompressed (qpdf --qdf), with the
// BaseFont of each font resource.
struct qdf_pdf {
    std::vector<std::string> contents;
    std::map<std::string, std::string> base_font;  // resource name -> BaseFont
    std::string text;                              // the whole QDF file
    std::map<std::string, std::string> objects;    // "N" -> from "N 0 obj" to "endobj"
};

inline qdf_pdf to_qdf(const fs::path& pdf) {
    qdf_pdf out;
    const fs::path qdf = pdf.string() + ".qdf";
    run(std::string(QPDF_EXE) + " --qdf --object-streams=disable " + quote(pdf) + " " + quote(qdf));
    out.text = slurp(qdf);
    const std::string& t = out.text;
    // Objects: "N 0 obj" ... "endobj".
    std::map<std::string, std::string>& objects = out.objects;
    for (std::size_t at = t.find(" 0 obj"); at != std::string::npos; at = t.find(" 0 obj", at + 1)) {
        std::size_t line = t.rfind('\n', at);
        line = line == std::string::npos ? 0 : line + 1;
        const std::string number = t.substr(line, at - line);
        const std::size_t end = t.find("endobj", at);
        objects[number] = t.substr(at, end - at);
    }
    for (const auto& [number, body] : objects) {
        if (body.find("/Type /Page\n") != std::string::npos || body.find("/Type /Page\r") != std::string::npos) {
            // /Contents N 0 R and /Font << /F1 N 0 R ... >>
            const std::size_t c = body.find("/Contents ");
            if (c != std::string::npos) {
                const std::string ref = body.substr(c + 10, body.find(' ', c + 10) - (c + 10));
                const std::string& stream = objects[ref];
                const std::size_t s = stream.find("stream\n") + 7;
                out.contents.push_back(stream.substr(s, stream.rfind("endstream") - s));
            }
            for (std::size_t f = body.find("/F"); f != std::string::npos; f = body.find("/F", f + 1)) {
                std::size_t e = f + 2;
                while (e < body.size() && std::isdigit(static_cast<unsigned char>(body[e]))) ++e;
                if (e == f + 2 || body[e] != ' ') continue;
                const std::size_t r = body.find(' ', e + 1);
                const std::string ref = body.substr(e + 1, r - e - 1);
                const std::string& font = objects[ref];
                const std::size_t b = font.find("/BaseFont /");
                if (b != std::string::npos)
                    out.base_font[body.substr(f + 1, e - f - 1)] =
                        font.substr(b + 11, font.find_first_of(" \n/>", b + 11) - (b + 11));
            }
        }
    }
    return out;
}

// /W of every CID font in a QDF file, by BaseFont: "/W [ c [ w ... ] ... ]".
inline std::map<std::string, std::map<unsigned, double>> cid_widths(const std::string& qdf) {
    std::map<std::string, std::map<unsigned, double>> out;
    for (std::size_t at = qdf.find("/Subtype /CIDFontType2"); at != std::string::npos;
         at = qdf.find("/Subtype /CIDFontType2", at + 1)) {
        const std::size_t obj = qdf.rfind(" 0 obj", at), end = qdf.find("endobj", at);
        const std::string body = qdf.substr(obj, end - obj);
        const std::size_t b = body.find("/BaseFont /");
        const std::string base = body.substr(b + 11, body.find_first_of(" \n", b + 11) - (b + 11));
        std::size_t w = body.find("/W [");
        REQUIRE(w != std::string::npos);
        std::istringstream in(body.substr(w + 3));
        std::string token;
        unsigned cid = 0;
        int depth = 0;
        while (in >> token) {
            if (token == "[") {
                ++depth;
            } else if (token == "]") {
                if (--depth == 0) break;
            } else if (depth == 2) {
                out[base][cid++] = std::stod(token);
            } else {
                cid = static_cast<unsigned>(std::stoul(token));
            }
        }
    }
    return out;
}

// A stream object's data, as QDF writes it (uncompressed).
inline std::string stream_data(const std::string& object) {
    const std::size_t s = object.find("stream\n");
    if (s == std::string::npos) return {};
    return object.substr(s + 7, object.rfind("endstream") - (s + 7));
}

// What each CID of every Type0 font means, by BaseFont, read from its
// /ToUnicode CMap (bfchar and bfrange entries).
inline std::map<std::string, std::map<unsigned, std::u16string>> to_unicode(const qdf_pdf& q) {
    std::map<std::string, std::map<unsigned, std::u16string>> out;
    auto hex_units = [](const std::string& hex) {
        std::u16string s;
        for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) s += char16_t(std::stoul(hex.substr(i, 4), nullptr, 16));
        return s;
    };
    for (const auto& [number, body] : q.objects) {
        if (body.find("/Subtype /Type0") == std::string::npos) continue;
        const std::size_t b = body.find("/BaseFont /"), t = body.find("/ToUnicode ");
        if (b == std::string::npos || t == std::string::npos) continue;
        const std::string base = body.substr(b + 11, body.find_first_of(" \n/>", b + 11) - (b + 11));
        const std::string ref = body.substr(t + 11, body.find(' ', t + 11) - (t + 11));
        const auto cmap_object = q.objects.find(ref);
        if (cmap_object == q.objects.end()) continue;
        std::istringstream in(stream_data(cmap_object->second));
        std::vector<std::string> tokens;
        for (std::string token; in >> token;) tokens.push_back(token);
        auto bare = [](const std::string& t) { return t.substr(1, t.size() - 2); };  // <...>
        std::map<unsigned, std::u16string>& map = out[base];
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i] == "beginbfchar") {
                for (i += 1; i + 1 < tokens.size() && tokens[i] != "endbfchar"; i += 2)
                    map[unsigned(std::stoul(bare(tokens[i]), nullptr, 16))] = hex_units(bare(tokens[i + 1]));
            } else if (tokens[i] == "beginbfrange") {
                for (i += 1; i + 2 < tokens.size() && tokens[i] != "endbfrange";) {
                    const unsigned lo = unsigned(std::stoul(bare(tokens[i]), nullptr, 16));
                    const unsigned hi = unsigned(std::stoul(bare(tokens[i + 1]), nullptr, 16));
                    if (tokens[i + 2] == "[") {
                        i += 3;
                        for (unsigned c = lo; c <= hi && tokens[i] != "]"; ++c, ++i)
                            map[c] = hex_units(bare(tokens[i]));
                        ++i;  // ]
                    } else {
                        std::u16string first = hex_units(bare(tokens[i + 2]));
                        for (unsigned c = lo; c <= hi && !first.empty(); ++c, ++first.back()) map[c] = first;
                        i += 3;
                    }
                }
            }
        }
    }
    return out;
}

// The text objects of a content stream. width_of(font, cid) is the glyph's
// /W width in thousandths of the em.
template <typename Width>
std::vector<text_object> text_objects(const std::string& content, Width width_of) {
    std::vector<text_object> out;
    std::vector<std::string> operands;
    text_object current;
    double rise = 0, pen = 0;
    auto space = [&](std::size_t i) { return std::isspace(static_cast<unsigned char>(content[i])) != 0; };
    for (std::size_t i = 0; i < content.size();) {
        const char ch = content[i];
        if (space(i)) {
            ++i;
        } else if (content.compare(i, 2, "<<") == 0) {
            // A marked-content property list (/Span <</ActualText ...>> BDC).
            i = content.find("BDC", i);
        } else if (ch == '[') {
            const std::size_t end = content.find(']', i);
            operands.push_back(content.substr(i + 1, end - i - 1));
            i = end + 1;
        } else if (ch == '<') {
            const std::size_t end = content.find('>', i);
            operands.push_back(content.substr(i, end - i + 1));
            i = end + 1;
        } else {
            std::size_t e = i + 1;
            while (e < content.size() && !space(e) && content[e] != '[' && content[e] != '/' && content[e] != '<')
                ++e;
            const std::string token = content.substr(i, e - i);
            i = e;
            if (token[0] == '/' || std::isdigit(static_cast<unsigned char>(token[0])) || token[0] == '-' ||
                token[0] == '.') {
                operands.push_back(token);
                continue;
            }
            if (token == "BT") {
                current = text_object{};
                rise = pen = 0;
            } else if (token == "Tf" && operands.size() >= 2) {
                current.font = operands[operands.size() - 2].substr(1);
                current.size = std::stod(operands.back());
            } else if (token == "Ts" && !operands.empty()) {
                rise = std::stod(operands.back());
            } else if (token == "TJ" && !operands.empty()) {
                const std::string& a = operands.back();
                for (std::size_t k = 0; k < a.size();) {
                    if (a[k] == '<') {
                        const std::size_t close = a.find('>', k);
                        for (std::size_t h = k + 1; h + 4 <= close; h += 4) {
                            const auto cid = static_cast<unsigned>(std::stoul(a.substr(h, 4), nullptr, 16));
                            current.glyphs.push_back({cid, pen, rise});
                            pen += width_of(current.font, cid) * current.size / 1000.0;
                        }
                        k = close + 1;
                    } else {
                        std::size_t e2 = k;
                        while (e2 < a.size() && a[e2] != '<') ++e2;
                        pen -= std::stod(a.substr(k, e2 - k)) * current.size / 1000.0;
                        k = e2;
                    }
                }
            } else if (token == "ET") {
                out.push_back(current);
            }
            operands.clear();
        }
    }
    return out;
}

// ---- images -------------------------------------------------------------------------------------

// A greyscale page image (pdftoppm -gray: binary PGM).
struct grey_image {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
    bool ink(int x, int y) const { return pixels[std::size_t(y) * std::size_t(width) + std::size_t(x)] < 128; }
};

inline grey_image page_image(const fs::path& pdf, int page, int dpi) {
    const fs::path prefix = pdf.string() + ".p" + std::to_string(page);
    run(std::string(PDFTOPPM_EXE) + " -r " + std::to_string(dpi) + " -gray -f " + std::to_string(page) + " -l " +
        std::to_string(page) + " -singlefile " + quote(pdf) + " " + quote(prefix));
    const std::string data = slurp(prefix.string() + ".pgm");
    grey_image img;
    // P5\n<w> <h>\n<max>\n<bytes>
    std::size_t at = 0;
    auto token = [&] {
        while (at < data.size() && std::isspace(static_cast<unsigned char>(data[at]))) ++at;
        std::size_t e = at;
        while (e < data.size() && !std::isspace(static_cast<unsigned char>(data[e]))) ++e;
        std::string t = data.substr(at, e - at);
        at = e;
        return t;
    };
    if (token() != "P5") return img;
    img.width = std::stoi(token());
    img.height = std::stoi(token());
    token();
    ++at;
    img.pixels.assign(data.begin() + std::ptrdiff_t(at), data.end());
    if (img.pixels.size() < std::size_t(img.width) * std::size_t(img.height)) img.width = img.height = 0;
    return img;
}

// A row band of ink: a line of text.
struct band {
    int top = 0, bottom = 0;  // rows, inclusive
    int left = 0, right = 0;  // leftmost and rightmost ink columns
};

inline std::vector<band> ink_bands(const grey_image& img) {
    std::vector<band> out;
    bool inside = false;
    for (int y = 0; y < img.height; ++y) {
        int left = -1, right = -1;
        for (int x = 0; x < img.width; ++x)
            if (img.ink(x, y)) {
                if (left < 0) left = x;
                right = x;
            }
        if (left >= 0) {
            if (!inside) out.push_back({y, y, left, right});
            band& b = out.back();
            b.bottom = y;
            b.left = std::min(b.left, left);
            b.right = std::max(b.right, right);
            inside = true;
        } else {
            inside = false;
        }
    }
    return out;
}

}  // namespace pdf_test
