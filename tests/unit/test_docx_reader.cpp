// Focused tests of the DOCX reader: the fixtures in tests/unit/docx (made by
// make.py with python-docx and by hand) read into the model they should
// give, positions included (paragraph:character), and hostile archives built
// here at run time (a zip bomb is too big to keep in the repository).
#include "read/readers.hpp"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace communique::detail;
using communique::source_position;

namespace {

std::string fixture(const char* name) {
    std::ifstream in(std::string(CQ_SOURCE_DIR "/tests/unit/docx/") + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The text of a textual block's lines, joined by "|" where a line breaks.
std::string lines_of(const block& b) {
    std::string out;
    for (const line& l : b.lines) out += (out.empty() ? "" : "|") + l.text;
    return out;
}

source_position at(std::uint32_t p, std::uint32_t c) { return {p, c}; }

// The run whose text is exactly `text`.
const run& run_of(const block& b, std::string_view text) {
    for (const run& r : b.runs)
        if (r.text == text) return r;
    FAIL("no run \"" << std::string(text) << "\" in \"" << lines_of(b) << "\"");
    return b.runs.front();
}

std::string link_of(const block& b, const run& r) {
    for (std::uint32_t m : r.marks)
        if (b.marks[m].kind == mark_kind::link) return b.marks[m].target;
    return {};
}

// ------------------------------------------------------------ a zip writer

// zlib's CRC-32, as a zip's entries carry it.
std::uint32_t crc32_of(std::string_view data) {
    return static_cast<std::uint32_t>(
        ::crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

struct zip_entry {
    std::string name;
    std::string data;            // as stored: raw deflate when method is 8
    std::uint16_t method = 0;    // 0 stored, 8 deflated
    std::uint32_t size = 0;      // declared uncompressed size
    std::uint32_t crc = 0;
    std::uint16_t flags = 0;     // bit 0: encrypted
};

zip_entry stored(std::string name, std::string data) {
    zip_entry e{std::move(name), std::move(data)};
    e.size = static_cast<std::uint32_t>(e.data.size());
    e.crc = crc32_of(e.data);
    return e;
}

// A zip archive of the entries, with no data descriptors and no zip64.
std::string zip(const std::vector<zip_entry>& entries) {
    std::string out, directory;
    auto u16 = [](std::string& s, std::uint32_t v) {
        s += static_cast<char>(v & 0xFF);
        s += static_cast<char>((v >> 8) & 0xFF);
    };
    auto u32 = [&](std::string& s, std::uint32_t v) {
        u16(s, v & 0xFFFF);
        u16(s, v >> 16);
    };
    for (const zip_entry& e : entries) {
        auto offset = static_cast<std::uint32_t>(out.size());
        auto header = [&](std::string& s, bool central) {
            u32(s, central ? 0x02014b50 : 0x04034b50);
            if (central) u16(s, 20);  // made by
            u16(s, 20);               // needed to extract
            u16(s, e.flags);
            u16(s, e.method);
            u16(s, 0), u16(s, 0x21);  // time, date (1980-01-01)
            u32(s, e.crc);
            u32(s, static_cast<std::uint32_t>(e.data.size()));
            u32(s, e.size);
            u16(s, static_cast<std::uint32_t>(e.name.size()));
            u16(s, 0);  // extra field
            if (central) {
                u16(s, 0), u16(s, 0), u16(s, 0);  // comment, disk, internal attributes
                u32(s, 0);                        // external attributes
                u32(s, offset);
            }
            s += e.name;
        };
        header(out, false);
        out += e.data;
        header(directory, true);
    }
    auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    u32(out, 0x06054b50);
    u16(out, 0), u16(out, 0);
    u16(out, static_cast<std::uint32_t>(entries.size())), u16(out, static_cast<std::uint32_t>(entries.size()));
    u32(out, static_cast<std::uint32_t>(directory.size()));
    u32(out, directory_offset);
    u16(out, 0);
    return out;
}

const char* w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// A .docx of one hand-written body (stored, not deflated).
std::string docx_of(const std::string& body) {
    return zip({stored("word/document.xml", std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body>" + body +
                                                "</w:body></w:document>")});
}

// A raw deflate stream that inflates to `n` zero bytes at about 1/1000 of
// their size: one literal zero, then matches of 258 bytes at distance 1,
// each two bits under a dynamic Huffman code made for them.
std::string zeros_deflated(std::uint64_t n) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    auto put = [&](std::uint32_t value, int count) {  // LSB first, as deflate packs
        for (int i = 0; i < count; ++i) {
            acc |= ((value >> i) & 1u) << bits;
            if (++bits == 8) {
                out += static_cast<char>(acc);
                acc = 0;
                bits = 0;
            }
        }
    };
    auto code = [&](std::uint32_t c, int length) {  // Huffman codes go most significant bit first
        for (int i = length - 1; i >= 0; --i) put((c >> i) & 1u, 1);
    };
    put(1, 1);   // final block
    put(2, 2);   // dynamic Huffman codes
    put(29, 5);  // 286 literal/length codes
    put(0, 5);   // 1 distance code
    put(14, 4);  // 18 code length codes
    // Code length code lengths in their order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
    // 18 gets 1 bit (code 0), 1 and 2 get 2 bits (codes 10 and 11).
    const int order_lengths[18] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2};
    for (int l : order_lengths) put(static_cast<std::uint32_t>(l), 3);
    // Literal/length lengths: 0 -> 2, 1..255 -> 0, 256 -> 2, 257..284 -> 0, 285 -> 1; distance 0 -> 1.
    code(3, 2);                 // length 2 (symbol 0)
    code(0, 1), put(127, 7);    // 138 zeros
    code(0, 1), put(106, 7);    // 117 zeros
    code(3, 2);                 // length 2 (symbol 256)
    code(0, 1), put(17, 7);     // 28 zeros
    code(2, 2);                 // length 1 (symbol 285)
    code(2, 2);                 // length 1 (distance 0)
    // Codes: 285 -> 0, 0 -> 10, 256 -> 11; distance 0 -> 0.
    code(2, 2);  // the literal zero
    out.reserve(static_cast<std::size_t>(n / 1000));
    for (std::uint64_t matches = (n - 1) / 258; matches > 0; --matches) put(0, 2);  // 258 zeros each
    for (std::uint64_t left = (n - 1) % 258; left > 0; --left) code(2, 2);  // the rest as literal zeros
    code(3, 2);  // end of block
    if (bits) out += static_cast<char>(acc);
    return out;
}

bool has_rule(const document& d, std::string_view rule) {
    for (const auto& diag : d.diagnostics)
        if (diag.rule == rule) return true;
    return false;
}

}  // namespace

TEST_CASE("docx: bold comes from direct formatting, character styles and paragraph styles", "[docx]") {
    document d = read_docx(fixture("styles.docx"), {});
    REQUIRE(d.diagnostics.empty());
    REQUIRE(d.blocks.size() >= 8);

    const block& title = d.blocks[0];
    CHECK(title.kind == block_kind::heading);
    CHECK(title.level == 1);
    CHECK(lines_of(title) == "Title Text");
    CHECK(title.runs[0].size > 2.0f);  // 26 pt over an 11 pt body
    CHECK(title.where.begin == at(1, 1));
    CHECK(title.where.end == at(1, 11));

    const block& mixed = d.blocks[1];
    CHECK(lines_of(mixed) == "plain bold and loud not");
    CHECK_FALSE(has_mark(mixed, run_of(mixed, "plain "), mark_kind::strong));
    const run& bold = run_of(mixed, "bold");
    CHECK(has_mark(mixed, bold, mark_kind::strong));  // direct
    CHECK(bold.where.begin == at(2, 7));
    CHECK(bold.where.end == at(2, 11));
    CHECK(has_mark(mixed, run_of(mixed, "loud"), mark_kind::strong));  // character style "Loud"
    CHECK_FALSE(has_mark(mixed, run_of(mixed, " not"), mark_kind::strong));
    CHECK_FALSE(mixed.bold());

    // "Derived" is based on "Base Bold", which is bold; Derived centres.
    const block& derived = d.blocks[2];
    CHECK(derived.bold());
    CHECK(derived.align == alignment::centre);
    CHECK(derived.where.begin == at(3, 1));

    // A toggle turned off directly wins over the style.
    const block& off = d.blocks[3];
    CHECK(has_mark(off, run_of(off, "Bold but "), mark_kind::strong));
    CHECK_FALSE(has_mark(off, run_of(off, "not this"), mark_kind::strong));
    CHECK(run_of(off, "not this").where.begin == at(4, 10));

    // Paragraph 5 is empty: no block, but it is counted.
    const block& centred = d.blocks[4];
    CHECK(lines_of(centred) == "Centred");
    CHECK(centred.align == alignment::centre);
    CHECK(centred.where.begin == at(6, 1));

    const block& sized = d.blocks[5];
    CHECK(run_of(sized, "Big").size == Approx(2.0f));  // 22 pt over 11 pt
    CHECK(run_of(sized, " CAPS").caps);  // printed in capitals, and read so
    const run& it = run_of(sized, " it");
    CHECK(has_mark(sized, it, mark_kind::emphasis));
    CHECK(has_mark(sized, it, mark_kind::underline));
    CHECK(it.where.begin == at(7, 9));
}

TEST_CASE("docx: line breaks, tabs, page breaks, headings, tables and indentation", "[docx]") {
    document d = read_docx(fixture("styles.docx"), {});
    REQUIRE(d.diagnostics.empty());
    const block& two_lines = d.blocks[6];
    CHECK(lines_of(two_lines) == "First line|second\tline");
    REQUIRE(two_lines.runs.size() >= 2);
    CHECK(two_lines.runs[1].kind == run_kind::hard_break);
    CHECK(two_lines.runs[1].where.begin == at(8, 11));
    CHECK(two_lines.lines[1].begin == at(8, 12));
    CHECK(two_lines.where.end == at(8, 23));

    // A page break inside paragraph 9 cuts it in two around a page_break block.
    CHECK(lines_of(d.blocks[7]) == "Before");
    CHECK(d.blocks[8].kind == block_kind::page_break);
    CHECK(d.blocks[8].where.begin == at(9, 7));
    CHECK(lines_of(d.blocks[9]) == "After");
    CHECK(d.blocks[9].runs[0].where.begin == at(9, 8));

    const block& heading = d.blocks[10];
    CHECK(heading.kind == block_kind::heading);
    CHECK(heading.level == 2);
    CHECK(heading.where.begin == at(10, 1));

    const block& table = d.blocks[11];
    REQUIRE(table.kind == block_kind::table);
    REQUIRE(table.children.size() == 2);
    REQUIRE(table.children[1].children.size() == 2);
    const block& cell = table.children[1].children[1];
    CHECK(cell.kind == block_kind::table_cell);
    REQUIRE(cell.children.size() == 1);
    CHECK(lines_of(cell.children[0]) == "r1c1");
    CHECK(cell.children[0].where.begin == at(14, 1));  // the table's paragraphs are counted

    const block& indented = d.blocks[12];
    CHECK(lines_of(indented) == "After table");
    CHECK(indented.indent == 36);
    CHECK(indented.where.begin == at(15, 1));

    // python-docx's "List Bullet" style numbers its paragraphs.
    const block& bullets = d.blocks[13];
    REQUIRE(bullets.kind == block_kind::list);
    CHECK_FALSE(bullets.ordered);
    CHECK(bullets.marker == "•");
    CHECK(bullets.children.size() == 2);
    CHECK(d.end == at(17, 11));
}

TEST_CASE("docx: numbered paragraphs become nested lists with their printed markers", "[docx]") {
    document d = read_docx(fixture("lists.docx"), {});
    REQUIRE(d.diagnostics.empty());
    REQUIRE(d.blocks.size() == 5);
    CHECK(lines_of(d.blocks[0]) == "Intro");

    const block& numbered = d.blocks[1];
    REQUIRE(numbered.kind == block_kind::list);
    CHECK(numbered.ordered);
    CHECK(numbered.marker == "1.");
    REQUIRE(numbered.children.size() == 2);
    const block& one = numbered.children[0];
    CHECK(one.marker == "1.");
    REQUIRE(one.children.size() == 2);
    CHECK(lines_of(one.children[0]) == "One");
    CHECK(one.children[0].where.begin == at(2, 1));
    const block& letters = one.children[1];
    REQUIRE(letters.kind == block_kind::list);
    CHECK(letters.marker == "(a)");
    REQUIRE(letters.children.size() == 2);
    CHECK(letters.children[1].marker == "(b)");
    CHECK(lines_of(letters.children[1].children[0]) == "Sub b");
    // "%1.%2.%3" with a decimal, a letter and a Roman numeral.
    CHECK(letters.children[1].children[1].children[0].marker == "1.b.i");
    const block& two = numbered.children[1];
    CHECK(two.marker == "2.");
    // The deeper level restarts under a new item.
    CHECK(two.children[1].children[0].marker == "(a)");
    CHECK(two.children[1].children[0].children[0].where.begin == at(7, 1));

    const block& bullets = d.blocks[3];
    CHECK_FALSE(bullets.ordered);
    CHECK(bullets.marker == "•");  // the Symbol font's U+F0B7
    REQUIRE(bullets.children.size() == 2);
    CHECK(bullets.children[0].children[1].marker == "o");

    // w:startOverride starts another numbering of the same list at 5.
    CHECK(d.blocks[4].marker == "5.");
    CHECK(d.blocks[4].where.begin == at(12, 1));
}

TEST_CASE("docx: tracked changes, links, fields, content controls and footnotes", "[docx]") {
    document d = read_docx(fixture("changes.docx"), {});
    REQUIRE(d.diagnostics.empty());
    REQUIRE(d.blocks.size() == 5);
    CHECK(lines_of(d.blocks[0]) == "Kept inserted moved");
    CHECK(run_of(d.blocks[0], "moved").where.begin == at(1, 15));  // deleted text takes no column

    const block& links = d.blocks[1];
    CHECK(lines_of(links) == "See site now");
    CHECK(link_of(links, run_of(links, "site")) == "https://example.org/news");
    CHECK(link_of(links, run_of(links, " now")).empty());  // an anchor in the document

    const block& fields = d.blocks[2];
    CHECK(lines_of(fields) == "Page 7 of go");  // results, not instructions
    CHECK(link_of(fields, run_of(fields, "go")) == "https://example.org/go");
    CHECK(run_of(fields, "go").where.begin == at(3, 11));

    // The footnote's text is not read; its reference mark is a character.
    CHECK(lines_of(d.blocks[3]) == "Noted.");
    CHECK(d.blocks[3].where.end == at(4, 7));
    const block& control = d.blocks[4];
    CHECK(lines_of(control) == "In control choice");  // mc:Choice, not mc:Fallback
    CHECK(run_of(control, " choice").where.begin == at(5, 11));
    CHECK(d.end == at(5, 18));
}

TEST_CASE("docx: inline details of hand-written bodies", "[docx]") {
    SECTION("fields nested in an instruction print nothing; hidden text prints nothing") {
        document d = read_docx(docx_of("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                                       "<w:r><w:instrText>IF </w:instrText></w:r>"
                                       "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                                       "<w:r><w:t>inner</w:t></w:r>"
                                       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                                       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                                       "<w:r><w:t>shown</w:t></w:r>"
                                       "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                                       "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"
                                       "<w:r><w:noBreakHyphen/><w:softHyphen/><w:t>x</w:t></w:r></w:p>"),
                               {});
        REQUIRE(d.blocks.size() == 1);
        CHECK(lines_of(d.blocks[0]) == "shown-x");
        CHECK(run_of(d.blocks[0], "x").where.begin == at(1, 7));
    }
    SECTION("a content control showing its placeholder prints nothing, but its paragraphs count") {
        document d = read_docx(docx_of("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                                       "<w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p>"
                                       "</w:sdtContent></w:sdt><w:p><w:r><w:t>Real</w:t></w:r></w:p>"),
                               {});
        REQUIRE(d.blocks.size() == 1);
        CHECK(lines_of(d.blocks[0]) == "Real");
        CHECK(d.blocks[0].where.begin == at(2, 1));
    }
    SECTION("a drawing alone in its paragraph is an image with its description") {
        document d = read_docx(
            docx_of("<w:p><w:r><w:drawing><wp:inline "
                    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
                    "<wp:docPr id=\"1\" name=\"Picture 1\" descr=\"The minister at the port\"/></wp:inline>"
                    "</w:drawing></w:r></w:p><w:p><w:r><w:t>Caption</w:t></w:r></w:p>"),
            {});
        REQUIRE(d.blocks.size() == 2);
        CHECK(d.blocks[0].kind == block_kind::image);
        CHECK(d.blocks[0].alt == "The minister at the port");
        CHECK(d.blocks[0].where.begin == at(1, 1));
        CHECK(d.blocks[1].where.begin == at(2, 1));
    }
    SECTION("text is NFC and columns count the code points as written") {
        // "e" and a combining acute accent: two code points, one after NFC.
        document d = read_docx(docx_of("<w:p><w:r><w:t>Caf\xC3\xA9 cafe\xCC\x81</w:t></w:r>"
                                       "<w:r><w:rPr><w:b/></w:rPr><w:t>!</w:t></w:r></w:p>"),
                               {});
        REQUIRE(d.blocks.size() == 1);
        CHECK(lines_of(d.blocks[0]) == "Caf\xC3\xA9 caf\xC3\xA9!");
        CHECK(run_of(d.blocks[0], "!").where.begin == at(1, 11));
    }
}

TEST_CASE("docx: files that are not Word documents are refused with one diagnostic", "[docx]") {
    SECTION("not a zip") {
        document d = read_docx("PK\x03\x04 but not really a zip", {});
        CHECK(d.blocks.empty());
        REQUIRE(d.diagnostics.size() == 1);
        CHECK(d.diagnostics[0].rule == "input-encoding");
        CHECK(d.diagnostics[0].begin == at(1, 1));
    }
    SECTION("a zip without word/document.xml") {
        document d = read_docx(zip({stored("hello.txt", "hello")}), {});
        CHECK(d.blocks.empty());
        CHECK(has_rule(d, "input-encoding"));
        CHECK(d.diagnostics[0].message.find("word/document.xml") != std::string::npos);
    }
    SECTION("damaged XML") {
        document d = read_docx(docx_of("<w:p><w:r><w:t>unclosed</w:r></w:p>"), {});
        CHECK(d.blocks.empty());
        CHECK(has_rule(d, "xml-syntax"));
    }
    SECTION("a DOCTYPE, which could only declare entities") {
        document d = read_docx(zip({stored("word/document.xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>")}), {});
        CHECK(has_rule(d, "xml-doctype"));
    }
    SECTION("an encrypted entry") {
        zip_entry e = stored("word/document.xml", "<w:document/>");
        e.flags = 1;
        document d = read_docx(zip({e}), {});
        CHECK(d.blocks.empty());
        REQUIRE(d.diagnostics.size() == 1);
        CHECK(d.diagnostics[0].message.find("encrypted") != std::string::npos);
    }
}

TEST_CASE("docx: nesting deeper than the limit is refused", "[docx]") {
    reader_limits limits;
    limits.max_nesting = 10;
    SECTION("wrappers in a paragraph") {
        std::string body = "<w:p>";
        for (int i = 0; i < 40; ++i) body += "<w:ins>";
        body += "<w:r><w:t>deep</w:t></w:r>";
        for (int i = 0; i < 40; ++i) body += "</w:ins>";
        document d = read_docx(docx_of(body + "</w:p>"), limits);
        CHECK(d.blocks.empty());
        CHECK(has_rule(d, "nesting-too-deep"));
    }
    SECTION("tables in tables") {
        std::string body;
        for (int i = 0; i < 12; ++i) body += "<w:tbl><w:tr><w:tc>";
        body += "<w:p><w:r><w:t>deep</w:t></w:r></w:p>";
        for (int i = 0; i < 12; ++i) body += "</w:tc></w:tr></w:tbl>";
        document d = read_docx(docx_of(body), limits);
        CHECK(d.blocks.empty());
        CHECK(has_rule(d, "nesting-too-deep"));
    }
}

TEST_CASE("docx: a zip bomb is refused quickly, whatever sizes it declares", "[docx]") {
    // 1 GiB of zeros in about 1 MB of deflate.
    constexpr std::uint64_t gib = 1ull << 30;
    zip_entry bomb{"word/document.xml", zeros_deflated(gib), 8};
    CHECK(bomb.data.size() < 1'100'000);
    auto started = std::chrono::steady_clock::now();
    SECTION("declaring its size") {
        bomb.size = static_cast<std::uint32_t>(gib);
        document d = read_docx(zip({bomb}), {});
        CHECK(d.blocks.empty());
        REQUIRE(d.diagnostics.size() == 1);
        CHECK(d.diagnostics[0].rule == "input-too-large");
        CHECK(d.diagnostics[0].message.find(std::to_string(reader_limits{}.max_inflated)) != std::string::npos);
    }
    SECTION("declaring a small size: the inflating stops at the limit") {
        bomb.size = 1000;
        reader_limits limits;
        limits.max_inflated = 4u << 20;
        document d = read_docx(zip({bomb}), limits);
        CHECK(d.blocks.empty());
        REQUIRE(d.diagnostics.size() == 1);
        CHECK(d.diagnostics[0].rule == "input-too-large");
    }
    // Generous for sanitizer builds; an optimised build takes milliseconds.
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
}
