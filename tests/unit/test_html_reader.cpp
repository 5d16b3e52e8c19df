// Focused tests of the HTML reader: which part of a page it reads, the
// blocks and styled runs it makes of it, the positions of its text in the
// file, and that communique's own HTML output reads back to the blocks its
// draft had.
#include "read/readers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

using namespace communique::detail;
using communique::source_position;

namespace {

document read(const std::string& html, std::string_view xpath = {}, reader_limits limits = {}) {
    source_text src(html);
    return read_html(src, limits, xpath);
}

// Depth first, every block with text, in document order.
void collect(const std::vector<block>& blocks, std::vector<const block*>& out) {
    for (const block& b : blocks) {
        if (b.textual() || b.kind == block_kind::preformatted) out.push_back(&b);
        collect(b.children, out);
    }
}

std::vector<const block*> textual(const document& doc) {
    std::vector<const block*> out;
    collect(doc.blocks, out);
    return out;
}

// All the text, a block a line.
std::string all_text(const document& doc) {
    std::string out;
    for (const block* b : textual(doc)) out += b->joined() + "\n";
    return out;
}

// The run whose text holds `needle`.
const run* run_with(const block& b, std::string_view needle) {
    for (const run& r : b.runs)
        if (r.kind == run_kind::text && r.text.find(needle) != std::string::npos) return &r;
    return nullptr;
}

// The position of `needle` in a paragraph, as the recogniser computes it:
// its run's start plus the code points before it in the run.
source_position position_of(const block& b, std::string_view needle) {
    const run* r = run_with(b, needle);
    REQUIRE(r);
    std::size_t before = r->text.find(needle);
    std::size_t points = 0;
    for (std::size_t i = 0; i < before; ++i)
        if ((static_cast<unsigned char>(r->text[i]) & 0xC0) != 0x80) ++points;
    return {r->where.begin.line, r->where.begin.column + static_cast<std::uint32_t>(points)};
}

// Where `needle` is on line n of a text, found by hand: the reader's
// positions are checked against it.
source_position where_in(const std::string& text, std::uint32_t n, std::string_view needle) {
    std::size_t begin = 0;
    for (std::uint32_t i = 1; i < n; ++i) begin = text.find('\n', begin) + 1;
    std::string_view line = std::string_view(text).substr(begin, text.find('\n', begin) - begin);
    std::size_t at = line.find(needle);
    REQUIRE(at != std::string_view::npos);
    std::uint32_t column = 1;
    for (std::size_t i = 0; i < at; ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
    return {n, column};
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string cms_page = R"(<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Ministry news</title>
<script>var x = "<p>script text</p>";</script><style>p { color: red }</style></head>
<body class="single has-sidebar">
<header class="site-header"><a href="/">Ministry of Trade</a><nav><ul><li><a href="/">Home</a></li></ul></nav></header>
<div id="page" class="site-content">
<nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/news">News</a></nav>
<article class="post">
<header class="entry-header"><h1>Rice exports rise by 12 per cent</h1></header>
<div class="share-buttons"><a href="#">Share on Facebook</a> <button>Tweet</button></div>
<div class="entry-content">
<p>PHNOM PENH, 8 January 2024 &ndash; The Ministry of Trade announced today that rice exports rose.</p>
<p>The Minister said the figures were encouraging for farmers and millers alike.</p>
<p class="sr-only">Skip to content</p>
<p hidden>Hidden paragraph</p>
<div aria-hidden="true">Aria hidden</div>
<div style="display: none">Display none</div>
<noscript>Enable JavaScript</noscript>
<!-- a comment -->
</div>
<footer class="entry-footer"><div class="tags"><a href="/tag/rice">rice</a></div></footer>
</article>
<aside class="related-news"><h2>Related news</h2><ul><li><a href="/a">Another story</a></li></ul></aside>
</div>
<div class="cookie-banner">We use cookies to improve this website. Accept?</div>
<footer class="site-footer"><p>Copyright 2024 Ministry of Trade. All rights reserved.</p></footer>
</body>
</html>
)";

}  // namespace

TEST_CASE("html: only the article of a CMS page is read", "[html]") {
    document doc = read(cms_page);
    REQUIRE(doc.diagnostics.empty());
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0]->kind == block_kind::heading);
    CHECK(blocks[0]->level == 1);
    CHECK(blocks[0]->joined() == "Rice exports rise by 12 per cent");
    CHECK(blocks[1]->joined() ==
          "PHNOM PENH, 8 January 2024 \u2013 The Ministry of Trade announced today that rice exports rose.");
    CHECK(blocks[2]->joined() == "The Minister said the figures were encouraging for farmers and millers alike.");
    std::string text = all_text(doc);
    for (const char* chrome : {"Home", "Share", "Tweet", "Related", "Another story", "cookies", "Copyright", "rice\n",
                               "script text", "Skip to content", "Hidden", "Aria", "Display none", "JavaScript"})
        CHECK(text.find(chrome) == std::string::npos);
    // Just past the article's last character.
    source_position last = where_in(cms_page, 14, "alike.");
    CHECK(doc.end == source_position{14, last.column + 6});
}

