// The renderer's contract beyond the fixtures: errors instead of bad PDFs,
// dates from SOURCE_DATE_EPOCH, the same bytes from any thread and any
// locale, pagination that honours keeps, widows and orphans, fo.xsl's
// list numbering, and tables.
#include "support.hpp"

#include "pdf/renderer.hpp"

#include <clocale>
#include <cstdlib>
#include <set>
#include <thread>

using namespace pdf_test;
using communique::detail::pdf::render_options;

namespace {

std::string fo_document(const std::string& flow, const std::string& root_attrs = "") {
    return R"(<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xml:lang="en" font-family="DejaVu Serif" font-size="11pt" )" +
           root_attrs + R"(>
  <fo:layout-master-set>
    <fo:simple-page-master master-name="p" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body margin-bottom="15mm"/>
      <fo:region-after extent="10mm"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="p">
    <fo:static-content flow-name="xsl-region-after">
      <fo:block text-align="center" font-size="9pt">Page <fo:page-number/> of <fo:page-number-citation ref-id="end"/></fo:block>
    </fo:static-content>
    <fo:flow flow-name="xsl-region-body">)" +
           flow + R"(<fo:block id="end"/></fo:flow>
  </fo:page-sequence>
</fo:root>)";
}

bool render_fo(const std::string& fo, std::string& pdf, std::string& error, render_options opts = {}) {
    doc_ptr d = parse_xml(fo);
    auto rendered = renderer().render(d.get(), opts, pdf);
    if (!rendered) error = rendered.error().message;
    return rendered.has_value();
}

std::string render_ok(const std::string& fo, render_options opts = {}) {
    std::string pdf, error;
    INFO(error);
    if (!render_fo(fo, pdf, error, opts)) FAIL(error);
    return pdf;
}

std::string paragraph(int n, int words) {
    std::string s = "<fo:block text-align=\"justify\" space-before=\"6pt\">";
    for (int w = 0; w < words; ++w) s += "p" + std::to_string(n) + "w" + std::to_string(w) + " ";
    return s + "</fo:block>";
}

}  // namespace

TEST_CASE("pdf: what the renderer cannot do is an error with a reason, not a PDF", "[pdf][errors]") {
    std::string pdf = "left over", error;
    SECTION("an unsupported element") {
        CHECK_FALSE(render_fo(fo_document("<fo:table-and-caption/>"), pdf, error));
        CHECK(error == "unsupported FO element fo:table-and-caption");
    }
    SECTION("a table without a body") {
        CHECK_FALSE(render_fo(fo_document("<fo:table/>"), pdf, error));
        CHECK(error == "fo:table without fo:table-body");
    }
    SECTION("a row of more cells than the table has columns") {
        CHECK_FALSE(render_fo(fo_document(R"(<fo:table><fo:table-column column-width="50mm"/><fo:table-body>)"
                                          R"(<fo:table-row><fo:table-cell><fo:block>a</fo:block></fo:table-cell>)"
                                          R"(<fo:table-cell><fo:block>b</fo:block></fo:table-cell></fo:table-row>)"
                                          R"(</fo:table-body></fo:table>)"),
                              pdf, error));
        CHECK(error == "a fo:table-row of 2 cells in a table of 1 fo:table-column");
    }
    SECTION("a cell that spans columns") {
        CHECK_FALSE(render_fo(fo_document(R"(<fo:table><fo:table-body><fo:table-row>)"
                                          R"(<fo:table-cell number-columns-spanned="2"><fo:block>a</fo:block></fo:table-cell>)"
                                          R"(</fo:table-row></fo:table-body></fo:table>)"),
                              pdf, error));
        CHECK(error == "unsupported property number-columns-spanned on fo:table-cell");
    }
    SECTION("an unsupported property") {
        CHECK_FALSE(render_fo(fo_document(R"(<fo:block border="1pt solid">x</fo:block>)"), pdf, error));
        CHECK(error == "unsupported property border on fo:block");
    }
    SECTION("an unsupported value") {
        CHECK_FALSE(render_fo(fo_document(R"(<fo:block text-align="inside">x</fo:block>)"), pdf, error));
        CHECK(error.find("text-align") != std::string::npos);
    }
    SECTION("a page number in the flow") {
        CHECK_FALSE(render_fo(fo_document("<fo:block><fo:page-number/></fo:block>"), pdf, error));
        CHECK(error.find("fo:page-number") != std::string::npos);
    }
    SECTION("a citation of an unknown id") {
        std::string fo = fo_document("<fo:block>x</fo:block>");
        fo.replace(fo.find("ref-id=\"end\""), 12, "ref-id=\"nowhere\"");
        CHECK_FALSE(render_fo(fo, pdf, error));
        CHECK(error.find("nowhere") != std::string::npos);
    }
    SECTION("too many pages") {
        std::string flow;
        for (int i = 0; i < 80; ++i) flow += paragraph(i, 40);
        render_options opts;
        opts.max_pages = 2;
        CHECK_FALSE(render_fo(fo_document(flow), pdf, error, opts));
        CHECK(error == "the document needs more than 2 pages");
    }
    SECTION("not FO at all") {
        CHECK_FALSE(render_fo("<html/>", pdf, error));
        CHECK(error == "the document element is not fo:root");
    }
    CHECK(pdf.empty());
    CHECK(error.find('\n') == std::string::npos);
}

