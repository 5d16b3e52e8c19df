// Justification read back from the PDF's bytes, not from the layout
// (test_justify.cpp does that): the content streams of the Khmer releases
// are parsed, every glyph's position is computed from its TJ array and the
// fonts' /W widths, and compared with HarfBuzz's shaping of the same text
// done here (hb_oracle.hpp). What shaping explains - kerning, marks placed
// over their base, /W's rounding - is taken out; what is left of each TJ
// number is what justification added, and it must sit right after a glyph
// that /ToUnicode maps to a space. A stretch inside a Khmer phrase
// ("ការក្រ សួង") is a number between two letters that shaping does not
// explain, and fails the test.
#include "hb_oracle.hpp"
#include "support.hpp"

#include <memory>
#include <optional>

using namespace pdf_test;

namespace {

// A text object as the content stream draws it: where it starts (Tm or Td), its
// font and size, the /ActualText of the marked content around it, and its
// TJ arrays in order: glyph codes and the numbers between them.
struct tj_item {
    bool glyph = false;
    unsigned cid = 0;  // glyph
    double number = 0;  // not a glyph: thousandths of the em, subtracted from the pen
};
struct drawn_text {
    std::string font;  // resource name
    double size = 0, x = 0, y = 0;
    std::optional<std::u16string> actual_text;
    std::vector<tj_item> items;
};

// The content stream's text objects. Fails on what the writer never uses
// and the computation below does not follow (TD, T*, Tj with a literal, a
// matrix with scaling); Tc, Tw and Tz are returned in `spacing` instead:
// they would stretch the text without any TJ number.
std::vector<drawn_text> parse_content(const std::string& s, std::vector<std::string>& spacing) {
    std::vector<drawn_text> out;
    std::vector<std::string> operands;
    std::vector<std::optional<std::u16string>> marked;  // per open BDC/BMC: its /ActualText
    std::vector<tj_item> array;
    bool in_array = false;
    drawn_text current;
    auto hex16 = [](const std::string& hex) {
        std::u16string u;
        for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) u += char16_t(std::stoul(hex.substr(i, 4), nullptr, 16));
        return u;
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (s.compare(i, 2, "<<") == 0) {
            // A property list: kept whole (nested dictionaries counted).
            int depth = 0;
            std::size_t e = i;
            do {
                if (s.compare(e, 2, "<<") == 0) {
                    ++depth;
                    e += 2;
                } else if (s.compare(e, 2, ">>") == 0) {
                    --depth;
                    e += 2;
                } else if (s[e] == '<') {
                    e = s.find('>', e) + 1;  // a hex string
                } else {
                    ++e;
                }
            } while (depth > 0 && e < s.size());
            operands.push_back(s.substr(i, e - i));
            i = e;
        } else if (c == '<') {
            const std::size_t e = s.find('>', i);
            const std::string hex = s.substr(i + 1, e - i - 1);
            if (in_array) {
                for (std::size_t h = 0; h + 4 <= hex.size(); h += 4)
                    array.push_back({true, unsigned(std::stoul(hex.substr(h, 4), nullptr, 16)), 0});
            } else {
                operands.push_back(s.substr(i, e - i + 1));
            }
            i = e + 1;
        } else if (c == '(') {
            // A literal string (/Lang(km)): skipped, escapes and nesting honoured.
            int depth = 0;
            std::size_t e = i;
            for (; e < s.size(); ++e) {
                if (s[e] == '\\') ++e;
                else if (s[e] == '(') ++depth;
                else if (s[e] == ')' && --depth == 0) break;
            }
            REQUIRE(!in_array);  // the writer shows glyphs as hex strings only
            operands.push_back(s.substr(i, e - i + 1));
            i = e + 1;
        } else if (c == '[') {
            in_array = true;
            array.clear();
            ++i;
        } else if (c == ']') {
            in_array = false;
            operands.emplace_back("[]");
            ++i;
        } else {
            std::size_t e = i + 1;
            while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) &&
                   std::string_view("[]<>()/").find(s[e]) == std::string_view::npos)
                ++e;
            const std::string token = s.substr(i, e - i);
            i = e;
            const bool number = std::isdigit(static_cast<unsigned char>(token[0])) || token[0] == '-' ||
                                token[0] == '.' || token[0] == '+';
            if (in_array) {
                REQUIRE(number);
                array.push_back({false, 0, std::stod(token)});
                continue;
            }
            if (number || token[0] == '/') {
                operands.push_back(token);
                continue;
            }
            if (token == "BDC") {
                std::optional<std::u16string> actual;
                const std::string& props = operands.back();
                const std::size_t at = props.find("/ActualText");
                if (at != std::string::npos) {
                    const std::size_t open = props.find('<', at), close = props.find('>', open);
                    std::string hex = props.substr(open + 1, close - open - 1);
                    for (char& h : hex) h = char(std::toupper(static_cast<unsigned char>(h)));
                    REQUIRE(hex.starts_with("FEFF"));
                    actual = hex16(hex.substr(4));
                }
                marked.push_back(actual);
            } else if (token == "BMC") {
                marked.emplace_back();
            } else if (token == "EMC") {
                REQUIRE(!marked.empty());
                marked.pop_back();
            } else if (token == "BT") {
                current = drawn_text{};
                for (const auto& m : marked)
                    if (m) current.actual_text = m;
            } else if (token == "Tf") {
                current.font = operands[operands.size() - 2].substr(1);
                current.size = std::stod(operands.back());
            } else if (token == "Tm") {
                REQUIRE(operands.size() >= 6);
                REQUIRE(std::stod(operands[operands.size() - 6]) == 1);  // no horizontal scaling
                current.x = std::stod(operands[operands.size() - 2]);
                current.y = std::stod(operands.back());
            } else if (token == "Td") {
                // A move of the line's start; the writer's text matrices
                // are translations (and a skew), so it adds to x and y.
                REQUIRE(operands.size() >= 2);
                current.x += std::stod(operands[operands.size() - 2]);
                current.y += std::stod(operands.back());
            } else if (token == "TJ") {
                current.items.insert(current.items.end(), array.begin(), array.end());
            } else if (token == "ET") {
                out.push_back(std::move(current));
            } else if (token == "Tc" || token == "Tw" || token == "Tz") {
                if (std::stod(operands.back()) != (token == "Tz" ? 100 : 0)) spacing.push_back(token);
            } else if (token == "TD" || token == "T*" || token == "Tj" || token == "'" ||
                       token == "\"") {
                FAIL("the test does not follow the operator " << token);
            }
            operands.clear();
        }
    }
    return out;
}