TEST_CASE("html: a meta element is left out as the page's byline, read when it names the issuer", "[html]") {
    document doc = read(
        "<html><body><article><h1>Title</h1>"
        "<div class=\"entry-meta\">Posted on 8 May 2024 by admin</div>"
        "<div class=\"node__meta\">Submitted by editor</div>"
        "<div class=\"release-meta\"><p>News provided by</p><p>Mekong AgriTech</p><p>17 Sep, 2024</p></div>"
        "<div class=\"page-header__meta\">Press and information team of the Delegation</div>"
        "<p>Body.</p></article></body></html>");
    std::string text = all_text(doc);
    CHECK(text.find("Posted") == std::string::npos);
    CHECK(text.find("Submitted") == std::string::npos);
    CHECK(text.find("News provided by") != std::string::npos);
    CHECK(text.find("17 Sep, 2024") != std::string::npos);
    CHECK(text.find("Press and information team of the Delegation") != std::string::npos);
}

TEST_CASE("html: the content XPath selects the element read", "[html]") {
    document doc = read(cms_page, "//div[@class='entry-content']");
    REQUIRE(doc.diagnostics.empty());
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0]->joined().starts_with("PHNOM PENH"));

    // Even an element the reader would leave out.
    doc = read(cms_page, "//aside");
    REQUIRE(doc.diagnostics.empty());
    CHECK(all_text(doc) == "Related news\nAnother story\n");

    for (const char* bad : {"//div[@class='nothing']", "//div[@class=", "count(//p)"}) {
        doc = read(cms_page, bad);
        CHECK(doc.blocks.empty());
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "html-content");
        CHECK(doc.diagnostics[0].begin == source_position{1, 1});
        CHECK(doc.diagnostics[0].message.find(bad) != std::string::npos);
    }
}

TEST_CASE("html: without <article> or <main>, the element holding the paragraphs", "[html]") {
    document doc = read(R"(<html><body>
<div class="top"><p>Home</p><p>About us</p></div>
<div class="menu"><p>Home News About Contact Search and all the other menu items of the site</p></div>
<div class="col">
<p>The first paragraph of the story, with enough text in it to matter.</p>
<p>The second paragraph of the story, <a href="/x">with a link</a> and more text after it.</p>
</div>
<div class="other"><p>Short.</p></div>
</body></html>)");
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0]->joined().starts_with("The first paragraph"));
    CHECK(blocks[1]->joined().starts_with("The second paragraph"));
}

TEST_CASE("html: an <article> in <main> is preferred", "[html]") {
    document doc = read(R"(<html><body>
<article class="teaser"><p>A teaser elsewhere on the page.</p></article>
<main><h1>Title</h1><article><p>The story, in its article inside the main element of the page.</p></article>
<p>Comments are closed.</p></main>
</body></html>)");
    CHECK(all_text(doc) == "The story, in its article inside the main element of the page.\n");
}