TEST_CASE("pdf: a character no installed font has is drawn as the missing-glyph box and reported", "[pdf]") {
    // Liberation Serif's own .notdef is blank: the box comes from a font
    // whose .notdef is drawn. U+10FFFD (private use) is in no font.
    const std::string fo = fo_document(
        R"(<fo:block font-family="Liberation Serif" font-size="30pt">&#x10FFFD;</fo:block>)"
        R"(<fo:block>a &#x10FFFD; b &#xE000;&#x10FFFD;</fo:block>)");
    doc_ptr d = parse_xml(fo);
    std::string pdf;
    std::vector<char32_t> missing;
    REQUIRE(renderer().render(d.get(), {}, pdf, &missing));
    CHECK(missing == std::vector<char32_t>{0x10FFFD, 0xE000});
    const fs::path file = scratch() / "missing-glyph.pdf";
    spit(file, pdf);
    // Ink where the lone character stands (the box), above the second
    // paragraph's line and the footer's.
    const std::vector<band> bands = ink_bands(page_image(file, 1, 72));
    REQUIRE(bands.size() == 3);
    CHECK(bands[0].bottom - bands[0].top >= 10);
    // The text still says which character it was (/ActualText).
    const std::string text = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(file) + " -");
    CHECK(text.find("a \xF4\x8F\xBF\xBD b \xEE\x80\x80\xF4\x8F\xBF\xBD") != std::string::npos);
    // Without a missing character, nothing is reported.
    doc_ptr plain = parse_xml(fo_document("<fo:block>a b</fo:block>"));
    REQUIRE(renderer().render(plain.get(), {}, pdf, &missing));
    CHECK(missing.empty());
}

TEST_CASE("pdf: SOURCE_DATE_EPOCH sets the creation date", "[pdf]") {
    render_options opts;
    opts.source_date_epoch = 1700000000;  // 2023-11-14 22:13:20 UTC
    const std::string pdf = render_ok(fo_document("<fo:block>Dated.</fo:block>"), opts);
    CHECK(pdf.find("/CreationDate(D:20231114221320Z)") != std::string::npos);
    CHECK(pdf.find("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>") != std::string::npos);
    // Without it and without xmp:CreateDate in the FO, no date at all: never the clock's.
    const std::string undated = render_ok(fo_document("<fo:block>Dated.</fo:block>"));
    CHECK(undated.find("/CreationDate") == std::string::npos);
    // And the fixtures' dates are their datelines' unless the epoch is given.
    const auto& [name, r] = fixtures().front();
    rendered again = render_xml(name + "-epoch", r.xml, {}, opts);
    CHECK(again.pdf.find("/CreationDate(D:20231114221320Z)") != std::string::npos);
}