std::string utf8(const std::u16string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        UChar32 c = 0;
        U16_NEXT(s.data(), i, s.size(), c);
        char buf[4];
        std::int32_t n = 0;
        U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
        out.append(buf, std::size_t(n));
    }
    return out;
}

// What the check found in one PDF.
struct stretches {
    int text_objects = 0, glyphs = 0;
    int at_spaces = 0;                 // justification after a space glyph
    int joined = 0;                    // line ends read with the rest of their word
    std::vector<std::string> inside;   // anywhere else: what the text is there
    std::vector<std::string> spacing;  // Tc, Tw, Tz
};

// Every glyph's position from the PDF against HarfBuzz's for the same text;
// what is left over must follow a space.
stretches justification_in_stream(const fs::path& pdf, const char* language) {
    stretches out;
    const qdf_pdf q = to_qdf(pdf);
    auto widths = cid_widths(q.text);
    const auto meanings = to_unicode(q);
    std::map<std::string, std::unique_ptr<hb_file_font>> fonts;  // by BaseFont
    constexpr double tolerance = 0.01;                             // points: rounding is a thousandth of that
    std::u16string moved;  // read at a line's end, drawn at the next line's start
    for (const std::string& content : q.contents) {
        const std::vector<drawn_text> objects = parse_content(content, out.spacing);
        // Where the previous text object on the same baseline ended, as
        // shaping would have it, and whether its last glyph was a space.
        std::optional<double> line_y, previous_end;
        bool previous_ends_in_space = false;
        for (std::size_t t = 0; t < objects.size(); ++t) {
            const drawn_text& d = objects[t];
            const std::string& base = q.base_font.at(d.font);
            const std::string postscript = base.substr(base.find('+') + 1);
            auto& font = fonts[base];
            if (!font) font = std::make_unique<hb_file_font>(font_file(":postscriptname=" + postscript));
            REQUIRE(hb_face_get_glyph_count(font->face) > 0);
            const std::map<unsigned, std::u16string>& meaning = meanings.at(base);
            std::vector<unsigned> cids;
            std::u16string read;
            for (const tj_item& it : d.items)
                if (it.glyph) {
                    cids.push_back(it.cid);
                    const auto m = meaning.find(it.cid);
                    if (m != meaning.end()) read += m->second;
                }
            if (cids.empty()) continue;
            auto shaped = [&](const std::u16string& s, double* end = nullptr) {
                const bool khmer =
                    std::any_of(s.begin(), s.end(), [](char16_t c) { return c >= 0x1780 && c <= 0x17FF; });
                return shape(*font, s, d.size, HB_SCRIPT_INVALID, khmer ? "km" : language, end);
            };
            auto ids = [&](const std::u16string& s) {
                std::vector<unsigned> out;
                for (const hb_glyph& g : shaped(s)) out.push_back(g.gid);
                return out;
            };
            // The text the glyphs draw: the /ActualText, or /ToUnicode's
            // reading. At a line end inside a word the /ActualText also
            // holds the rest of the word, drawn at the next line's start
            // under an empty /ActualText: the drawn text is a prefix.
            std::u16string text = d.actual_text.value_or(read);
            if (d.actual_text && d.actual_text->empty()) {
                INFO("glyphs under an empty /ActualText, '" << utf8(moved) << "' read above");
                std::size_t k = 1;
                while (k <= moved.size() && ids(moved.substr(0, k)) != cids) ++k;
                REQUIRE(k <= moved.size());
                text = moved.substr(0, k);
                moved.erase(0, k);
            } else if (ids(text) != cids && d.actual_text) {
                INFO("/ActualText '" << utf8(text) << "'");
                CHECK(without_space(utf8(moved)).empty());
                std::size_t k = text.size();
                std::u16string drawn;
                for (; k-- > 1 && drawn.empty();)
                    for (const std::u16string tail : {u"", u"-"})
                        if (ids(text.substr(0, k) + tail) == cids) drawn = text.substr(0, k) + tail;
                REQUIRE(!drawn.empty());
                moved = text.substr(drawn.back() == u'-' && text[drawn.size() - 1] != u'-' ? drawn.size() - 1
                                                                                            : drawn.size());
                text = drawn;
                ++out.joined;
            }
            INFO("text object: '" << utf8(text) << "' in " << base);
            double natural_end = 0;
            const std::vector<hb_glyph> expected = shaped(text, &natural_end);
            std::vector<unsigned> expected_cids;
            for (const hb_glyph& g : expected) expected_cids.push_back(g.gid);
            REQUIRE(cids == expected_cids);  // CIDs are glyph IDs (/CIDToGIDMap /Identity)
            ++out.text_objects;
            out.glyphs += int(cids.size());

            auto is_space = [&](unsigned cid) {
                const auto m = meaning.find(cid);
                return m != meaning.end() && m->second == u" ";
            };
            auto at = [&](std::size_t k) {  // the text around glyph k, for the report
                std::u16string around;
                for (std::size_t j = k > 3 ? k - 3 : 0; j < std::min(cids.size(), k + 4); ++j) {
                    const auto m = meaning.find(cids[j]);
                    around += (j == k ? u"|" : u"") + (m == meaning.end() ? u"?" : m->second);
                }
                return utf8(around);
            };
            // A new line: its first text object may start anywhere.
            const bool same_line = line_y && std::abs(*line_y - d.y) < 0.001;
            if (same_line && previous_end) {
                const double gap = d.x - *previous_end;
                if (std::abs(gap) > tolerance) {
                    if (previous_ends_in_space) ++out.at_spaces;
                    else out.inside.push_back("between text objects, before '" + utf8(text) + "'");
                }
            }
            // The pen through the TJ array; the glyph at index k is drawn at x[k].
            std::vector<double> x;
            double pen = 0;
            for (const tj_item& it : d.items) {
                if (!it.glyph) {
                    pen -= it.number * d.size / 1000;
                    continue;
                }
                x.push_back(pen);
                pen += widths[base][it.cid] * d.size / 1000;
            }
            // The last glyph of a line, when it is a hyphen the renderer
            // added, was not shaped with the letters before it (they were
            // kerned with the rest of the word, on the next line).
            const bool line_ends_here = t + 1 == objects.size() || std::abs(objects[t + 1].y - d.y) >= 0.001;
            const auto last_meaning = meaning.find(cids.back());
            const bool ends_in_hyphen = line_ends_here && last_meaning != meaning.end() && last_meaning->second == u"-";
            for (std::size_t k = 1; k < cids.size(); ++k) {
                const double step = (x[k] - expected[k].x) - (x[k - 1] - expected[k - 1].x);
                if (std::abs(step) <= tolerance || (ends_in_hyphen && k + 1 == cids.size())) continue;
                if (is_space(cids[k - 1])) ++out.at_spaces;
                else out.inside.push_back(at(k) + " (" + std::to_string(step) + " pt)");
            }
            line_y = d.y;
            previous_end = d.x + x.back() - expected.back().x + natural_end;
            previous_ends_in_space = is_space(cids.back());
        }
    }
    CHECK(without_space(utf8(moved)).empty());  // all of it drawn
    return out;
}