TEST_CASE("html: bold, italic, underline, links, caps and alignment", "[html]") {
    document doc = read(R"(<html><body><article>
<p><b>Bold</b> and <strong>strong</strong>, <span style="font-weight:700">heavy</span>,
<span style="font-weight: normal">light</span>, <i>it</i> <em>em</em> <span style="font-style:italic">sl</span>,
<u>under</u> <span style="text-decoration: underline">lined</span>, <a href="../news/1.html">a link</a>,
<span style="text-transform:uppercase">caps</span>.</p>
<p style="text-align:center">Centred by style</p>
<center><p>Centred by the old tag</p>Loose text</center>
<p align="right">Right by attribute</p>
<div style="text-align: justify"><p>Justified</p></div>
<p><span style="font-weight:bold">All of it bold</span></p>
</article></body></html>)");
    REQUIRE(doc.diagnostics.empty());
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 7);
    const block& p = *blocks[0];
    CHECK(p.joined() == "Bold and strong, heavy, light, it em sl, under lined, a link, caps.");
    CHECK(has_mark(p, *run_with(p, "Bold"), mark_kind::strong));
    CHECK(has_mark(p, *run_with(p, "strong"), mark_kind::strong));
    CHECK(has_mark(p, *run_with(p, "heavy"), mark_kind::strong));
    CHECK_FALSE(has_mark(p, *run_with(p, "light"), mark_kind::strong));
    CHECK(has_mark(p, *run_with(p, "it"), mark_kind::emphasis));
    CHECK(has_mark(p, *run_with(p, "em"), mark_kind::emphasis));
    CHECK(has_mark(p, *run_with(p, "sl"), mark_kind::emphasis));
    CHECK(has_mark(p, *run_with(p, "under"), mark_kind::underline));
    CHECK(has_mark(p, *run_with(p, "lined"), mark_kind::underline));
    const run* link = run_with(p, "a link");
    REQUIRE(link);
    REQUIRE(has_mark(p, *link, mark_kind::link));
    CHECK(p.marks[link->marks.back()].target == "../news/1.html");
    CHECK(run_with(p, "caps")->caps);
    CHECK_FALSE(run_with(p, "Bold")->caps);
    CHECK_FALSE(p.bold());

    CHECK(blocks[1]->align == alignment::centre);
    CHECK(blocks[2]->align == alignment::centre);
    CHECK(blocks[3]->joined() == "Loose text");
    CHECK(blocks[3]->align == alignment::centre);
    CHECK(blocks[4]->align == alignment::right);
    CHECK(blocks[5]->align == alignment::justified);
    CHECK(blocks[6]->bold());
    CHECK(blocks[0]->align == alignment::unspecified);
}

TEST_CASE("html: white space collapses, <br> is a hard break, <pre> keeps its lines", "[html]") {
    document doc = read("<html><body><article>\n<p>\n   Two   words\n and\t<b> bold </b> end.  </p>\n"
                        "<div>A div with direct text<br>and a second line<br></div>\n"
                        "<pre>\n  indented\n\nafter a blank line</pre>\n"
                        "<p><br>one<br>&nbsp; <br>two<br></p>\n"
                        "<div>&nbsp;&nbsp;Indented by spaces that do not break&nbsp;</div>\n</article></body></html>");
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0]->joined() == "Two words and bold end.");
    REQUIRE(blocks[0]->lines.size() == 1);
    CHECK(blocks[0]->runs.front().text == "Two");
    CHECK(blocks[0]->runs.back().text == "end.");

    const block& div = *blocks[1];
    CHECK(div.kind == block_kind::paragraph);
    REQUIRE(div.lines.size() == 2);
    CHECK(div.lines[0].text == "A div with direct text");
    CHECK(div.lines[1].text == "and a second line");
    CHECK(std::count_if(div.runs.begin(), div.runs.end(),
                        [](const run& r) { return r.kind == run_kind::hard_break; }) == 1);

    const block& pre = *blocks[2];
    CHECK(pre.kind == block_kind::preformatted);
    REQUIRE(pre.lines.size() == 3);
    CHECK(pre.runs.front().text == "  indented");
    CHECK(pre.lines[1].text.empty());
    CHECK(pre.lines[2].text == "after a blank line");

    // An empty line (two breaks, spaces between them or not) ends a
    // paragraph; no break is kept before the first text or after the last.
    CHECK(blocks[3]->joined() == "one");
    CHECK(blocks[3]->runs.size() == 1);
    CHECK(blocks[4]->joined() == "two");
    CHECK(blocks[4]->runs.size() == 1);
    // Non-breaking spaces indenting a line are not its text.
    CHECK(blocks[5]->joined() == "Indented by spaces that do not break");
    CHECK(blocks[5]->runs.front().where.begin.column == 18);  // past "<div>&nbsp;&nbsp;"
}