TEST_CASE("pdf: any number of threads render the same bytes", "[pdf][threads]") {
    std::vector<doc_ptr> fos;
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < 4; ++i) {
        const rendered& r = fixtures()[i * 5].second;
        fos.push_back(parse_xml(r.fo));
        expected.push_back(r.pdf);
    }
    fos.push_back(parse_xml(render_xml("khmer-threads", slurp(source_dir / "tests/pdf/khmer_release.xml")).fo));
    {
        std::string pdf;
        REQUIRE(renderer().render(fos.back().get(), {}, pdf));
        expected.push_back(pdf);
    }
    // A renderer of its own, first used from several threads at once.
    const communique::detail::pdf::renderer fresh;
    std::vector<std::string> results(fos.size() * 4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 3; ++round) (void)fresh.render(fos[t % fos.size()].get(), {}, results[t]);
        });
    for (std::thread& t : threads) t.join();
    for (std::size_t t = 0; t < results.size(); ++t) CHECK(results[t] == expected[t % fos.size()]);
}

TEST_CASE("pdf: threads that start cold agree", "[pdf][threads]") {
    // Nothing rendered in this process yet: the threads race to resolve
    // fonts, load font files, build subsetter tables and ICU iterators.
    const std::string latin = canonical_xml(fixture_drafts().front());
    const std::string khmer = slurp(source_dir / "tests/pdf/khmer_release.xml");
    doc_ptr latin_fo = stylesheet().apply(parse_xml(latin).get());
    doc_ptr khmer_fo = stylesheet().apply(parse_xml(khmer).get());
    const communique::detail::pdf::renderer r;
    std::vector<std::string> results(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] { (void)r.render((t % 2 ? khmer_fo : latin_fo).get(), {}, results[t]); });
    for (std::thread& t : threads) t.join();
    for (std::size_t t = 2; t < results.size(); ++t) CHECK(results[t] == results[t % 2]);
    CHECK(!results[0].empty());
    CHECK(!results[1].empty());
}

TEST_CASE("pdf: the output does not depend on LC_NUMERIC", "[pdf]") {
    // A locale whose decimal separator is a comma, defined here (LC_NUMERIC
    // only) and compiled into the scratch folder: no locale package needed.
    const fs::path locales = scratch() / "locales";
    fs::create_directories(locales);
    spit(locales / "comma.src",
         "comment_char %\nescape_char /\nLC_NUMERIC\ndecimal_point \",\"\nthousands_sep \".\"\ngrouping 3;3\n"
         "END LC_NUMERIC\n");
    run("localedef -c -i " + quote(locales / "comma.src") + " -f UTF-8 " + quote(locales / "comma.UTF-8") +
        " >/dev/null 2>&1");
    // A paragraph, a link (its /Rect is written by PoDoFo as reals) and a date.
    const std::string fo = fo_document(paragraph(1, 60) +
                                       R"FO(<fo:block><fo:basic-link external-destination="url('https://example.org/')">link</fo:basic-link></fo:block>)FO");
    render_options opts;
    opts.source_date_epoch = 1700000000;
    const std::string before = render_ok(fo, opts);
    ::setenv("LOCPATH", locales.c_str(), 1);
    if (!std::setlocale(LC_NUMERIC, "comma.UTF-8")) {
        ::unsetenv("LOCPATH");
        WARN("localedef could not make a locale; the check is skipped");
        return;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", 0.5);
    CHECK(std::string(buf) == "0,5");  // the locale is in force
    const std::string during = render_ok(fo, opts);
    std::setlocale(LC_NUMERIC, "C");
    ::unsetenv("LOCPATH");
    CHECK(during == before);
    CHECK(during.find("/Subtype/Link") != std::string::npos);
}

TEST_CASE("pdf: pages break with keeps, widows and orphans honoured", "[pdf][pagination]") {
    // Headings kept with the next paragraph, paragraphs of many lengths:
    // some must be split across pages.
    std::string flow;
    int n = 0;
    for (int section = 0; section < 12; ++section) {
        flow += "<fo:block font-weight=\"bold\" space-before=\"12pt\" keep-with-next=\"always\">Heading" +
                std::to_string(section) + "</fo:block>";
        for (int k = 0; k < 3; ++k, ++n) flow += paragraph(n, 25 + (n * 37) % 90);
    }
    const std::string pdf = render_ok(fo_document(flow, R"(widows="2" orphans="2")"));
    const fs::path path = scratch() / "pagination.pdf";
    spit(path, pdf);
    const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(path));
    const int pages = std::stoi(info.substr(info.find("Pages:") + 6));
    REQUIRE(pages >= 3);
    int splits = 0;
    std::string previous_last;  // the paragraph of the previous page's last line
    int previous_count = 0;
    for (int p = 1; p <= pages; ++p) {
        const std::string text = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 -f " + std::to_string(p) + " -l " +
                                     std::to_string(p) + " " + quote(path) + " -");
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string l; std::getline(in, l);)
            if (!l.empty() && l.find_first_not_of(" \f") != std::string::npos && !l.starts_with("Page ")) lines.push_back(l);
        REQUIRE(!lines.empty());
        CHECK(text.find("Page " + std::to_string(p) + " of " + std::to_string(pages)) != std::string::npos);
        // A heading never ends a page.
        CHECK_FALSE(lines.back().starts_with("Heading"));
        auto para = [](const std::string& line) { return line.substr(0, line.find('w')); };
        // Orphans and widows: a paragraph split over two pages keeps at
        // least two lines on each.
        if (p > 1 && para(lines.front()) == previous_last && lines.front().starts_with("p")) {
            ++splits;
            int here = 0;
            while (here < int(lines.size()) && para(lines[std::size_t(here)]) == previous_last) ++here;
            INFO("page " << p << ", paragraph " << previous_last);
            CHECK(previous_count >= 2);
            CHECK(here >= 2);
        }
        previous_last = para(lines.back());
        previous_count = 0;
        for (auto it = lines.rbegin(); it != lines.rend() && para(*it) == previous_last; ++it) ++previous_count;
    }
    CHECK(splits >= 1);
}

