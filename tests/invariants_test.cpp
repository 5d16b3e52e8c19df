// Invariants over every valid fixture: nothing is lost, the canonical draft
// reads back to the same release, plain text keeps to its width.
#include "fixtures.hpp"
#include "transform/text_layout.hpp"

#include <communique/communique.hpp>

#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <sstream>

using namespace communique;
namespace fs = std::filesystem;

namespace {

// The words of a text: runs of letters, marks and digits.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        UChar32 cp;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), cp);
        bool word = u_isalnum(cp) || u_getCombiningClass(cp) > 0 || u_charType(cp) == U_NON_SPACING_MARK ||
                    u_charType(cp) == U_COMBINING_SPACING_MARK;
        if (word) current.append(text.substr(start, i - start));
        else if (!current.empty()) out.push_back(std::move(current)), current.clear();
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

// The draft's words as CommonMark itself sees its text (emphasis and link
// targets gone), without list markers, which outputs write their own way.
std::vector<std::string> draft_words(const std::string& draft) {
    cmark_node* doc = cmark_parse_document(draft.data(), draft.size(), CMARK_OPT_DEFAULT);
    char* plain = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
    std::string text = plain;
    free(plain);
    cmark_node_free(doc);
    std::vector<std::string> out;
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        auto w = words(line);
        // "(a) ...", "IV. ...", "1. ...", "• ...": the marker is not text.
        std::string_view l = line;
        while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
        bool marker = !w.empty() && w[0].size() <= 4 && l.size() > w[0].size() + 1 &&
                      (l.starts_with("(" + w[0] + ")") || l.starts_with(w[0] + ".") || l.starts_with(w[0] + ")"));
        out.insert(out.end(), w.begin() + (marker ? 1 : 0), w.end());
    }
    return out;
}

bool spaceless_script(UChar32 cp) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &status);
    return script == USCRIPT_KHMER || script == USCRIPT_THAI || script == USCRIPT_LAO || script == USCRIPT_MYANMAR;
}

// A wrapped line break between two Khmer or Thai characters is a break
// inside a phrase, not a space: the lines are joined again.
std::string unwrap(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && !out.empty()) {
            std::size_t next = text.find_first_not_of(' ', i + 1);
            std::size_t back = out.size();
            U8_BACK_1(reinterpret_cast<const uint8_t*>(out.data()), 0, back);
            UChar32 before, after;
            std::size_t b = back, a = next;
            U8_NEXT(reinterpret_cast<const uint8_t*>(out.data()), b, out.size(), before);
            if (next != std::string::npos) {
                U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), a, text.size(), after);
                if (spaceless_script(before) && spaceless_script(after)) {
                    i = next - 1;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

// Every reference word appears in `text`, in order.
void check_in_order(const std::vector<std::string>& reference, const std::string& text, const std::string& what) {
    std::string haystack;
    for (const std::string& w : words(unwrap(text))) haystack += w + "\x1f";
    std::size_t at = 0;
    for (const std::string& w : reference) {
        std::size_t found = haystack.find(w, at);
        INFO(what << ": word '" << w << "' missing or out of order");
        REQUIRE(found != std::string::npos);
        at = found + w.size();
    }
}

std::string html_body_text(const std::string& html) {
    htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    REQUIRE(doc);
    xmlNodePtr body = nullptr;
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "body")) body = n;
    REQUIRE(body);
    // An image's words are its alternative text.
    std::vector<xmlNodePtr> todo{body};
    while (!todo.empty()) {
        xmlNodePtr n = todo.back();
        todo.pop_back();
        for (xmlNodePtr c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) todo.push_back(c);
        if (xmlStrEqual(n->name, BAD_CAST "img"))
            if (xmlChar* alt = xmlGetProp(n, BAD_CAST "alt")) {
                xmlAddNextSibling(n, xmlNewDocText(doc, alt));
                xmlFree(alt);
            }
    }
    xmlChar* content = xmlNodeGetContent(body);
    std::string text = reinterpret_cast<const char*>(content);
    xmlFree(content);
    xmlFreeDoc(doc);
    return text;
}

// The XML's text, with the dateline's words taken out of both sequences: the
// XML keeps the dateline in one place whatever its position in the draft.
void check_xml(std::vector<std::string> reference, const std::string& xml) {
    std::size_t open = xml.find("<dateline"), close = xml.find("</dateline>");
    REQUIRE(open != std::string::npos);
    std::string dateline = xml.substr(open, close - open);
    std::string rest = xml.substr(0, open) + xml.substr(close);
    auto strip_tags = [](std::string s) {
        // Inline elements sit inside words ("ចាប់ពី<date>ថ្ងៃទី១៨...</date>"): tags go without a trace,
        // but for a figure's alternative text, its words.
        for (std::size_t lt = s.find('<'); lt != std::string::npos; lt = s.find('<', lt)) {
            std::size_t gt = s.find('>', lt);
            std::string tag = s.substr(lt, gt - lt + 1), alt;
            if (std::size_t a = tag.find(" alt=\""); tag.starts_with("<figure") && a != std::string::npos)
                alt = " " + tag.substr(a + 6, tag.find('"', a + 6) - a - 6) + " ";
            s.replace(lt, gt - lt + 1, alt);
            lt += alt.size();
        }
        return s;
    };
    std::vector<std::string> dateline_words = words(strip_tags(dateline.substr(dateline.find('>') + 1)));
    auto it = std::search(reference.begin(), reference.end(), dateline_words.begin(), dateline_words.end());
    REQUIRE(it != reference.end());
    reference.erase(it, it + static_cast<long>(dateline_words.size()));
    check_in_order(reference, strip_tags(rest), "xml");
}

}  // namespace