TEST_CASE("html: lists print their markers", "[html]") {
    document doc = read(R"(<html><body><article>
<ol start="3" type="a"><li>third</li><li value="7">seventh<ul><li>nested</li></ul></li><li>eighth</li></ol>
<ol type="I"><li>one</li><li>two</li><li>three</li><li>four</li></ol>
<ol><li><p>first</p><p>more of it</p></li><li>second</li></ol>
<ul><li>bullet</li>stray text<li>after</li></ul>
<ol class="marker-paren-lower-alpha" type="a" start="2"><li>b</li></ol>
<ul style="list-style-type: square"><li>square</li></ul>
</article></body></html>)");
    REQUIRE(doc.blocks.size() == 6);
    auto markers = [](const block& list) {
        std::string out;
        for (const block& item : list.children) {
            CHECK(item.kind == block_kind::list_item);
            out += item.marker + " ";
        }
        return out;
    };
    const block& alpha = doc.blocks[0];
    CHECK(alpha.kind == block_kind::list);
    CHECK(alpha.ordered);
    CHECK(alpha.marker == "c.");
    CHECK(markers(alpha) == "c. g. h. ");
    REQUIRE(alpha.children[1].children.size() == 2);
    const block& nested = alpha.children[1].children[1];
    CHECK(nested.kind == block_kind::list);
    CHECK_FALSE(nested.ordered);
    CHECK(markers(nested) == "\u2022 ");

    CHECK(markers(doc.blocks[1]) == "I. II. III. IV. ");
    const block& decimal = doc.blocks[2];
    CHECK(markers(decimal) == "1. 2. ");
    REQUIRE(decimal.children[0].children.size() == 2);
    CHECK(decimal.children[0].children[1].joined() == "more of it");

    // Text between the items belongs to the item before it.
    const block& bullets = doc.blocks[3];
    REQUIRE(bullets.children.size() == 2);
    REQUIRE(bullets.children[0].children.size() == 2);
    CHECK(bullets.children[0].children[1].joined() == "stray text");

    CHECK(markers(doc.blocks[4]) == "(b) ");
    CHECK(markers(doc.blocks[5]) == "\u25AA ");
}

TEST_CASE("html: tables, rules, images and quotes", "[html]") {
    document doc = read(R"(<html><body><article>
<table><thead><tr><th>Province</th><th>Arrivals</th></tr></thead>
<tbody><tr><td>Siem Reap</td><td align="right">640,000</td></tr></tbody></table>
<hr>
<p><img src="minister.jpg" alt="The Minister at the ceremony"></p>
<p>Text <img src="icon.png" alt="icon"> around an icon</p>
<blockquote><p>Quoted words.</p></blockquote>
</article></body></html>)");
    REQUIRE(doc.blocks.size() == 5);
    const block& table = doc.blocks[0];
    CHECK(table.kind == block_kind::table);
    REQUIRE(table.children.size() == 2);
    for (const block& row : table.children) {
        CHECK(row.kind == block_kind::table_row);
        REQUIRE(row.children.size() == 2);
        for (const block& cell : row.children) CHECK(cell.kind == block_kind::table_cell);
    }
    CHECK(table.children[0].children[0].children[0].joined() == "Province");
    CHECK(table.children[1].children[1].children[0].joined() == "640,000");
    CHECK(table.children[1].children[1].children[0].align == alignment::right);

    CHECK(doc.blocks[1].kind == block_kind::thematic_break);
    CHECK(doc.blocks[2].kind == block_kind::image);
    CHECK(doc.blocks[2].alt == "The Minister at the ceremony");
    CHECK(doc.blocks[3].joined() == "Text around an icon");
    CHECK(doc.blocks[4].kind == block_kind::quote);
    REQUIRE(doc.blocks[4].children.size() == 1);
    CHECK(doc.blocks[4].children[0].joined() == "Quoted words.");
}