TEST_CASE("pdf: a last page never holds only two lines and the dateline when a better break exists",
          "[pdf][pagination][runts]") {
    // Paragraphs of many lengths before a short last one and a dateline
    // kept with it (fo.xsl's end dateline); the first paragraph grows so
    // that the page break falls everywhere in the last paragraphs.
    int two_pages = 0;
    for (int extra = 80; extra < 240; extra += 6) {
        std::string flow = paragraph(0, 10 + extra);
        for (int n = 1; n < 9; ++n) flow += paragraph(n, 30 + (n * 23) % 40);
        flow += paragraph(9, 22);
        flow += R"(<fo:block text-align="end" space-before="14pt" keep-with-previous="always">Dateline</fo:block>)";
        const fs::path path = scratch() / ("runt-page-" + std::to_string(extra) + ".pdf");
        spit(path, render_ok(fo_document(flow, R"(widows="2" orphans="2")")));
        const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(path));
        const int pages = std::stoi(info.substr(info.find("Pages:") + 6));
        if (pages != 2) continue;
        ++two_pages;
        std::vector<std::string> lines;  // page 2's, footer aside
        std::istringstream in(run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 -f 2 -l 2 " + quote(path) + " -"));
        for (std::string l; std::getline(in, l);)
            if (l.find_first_not_of(" \f") != std::string::npos && !l.starts_with("Page ")) lines.push_back(l);
        INFO("extra words " << extra << ", page 2: " << lines.size() << " lines");
        REQUIRE(!lines.empty());
        CHECK(lines.back() == "Dateline");
        CHECK(lines.size() > 3);
    }
    CHECK(two_pages > 10);
}

TEST_CASE("pdf: lines between Chinese ideographs are not joined for text extraction", "[pdf][extraction]") {
    // A Khmer line that ends inside a phrase is read with the rest of the
    // phrase; a Chinese paragraph has no space to end that rest at, and is
    // left as drawn (pdftotext reads each line where it is).
    std::string text;
    for (int i = 0; i < 12; ++i) text += "新闻发布会介绍了公共服务改革的进展情况，各部门将继续推进数字化建设。";
    const std::string pdf = render_ok(fo_document("<fo:block xml:lang=\"zh\" text-align=\"justify\">" + text +
                                                  "</fo:block>"));
    const fs::path path = scratch() / "chinese-lines.pdf";
    spit(path, pdf);
    const qdf_pdf q = to_qdf(path);
    REQUIRE(!q.contents.empty());
    CHECK(q.contents.front().find("/ActualText <feff>") == std::string::npos);
    const std::string raw = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(path) + " -");
    CHECK(std::count(raw.begin(), raw.end(), '\n') > 4);  // line by line
    CHECK(without_space(raw).find(text) != std::string::npos);
}

