// Every valid release in fixtures/releases (the folder is read at run time,
// so releases added later are covered too) rendered to PDF and checked with
// tools independent of the renderer: qpdf, pdffonts, pdftotext, pdfinfo.
#include "support.hpp"

using namespace pdf_test;


TEST_CASE("pdf: there are fixtures to render", "[pdf]") {
    REQUIRE(fixtures().size() >= 20);
}

TEST_CASE("pdf: qpdf --check finds every fixture's PDF clean", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        int status = 0;
        const std::string out = run(std::string(QPDF_EXE) + " --check " + quote(r.pdf_path) + " 2>&1", &status);
        INFO(out);
        CHECK(status == 0);
        CHECK(out.find("No syntax or stream encoding errors found") != std::string::npos);
        CHECK(out.find("WARNING") == std::string::npos);
        CHECK(r.pdf.compare(0, 8, "%PDF-1.7") == 0);
    }
}

TEST_CASE("pdf: every font is embedded, subset, with ToUnicode (pdffonts)", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const std::string out = run(std::string(PDFFONTS_EXE) + " " + quote(r.pdf_path));
        INFO(out);
        std::istringstream lines(out);
        std::string line;
        int fonts = 0;
        while (std::getline(lines, line)) {
            if (line.starts_with("name") || line.starts_with("----") || line.empty()) continue;
            ++fonts;
            // name type encoding emb sub uni object ID: the three flags precede the object number.
            std::istringstream cols(line);
            std::vector<std::string> c{std::istream_iterator<std::string>(cols), std::istream_iterator<std::string>()};
            REQUIRE(c.size() >= 8);
            const std::size_t n = c.size();
            CHECK(c[n - 5] == "yes");  // emb
            CHECK(c[n - 4] == "yes");  // sub
            CHECK(c[n - 3] == "yes");  // uni
            CHECK(line.find("CID TrueType") != std::string::npos);
            CHECK(line.find("Identity-H") != std::string::npos);
            // The subset tag: six capital letters and a plus.
            REQUIRE(c[0].size() > 7);
            CHECK(c[0][6] == '+');
            CHECK(std::all_of(c[0].begin(), c[0].begin() + 6, [](char ch) { return ch >= 'A' && ch <= 'Z'; }));
        }
        CHECK(fonts >= 1);
    }
}

TEST_CASE("pdf: pdftotext gives every word of the release, in order", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const std::string text = body_text(r.pdf_path);
        const release_text release = text_of_release(r.xml);
        std::size_t from = 0;
        CHECK(first_missing(text, words(release.body), from).empty());
        // The dateline stands where the layout puts it; its own words in order.
        std::size_t anywhere = 0;
        CHECK(first_missing(text, words(release.dateline), anywhere).empty());
        CHECK(words(release.body).size() > 50);
    }
}

TEST_CASE("pdf: rendering twice gives the same bytes", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        rendered again = render_xml(name + "-again", r.xml);
        CHECK(again.pdf == r.pdf);
    }
}

TEST_CASE("pdf: document information and XMP come from the release", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(r.pdf_path));
        INFO(info);
        doc_ptr d = parse_xml(r.xml);
        xmlXPathContext* ctx = xmlXPathNewContext(d.get());
        xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>("r"),
                           reinterpret_cast<const xmlChar*>("urn:communique:release:1"));
        auto value = [&](const char* expr) {
            xmlXPathObject* o = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr), ctx);
            xmlChar* s = xmlXPathCastToString(o);
            std::string out = reinterpret_cast<const char*>(s);
            xmlFree(s);
            xmlXPathFreeObject(o);
            return out;
        };
        const std::string title = value("normalize-space(/r:release/r:headline)");
        const std::string genre = value("normalize-space(/r:release/r:header/r:genre)");
        const std::string when = value("string(/r:release/r:dateline/r:date/@when)");
        const std::string lang = value("string(/r:release/@xml:lang)");
        std::string authors;
        const int organisations = std::stoi(value("count(/r:release/r:header/r:issuer/r:organisation)"));
        for (int i = 1; i <= organisations; ++i) {
            // A name printed over two lines is one name, its br a space.
            const std::string expr = "/r:release/r:header/r:issuer/r:organisation[" + std::to_string(i) + "]";
            std::string organisation;
            xmlXPathObject* o = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctx);
            for (xmlNode* c = o->nodesetval->nodeTab[0]->children; c; c = c->next)
                organisation += c->type == XML_TEXT_NODE ? reinterpret_cast<const char*>(c->content) : " ";
            xmlXPathFreeObject(o);
            std::istringstream ws(organisation);
            std::string word, normal;
            while (ws >> word) normal += (normal.empty() ? "" : " ") + word;
            authors += (authors.empty() ? "" : "; ") + normal;
        }
        xmlXPathFreeContext(ctx);
        CHECK(info.find("Title:           " + title + "\n") != std::string::npos);
        CHECK(info.find("Subject:         " + genre + "\n") != std::string::npos);
        CHECK(info.find("Author:          " + authors + "\n") != std::string::npos);
        CHECK(info.find("Metadata Stream: yes") != std::string::npos);
        CHECK(info.find("PDF version:     1.7") != std::string::npos);
        // The creation date is the dateline's date (no clock time).
        const std::string date_line = info.substr(info.find("CreationDate:"), info.find('\n', info.find("CreationDate:")) - info.find("CreationDate:"));
        CHECK(date_line.find(when.substr(0, 4)) != std::string::npos);
        CHECK(date_line.find("00:00:00") != std::string::npos);
        CHECK(r.pdf.find("/CreationDate(D:" + when.substr(0, 4) + when.substr(5, 2) + when.substr(8, 2) + "000000Z)") !=
              std::string::npos);
        CHECK(r.pdf.find("<xmp:CreateDate>" + when + "T00:00:00Z</xmp:CreateDate>") != std::string::npos);
        CHECK(r.pdf.find("/Lang(" + lang + ")") != std::string::npos);
    }
}