TEST_CASE("html: runs carry the line and column of their text in the file", "[html]") {
    const std::string html = "<!DOCTYPE html>\n"
                             "<html>\r\n"
                             "<head><title>T</title></head>\n"
                             "<body>\n"
                             "<article>\n"
                             "<h1>Caf&eacute; d&eacute;l&eacute;gu&eacute;s</h1>\n"
                             "<p>Les d&eacute;l&eacute;gu&eacute;s &amp; <b>le ministre</b> ont sign&eacute; le 12 mars 2024 &agrave; Phnom Penh.</p>\n"
                             "<p>ថ្ងៃទី១០ ខែមេសា &nbsp;ឆ្នាំ២០២៤ &foo; a &lt; b\r\n"
                             "   second line 3 May 2024.</p>\n"
                             "</article></body></html>\n";
    document doc = read(html);
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 3);
    const block& p = *blocks[1];
    CHECK(p.joined() == "Les délégués & le ministre ont signé le 12 mars 2024 à Phnom Penh.");
    CHECK(p.where.begin == source_position{7, 1});
    CHECK(position_of(p, "Les") == source_position{7, 4});
    // After three references and a <b>: the date where the file has it.
    CHECK(position_of(p, "12 mars 2024") == where_in(html, 7, "12 mars 2024"));
    CHECK(position_of(p, "le ministre") == where_in(html, 7, "le ministre"));
    CHECK(position_of(p, "Phnom Penh") == where_in(html, 7, "Phnom Penh"));
    // A reference is a run of its own, its source the whole reference.
    const run* amp = run_with(p, "&");
    REQUIRE(amp);
    CHECK(amp->text == "&");
    CHECK(amp->where.begin == where_in(html, 7, "&amp;"));
    CHECK(amp->where.end.column == where_in(html, 7, "&amp;").column + 5);

    const block& khmer = *blocks[2];
    CHECK(khmer.joined() == "ថ្ងៃទី១០ ខែមេសា \u00A0ឆ្នាំ២០២៤ &foo; a < b second line 3 May 2024.");
    CHECK(position_of(khmer, "ថ្ងៃទី១០") == source_position{8, 4});
    CHECK(position_of(khmer, "ខែមេសា") == where_in(html, 8, "ខែមេសា"));
    CHECK(position_of(khmer, "ឆ្នាំ២០២៤") == where_in(html, 8, "ឆ្នាំ២០២៤"));
    CHECK(position_of(khmer, "foo") == where_in(html, 8, "foo"));
    const run* lt = run_with(khmer, "<");
    REQUIRE(lt);
    CHECK(lt->text == "<");
    CHECK(lt->where.begin == where_in(html, 8, "&lt;"));
    // Past a CR LF line end.
    CHECK(position_of(khmer, "3 May 2024") == where_in(html, 9, "3 May 2024"));
    source_position last = where_in(html, 9, "2024.");
    CHECK(doc.end == source_position{9, last.column + 5});
}

TEST_CASE("html: nesting is bounded", "[html]") {
    SECTION("100,000 nested <div>") {
        std::string html = "<html><body><p>before</p>";
        for (int i = 0; i < 100000; ++i) html += "<div>";
        html += "deep";
        for (int i = 0; i < 100000; ++i) html += "</div>";
        html += "<p>after</p></body></html>";
        auto start = std::chrono::steady_clock::now();
        document doc = read(html);
        auto took = std::chrono::steady_clock::now() - start;
        CHECK(took < std::chrono::seconds(2));
        CHECK(doc.blocks.empty());
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "nesting-too-deep");
    }
    SECTION("200 nested <div> are read") {
        std::string html = "<html><body>";
        for (int i = 0; i < 200; ++i) html += "<div>";
        html += "deep";
        for (int i = 0; i < 200; ++i) html += "</div>";
        html += "</body></html>";
        document doc = read(html);
        CHECK(doc.diagnostics.empty());
        CHECK(all_text(doc) == "deep\n");
    }
    SECTION("a start tag with 100,000 attributes is refused before parsing") {
        std::string html = "<html><head><script>if (a<b c d) x = '<p a b c';</script></head><body><p";
        for (int i = 0; i < 100000; ++i) html += " a" + std::to_string(i) + "=1";
        html += ">text</p></body></html>";
        auto start = std::chrono::steady_clock::now();
        document doc = read(html);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "html-content");
        CHECK(doc.diagnostics[0].begin == source_position{1, 71});  // the <p, not the script
    }
    SECTION("quotes deeper than the limit") {
        std::string html = "<html><body><article>";
        for (int i = 0; i < 10; ++i) html += "<blockquote>";
        html += "deep</article></body></html>";
        reader_limits limits;
        limits.max_nesting = 8;
        document doc = read(html, {}, limits);
        CHECK(doc.blocks.empty());
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].rule == "nesting-too-deep");
        limits.max_nesting = 10;
        doc = read(html, {}, limits);
        CHECK(doc.diagnostics.empty());
    }
}

TEST_CASE("html: a <meta charset> does not override UTF-8", "[html]") {
    document doc = read("<html><head><meta charset=\"windows-1252\"></head><body><p>Café ថ្ងៃ</p></body></html>");
    CHECK(all_text(doc) == "Café ថ្ងៃ\n");
}