TEST_CASE("pdf: a paragraph too long for total fit is set first-fit", "[pdf][pagination]") {
    // Over 2,000 break opportunities: total fit would weigh too many
    // choices; the paragraph is still set, across pages, every word kept.
    const std::string fo = fo_document(paragraph(7, 2600));
    const std::string pdf = render_ok(fo);
    const fs::path path = scratch() / "huge-paragraph.pdf";
    spit(path, pdf);
    const std::string text = body_text(path);
    std::vector<std::string> wanted;
    for (int w = 0; w < 2600; ++w) wanted.push_back("p7w" + std::to_string(w));
    std::size_t from = 0;
    CHECK(first_missing(text, wanted, from).empty());
    const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(path));
    CHECK(std::stoi(info.substr(info.find("Pages:") + 6)) >= 5);
}

TEST_CASE("pdf: fo.xsl numbers list items in the list's own style", "[pdf][fo]") {
    auto labels = [](const std::string& marker, int items) {
        std::string xml = R"(<release xmlns="urn:communique:release:1" version="1.0" xml:lang="en" kind="press-release">
  <header><issuer><organisation>MINISTRY</organisation></issuer><genre>PRESS RELEASE</genre></header>
  <headline>Lists</headline><body><list type="ordered" marker=")" + marker + "\">";
        for (int i = 0; i < items; ++i) xml += "<item>Item</item>";
        xml += R"(</list></body><dateline position="end"><date when="2024-01-01">1 January 2024</date></dateline></release>)";
        doc_ptr release = parse_xml(xml);
        doc_ptr fo = stylesheet().apply(release.get());
        std::string out;
        xmlXPathContext* ctx = xmlXPathNewContext(fo.get());
        xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>("fo"),
                           reinterpret_cast<const xmlChar*>("http://www.w3.org/1999/XSL/Format"));
        xmlXPathObject* o = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("//fo:list-item-label"), ctx);
        for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; ++i) {
            xmlChar* s = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
            out += (i ? " " : "") + std::string(reinterpret_cast<const char*>(s));
            xmlFree(s);
        }
        xmlXPathFreeObject(o);
        xmlXPathFreeContext(ctx);
        return out;
    };
    CHECK(labels("1.", 3) == "1. 2. 3.");
    CHECK(labels("(a)", 3) == "(a) (b) (c)");
    CHECK(labels("I.", 4) == "I. II. III. IV.");
    CHECK(labels("(i)", 4) == "(i) (ii) (iii) (iv)");
    CHECK(labels("a)", 28).ends_with("z) aa) ab)"));
    CHECK(labels("\xE2\x80\xA2", 3) == "\xE2\x80\xA2 \xE2\x80\xA2 \xE2\x80\xA2");
    CHECK(labels("-", 2) == "- -");
}

TEST_CASE("pdf: fo.xsl carries the metadata and the dateline's keep", "[pdf][fo]") {
    const rendered& r = fixtures().front().second;
    CHECK(r.fo.find("<x:xmpmeta") != std::string::npos);
    CHECK(r.fo.find("<dc:title>") != std::string::npos);
    CHECK(r.fo.find("<rdf:li>MINISTRY") != std::string::npos);
    CHECK(r.fo.find("<xmp:CreateDate>") != std::string::npos);
    CHECK(r.fo.find("text-align=\"end\" space-before=\"14pt\" keep-with-previous=\"always\"") != std::string::npos);
    CHECK(r.fo.find("<fo:page-number-citation ref-id=\"cq-last\"/>") != std::string::npos);
}