TEST_CASE("pdf: links are live /URI annotations", "[pdf]") {
    int links = 0;
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        doc_ptr d = parse_xml(r.xml);
        xmlXPathContext* ctx = xmlXPathNewContext(d.get());
        xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>("r"),
                           reinterpret_cast<const xmlChar*>("urn:communique:release:1"));
        xmlXPathObject* o = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("//r:link/@href"), ctx);
        for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; ++i) {
            xmlChar* href = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
            const std::string uri = reinterpret_cast<const char*>(href);
            xmlFree(href);
            CHECK(r.pdf.find("/URI(" + uri + ")") != std::string::npos);
            ++links;
        }
        xmlXPathFreeObject(o);
        xmlXPathFreeContext(ctx);
        if (r.pdf.find("/URI(") != std::string::npos) CHECK(r.pdf.find("/Subtype/Link") != std::string::npos);
    }
    CHECK(links >= 4);
}

TEST_CASE("pdf: every page says Page N of M, in the release's language", "[pdf]") {
    for (const auto& [name, r] : fixtures()) {
        INFO(name);
        const std::string info = run(std::string(PDFINFO_EXE) + " " + quote(r.pdf_path));
        const std::size_t at = info.find("Pages:");
        REQUIRE(at != std::string::npos);
        const int pages = std::stoi(info.substr(at + 6));
        for (int p = 1; p <= pages; ++p) {
            const std::string text = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 -f " + std::to_string(p) + " -l " +
                                         std::to_string(p) + " " + quote(r.pdf_path) + " -");
            // fo.xsl writes the footer in the release's language.
            const std::string footer = expected_footer(release_language(r.xml), p, pages);
            CHECK(text.find(footer) != std::string::npos);
        }
    }
}

TEST_CASE("pdf: the footer is in the release's language", "[pdf]") {
    CHECK_FALSE(is_footer("12/04/2024"));
    CHECK_FALSE(is_footer("Page of the report"));
    // A fixture's release in each language fo.xsl knows (and one it does
    // not): only xml:lang changes, the footer follows it.
    const std::string en = canonical_xml(source_dir / "fixtures" / "releases" /
                                         "2024-01-19-national-apprenticeship-programme.md");
    const std::string attr = "xml:lang=\"en\"";
    REQUIRE(en.find(attr) != std::string::npos);
    for (const char* lang : {"th", "vi", "lo", "ms", "id", "fil", "my", "zh", "zh-Hant", "km", "en", "fr"}) {
        INFO(lang);
        std::string xml = en;
        xml.replace(xml.find(attr), attr.size(), "xml:lang=\"" + std::string(lang) + "\"");
        const rendered r = render_xml(std::string("footer-") + lang, xml);
        const std::string text = run(std::string(PDFTOTEXT_EXE) + " -enc UTF-8 " + quote(r.pdf_path) + " -");
        CHECK(text.find(expected_footer(lang, 1, 1)) != std::string::npos);
        CHECK(is_footer(expected_footer(lang, 12, 34)));  // what body_text() leaves out
        const bool english = std::string(lang) == "en" || std::string(lang) == "fr";
        CHECK((english || text.find("Page 1 of 1") == std::string::npos));
    }
}