// communique's own output reads back to the blocks of the draft it came
// from: the header lines, the headline, the body with its persons in bold,
// the dateline.
TEST_CASE("html: communique's HTML output reads back", "[html]") {
    std::string dir = std::string(CQ_SOURCE_DIR) + "/";
    std::string html = slurp(dir + "tests/golden/releases/2024-04-12-km-trade-delegation.html");
    document doc = read(html);
    REQUIRE(doc.diagnostics.empty());
    auto blocks = textual(doc);
    REQUIRE(blocks.size() == 11);
    const char* header[] = {"ព្រះរាជាណាចក្រកម្ពុជា", "ជាតិ សាសនា ព្រះមហាក្សត្រ",
                            "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ", "អគ្គនាយកដ្ឋានអាស៊ាន",
                            "សេចក្តីប្រកាសព័ត៌មាន"};
    for (int i = 0; i < 5; ++i) {
        CHECK(blocks[i]->kind == block_kind::paragraph);
        CHECK(blocks[i]->joined() == header[i]);
        CHECK(blocks[i]->align == alignment::centre);
        CHECK(blocks[i]->bold() == (i == 2));  // the organisation, bold in the draft
    }
    CHECK(blocks[2]->lines.size() == 2);
    CHECK(blocks[5]->kind == block_kind::heading);
    CHECK(blocks[5]->level == 1);

    // The body paragraphs are the draft's, ** and all.
    std::string draft = slurp(dir + "fixtures/releases/2024-04-12-km-trade-delegation.md");
    std::vector<std::string> paragraphs;
    std::size_t at = 0;
    while (at < draft.size()) {
        std::size_t end = draft.find("\n\n", at);
        if (end == std::string::npos) end = draft.size();
        std::string p = draft.substr(at, end - at);
        for (std::size_t star; (star = p.find("**")) != std::string::npos;) p.erase(star, 2);
        for (char& c : p)
            if (c == '\n') c = ' ';
        while (!p.empty() && p.back() == ' ') p.pop_back();
        if (!p.empty()) paragraphs.push_back(p);
        at = end + 2;
    }
    REQUIRE(paragraphs.size() == 10);
    CHECK(blocks[5]->joined() == paragraphs[4]);
    for (int i = 6; i < 11; ++i) CHECK(blocks[i]->joined() == paragraphs[i - 1]);

    const block& first = *blocks[6];
    CHECK_FALSE(has_mark(first, *run_with(first, "ថ្ងៃទី១០"), mark_kind::strong));
    CHECK(has_mark(first, *run_with(first, "ទេព សុវណ្ណវិចិត្រ"), mark_kind::strong));
    CHECK(has_mark(first, *run_with(first, "ដាវីត អេសសៀន"), mark_kind::strong));
    CHECK_FALSE(has_mark(first, *run_with(first, "រដ្ឋលេខាធិការ"), mark_kind::strong));
    // <p><time datetime="2024-04-10">: the date's text is at column 32.
    CHECK(position_of(first, "ថ្ងៃទី១០") == source_position{132, 32});

    const block& dateline = *blocks[10];
    CHECK(dateline.joined() == "រាជធានីភ្នំពេញ ថ្ងៃទី១២ ខែមេសា ឆ្នាំ២០២៤");
    CHECK(dateline.align == alignment::right);
}

TEST_CASE("html: communique's subheadline, quote, run-in dateline and closing", "[html]") {
    std::string dir = std::string(CQ_SOURCE_DIR) + "/tests/golden/releases/";
    document doc = read(slurp(dir + "2024-01-19-national-apprenticeship-programme.html"));
    auto blocks = textual(doc);
    auto sub = std::find_if(blocks.begin(), blocks.end(), [](const block* b) {
        return b->joined() == "Garment, construction and hospitality employers join the first intake";
    });
    REQUIRE(sub != blocks.end());
    CHECK((*sub)->emphasised());
    CHECK(std::any_of(doc.blocks.begin(), doc.blocks.end(),
                      [](const block& b) { return b.kind == block_kind::quote && b.children.size() == 2; }));

    doc = read(slurp(dir + "2024-03-03-measles-rubella-campaign.html"));
    blocks = textual(doc);
    auto run_in = std::find_if(blocks.begin(), blocks.end(),
                               [](const block* b) { return b->joined().starts_with("PHNOM PENH, 3 March 2024 \u2013 The"); });
    REQUIRE(run_in != blocks.end());
    CHECK_FALSE(has_mark(**run_in, *run_with(**run_in, "PHNOM PENH"), mark_kind::strong));
    const block& closing = *blocks.back();
    REQUIRE(closing.lines.size() == 4);
    CHECK(closing.lines[0].text == "For media enquiries:");
    CHECK(closing.lines[3].text == "Email: press@mohcc.gov.example");
}