namespace {

// A table of `rows` rows: column 1 one word, column 2 `lines` blocks of one word.
std::string fo_table(int rows, int lines, const std::string& columns = "") {
    std::string t = "<fo:table table-layout=\"fixed\" width=\"100%\" space-before=\"6pt\">" + columns + "<fo:table-body>";
    for (int r = 0; r < rows; ++r) {
        t += "<fo:table-row><fo:table-cell border=\"0.5pt solid #808080\" padding=\"2pt\"><fo:block>row" +
             std::to_string(r) + "</fo:block></fo:table-cell><fo:table-cell border=\"0.5pt solid #808080\" padding=\"2pt\">";
        for (int l = 0; l < lines; ++l) t += "<fo:block>r" + std::to_string(r) + "l" + std::to_string(l) + "</fo:block>";
        t += "</fo:table-cell></fo:table-row>";
    }
    return t + "</fo:table-body></fo:table>";
}

int page_count(const fs::path& pdf) {
    const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(pdf));
    return std::stoi(info.substr(info.find("Pages:") + 6));
}

std::string page_text(const fs::path& pdf, int page, const char* options = "") {
    return run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + options + " -f " + std::to_string(page) + " -l " +
               std::to_string(page) + " " + quote(pdf) + " -");
}

}  // namespace

TEST_CASE("pdf: a table's rows stand on one line each, cells in order, between rules", "[pdf][table]") {
    static const communique::engine engine;
    const std::string draft = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TOURISM**\n\nPRESS RELEASE\n\n"
                              "Visitor figures published\n\nThe Ministry published the figures today.\n\n"
                              "| Province | Visitors | Change |\n|:---|---:|---:|\n| Siem Reap | 641,200 | +18% |\n"
                              "| Phnom Penh | 1,204,900 | +11% |\n\n"
                              "![A bar chart of visitors](chart.png \"Visitors by province\")\n\n"
                              "Phnom Penh, 25 July 2024\n";
    const std::string formats[] = {"xml"};
    communique::result xml = engine.convert(draft, formats);
    REQUIRE(xml.ok());
    rendered r = render_xml("table", xml.outputs.front());
    const std::string text = page_text(r.pdf_path, 1, "-layout");
    auto line_of = [&](const std::string& word) {
        const std::size_t at = text.find(word);
        REQUIRE(at != std::string::npos);
        const std::size_t begin = text.rfind('\n', at) + 1;
        return text.substr(begin, text.find('\n', at) - begin);
    };
    for (const std::vector<std::string>& row : {std::vector<std::string>{"Province", "Visitors", "Change"},
                                                {"Siem Reap", "641,200", "+18%"},
                                                {"Phnom Penh", "1,204,900", "+11%"}}) {
        const std::string line = line_of(row[0]);
        INFO(line);
        std::size_t from = 0;
        for (const std::string& cell : row) {
            const std::size_t at = line.find(cell, from);
            CHECK(at != std::string::npos);
            from = at == std::string::npos ? from : at + cell.size();
        }
    }
    // The figure is its alternative text and caption.
    CHECK(text.find("[Image: A bar chart of visitors]") != std::string::npos);
    CHECK(text.find("Visitors by province") != std::string::npos);
    // Three rows of three cells, each cell's four sides stroked.
    const qdf_pdf q = to_qdf(r.pdf_path);
    std::size_t strokes = 0;
    for (const std::string& c : q.contents)
        for (std::size_t at = c.find(" l S"); at != std::string::npos; at = c.find(" l S", at + 1)) ++strokes;
    CHECK(strokes == 3 * 3 * 4);
}

TEST_CASE("pdf: a table row is never split across pages when it fits on one", "[pdf][table][pagination]") {
    std::string flow;
    for (int n = 0; n < 6; ++n) flow += paragraph(n, 80);
    flow += fo_table(14, 4);
    const std::string pdf = render_ok(fo_document(flow));
    const fs::path path = scratch() / "table-rows.pdf";
    spit(path, pdf);
    const int pages = page_count(path);
    REQUIRE(pages >= 2);
    std::vector<std::string> texts;
    for (int p = 1; p <= pages; ++p) texts.push_back(page_text(path, p));
    bool crossed = false;  // some row would have been cut at a page's end
    for (int r = 0; r < 14; ++r) {
        std::set<int> on;
        for (int l = 0; l < 4; ++l)
            for (int p = 0; p < pages; ++p)
                if (texts[std::size_t(p)].find("r" + std::to_string(r) + "l" + std::to_string(l) + "\n") !=
                    std::string::npos)
                    on.insert(p);
        INFO("row " << r);
        CHECK(on.size() == 1);
        crossed = crossed || (r > 0 && texts[std::size_t(*on.begin())].find("row" + std::to_string(r - 1) + "\n") ==
                                           std::string::npos);
    }
    CHECK(crossed);  // the table did go over a page break, between rows
}