TEST_CASE("nothing is lost: every word of a draft is in every output, in order", "[invariants]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    INFO(draft.filename().string());
    static const engine e;
    std::string bytes = test::slurp(draft);
    result r = e.convert(bytes, std::vector<std::string>{"xml", "html", "txt", "draft"});
    REQUIRE(r.ok());
    std::vector<std::string> reference = draft_words(bytes);
    REQUIRE(reference.size() > 20);
    check_xml(reference, r.outputs[0]);
    check_in_order(reference, html_body_text(r.outputs[1]), "html");
    check_in_order(reference, r.outputs[2], "txt");
    check_in_order(reference, r.outputs[3], "draft");
}

TEST_CASE("the canonical draft reads back to the same release, and is a fixed point", "[invariants]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    INFO(draft.filename().string());
    static const engine e;
    result first = e.convert(test::slurp(draft), std::vector<std::string>{"xml", "draft"});
    REQUIRE(first.ok());
    result again = e.convert(first.outputs[1], std::vector<std::string>{"xml", "draft"});
    REQUIRE(again.ok());
    CHECK(again.outputs[0] == first.outputs[0]);
    CHECK(again.outputs[1] == first.outputs[1]);
}

// Each date of a release XML: its ISO value, its printed text, its language.
struct date_seen {
    std::string when, text, lang;
};

std::vector<date_seen> dates_of(const std::string& xml) {
    std::vector<date_seen> out;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET);
    REQUIRE(doc);
    auto text = [](xmlChar* s) {
        std::string v = s ? reinterpret_cast<const char*>(s) : "";
        xmlFree(s);
        return v;
    };
    std::vector<xmlNodePtr> todo{xmlDocGetRootElement(doc)};
    while (!todo.empty()) {
        xmlNodePtr n = todo.back();
        todo.pop_back();
        for (xmlNodePtr c = n->last; c; c = c->prev)
            if (c->type == XML_ELEMENT_NODE) todo.push_back(c);
        if (xmlStrEqual(n->name, BAD_CAST "date"))
            out.push_back({text(xmlGetProp(n, BAD_CAST "when")), text(xmlNodeGetContent(n)), text(xmlNodeGetLang(n))});
    }
    xmlFreeDoc(doc);
    return out;
}

// A date as the draft writer's date-format writes it in English.
std::string written(const std::string& when, const std::string& format) {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y = 0, m = 0, d = 0;
    REQUIRE(std::sscanf(when.c_str(), "%d-%d-%d", &y, &m, &d) == 3);
    std::ostringstream out;
    if (format == "iso") out << when;
    else if (format == "day-month-year") out << d << ' ' << months[m - 1] << ' ' << when.substr(0, 4);
    else out << months[m - 1] << ' ' << d << ", " << when.substr(0, 4);
    return out.str();
}

TEST_CASE("a date format rewrites the dates of English text, to the same days, and is a fixed point",
          "[invariants]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    const std::string format = GENERATE(as<std::string>{}, "day-month-year", "month-day-year", "iso");
    INFO(draft.filename().string() << ", date-format " << format);
    static std::map<std::string, engine> engines;
    if (!engines.count(format)) {
        options opts;
        opts.parameters["date-format"] = format;
        engines.emplace(format, engine(opts));
    }
    const engine& e = engines.at(format);
    result first = e.convert(test::slurp(draft), std::vector<std::string>{"xml", "draft"});
    REQUIRE(first.ok());
    result again = e.convert(first.outputs[1], std::vector<std::string>{"xml", "draft"});
    REQUIRE(again.ok());
    CHECK(again.outputs[1] == first.outputs[1]);
    std::vector<date_seen> before = dates_of(first.outputs[0]), after = dates_of(again.outputs[0]);
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        INFO(before[i].text << " (" << before[i].when << ", " << before[i].lang << ")");
        CHECK(after[i].when == before[i].when);
        CHECK(after[i].lang == before[i].lang);
        if (before[i].lang == "en" || before[i].lang.starts_with("en-"))
            CHECK(after[i].text == written(before[i].when, format));
        else
            CHECK(after[i].text == before[i].text);
    }
}

// A line that starts with a mark, or ends with a Khmer COENG, was cut inside
// a grapheme cluster.
bool cut_inside_cluster(const std::string& line) {
    std::size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) return false;
    std::size_t i = first;
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const uint8_t*>(line.data()), i, line.size(), cp);
    int type = u_charType(cp);
    bool starts_with_mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
    return starts_with_mark || line.ends_with("\u17D2");
}

TEST_CASE("plain text keeps to its width", "[invariants]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    INFO(draft.filename().string());
    for (unsigned width : {72u, 50u, 40u}) {
        options opts;
        opts.text_width = width;
        result r = engine(opts).convert(test::slurp(draft), std::vector<std::string>{"txt"});
        REQUIRE(r.ok());
        std::stringstream lines(r.outputs[0]);
        for (std::string line; std::getline(lines, line);) {
            INFO("width " << width << ": " << line);
            CHECK(communique::detail::display_width(line) <= width);
            CHECK_FALSE(cut_inside_cluster(line));
        }
    }
}

TEST_CASE("the same input gives the same bytes", "[invariants]") {
    const fs::path draft = test::fixtures("releases").front();
    engine a, b;
    std::vector<std::string> all{"xml", "html", "txt", "draft", "nitf"};
    CHECK(a.convert(test::slurp(draft), all).outputs == b.convert(test::slurp(draft), all).outputs);
}
