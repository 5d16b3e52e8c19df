// The renderer's contract beyond the fixtures: errors instead of bad PDFs,
// dates from SOURCE_DATE_EPOCH, the same bytes from any thread and any
// locale, pagination that honours keeps, widows and orphans, and fo.xsl's
// list numbering.
#include "support.hpp"

#include "pdf/renderer.hpp"

#include <clocale>
#include <cstdlib>
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
    return renderer().render(d.get(), opts, pdf, error);
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
        CHECK_FALSE(render_fo(fo_document("<fo:table/>"), pdf, error));
        CHECK(error == "unsupported FO element fo:table");
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
    std::string pdf, error;
    std::vector<char32_t> missing;
    REQUIRE(renderer().render(d.get(), {}, pdf, error, nullptr, &missing));
    CHECK(error.empty());
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
    REQUIRE(renderer().render(plain.get(), {}, pdf, error, nullptr, &missing));
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
        std::string pdf, error;
        REQUIRE(renderer().render(fos.back().get(), {}, pdf, error));
        expected.push_back(pdf);
    }
    // A renderer of its own, first used from several threads at once.
    const communique::detail::pdf::renderer fresh;
    std::vector<std::string> results(fos.size() * 4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            std::string error;
            for (int round = 0; round < 3; ++round) fresh.render(fos[t % fos.size()].get(), {}, results[t], error);
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
        threads.emplace_back([&, t] {
            std::string error;
            r.render((t % 2 ? khmer_fo : latin_fo).get(), {}, results[t], error);
        });
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