TEST_CASE("pdf: tables too complex for a grid are set a cell after another, never refused", "[pdf][table]") {
    SECTION("columns too narrow for their words") {
        std::string t = "<fo:table><fo:table-body><fo:table-row>";
        std::vector<std::string> words;
        for (int c = 0; c < 40; ++c) {
            words.push_back("column" + std::to_string(c));
            t += "<fo:table-cell padding=\"2pt\"><fo:block>" + words.back() + "</fo:block></fo:table-cell>";
        }
        t += "</fo:table-row></fo:table-body></fo:table>";
        const fs::path path = scratch() / "table-narrow.pdf";
        spit(path, render_ok(fo_document(t)));
        std::size_t from = 0;
        CHECK(first_missing(body_text(path), words, from).empty());
    }
    SECTION("a row taller than a page") {
        const fs::path path = scratch() / "table-tall-row.pdf";
        spit(path, render_ok(fo_document(fo_table(1, 120))));
        CHECK(page_count(path) >= 2);
        std::vector<std::string> words{"row0"};
        for (int l = 0; l < 120; ++l) words.push_back("r0l" + std::to_string(l));
        std::size_t from = 0;
        CHECK(first_missing(body_text(path), words, from).empty());
    }
}

TEST_CASE("pdf: glyph codes are literal strings that read back whole", "[pdf][extraction]") {
    // Printable ASCII, forwards and backwards: in DejaVu Serif its glyph
    // codes hold every byte a literal string must escape - '(' and ')'
    // (unbalanced too: ")(" backwards), '\' and CR, which a reader would
    // take for LF - as the characters themselves do.
    std::string forwards, backwards, flow;
    for (char c = '!'; c <= '~'; ++c) forwards += c;
    backwards.assign(forwards.rbegin(), forwards.rend());
    for (const std::string& s : {forwards, backwards}) {
        flow += "<fo:block>";
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (i % 20 == 0) flow += ' ';  // places for the lines to break
            flow += s[i] == '<' ? "&lt;" : s[i] == '&' ? "&amp;" : std::string(1, s[i]);
        }
        flow += "</fo:block>";
    }
    const fs::path file = scratch() / "literal-strings.pdf";
    spit(file, render_ok(fo_document(flow)));
    const std::string text = body_text(file);
    CHECK(text.find(forwards) != std::string::npos);
    CHECK(text.find(backwards) != std::string::npos);
    // Read by qpdf too, which takes a raw CR in a string for LF as the
    // standard says (poppler keeps it): the codes mean the characters.
    const qdf_pdf q = to_qdf(file);
    const auto meanings = to_unicode(q);
    std::string read;
    for (const std::string& content : q.contents)
        for (const text_object& t : text_objects(content, [](const std::string&, unsigned) { return 0.0; }))
            for (const shown_glyph& g : t.glyphs) {
                const auto& cids = meanings.at(q.base_font.at(t.font));
                const auto it = cids.find(g.cid);
                if (it == cids.end()) {
                    read += '?';
                    continue;
                }
                for (char16_t u : it->second)
                    if (u != ' ') read += static_cast<char>(u);
            }
    CHECK(read.find(forwards) != std::string::npos);
    CHECK(read.find(backwards) != std::string::npos);
    // The content stream as written (not as qpdf would rewrite it): literal
    // strings, no hex.
    const fs::path raw = scratch() / "literal-strings.raw.pdf";
    run(std::string(QPDF_EXE) + " --qdf --normalize-content=n --object-streams=disable " + quote(file) + " " +
        quote(raw));
    const std::string qdf = slurp(raw);
    CHECK(qdf.find(" Td\n[(") != std::string::npos);
    CHECK(qdf.find("Td\n[<") == std::string::npos);
}