void check_stream(const std::string& name, const std::string& xml, const char* language) {
    const rendered r = render_xml(name, xml);
    const stretches s = justification_in_stream(r.pdf_path, language);
    INFO(name << ": " << s.text_objects << " text objects, " << s.glyphs << " glyphs");
    CHECK(s.text_objects > 15);
    CHECK(s.spacing.empty());      // no Tc, Tw or Tz: TJ numbers are all there is
    CHECK(s.at_spaces > 0);        // the justified lines do stretch, at their spaces
    for (const std::string& where : s.inside) {
        INFO("stretched inside a word: " << where);
        CHECK(false);
    }
}

}  // namespace

TEST_CASE("pdf: in the Khmer releases' content streams every justification number follows a space",
          "[pdf][khmer][justify]") {
    SECTION("tests/pdf/khmer_release.xml") {
        check_stream("stream-khmer-release", slurp(source_dir / "tests" / "pdf" / "khmer_release.xml"), "km");
    }
    for (const char* stem : {"2024-04-12-km-trade-delegation", "2024-05-20-km-lunar-header",
                             "2024-06-18-km-en-bilingual-statement"}) {
        SECTION(stem) {
            const std::string xml = canonical_xml(source_dir / "fixtures" / "releases" / (std::string(stem) + ".md"));
            // The bilingual statement is in English with Khmer paragraphs:
            // Khmer text is shaped as "km" whatever the release's language.
            check_stream(std::string("stream-") + stem, xml, release_language(xml).c_str());
        }
    }
}
