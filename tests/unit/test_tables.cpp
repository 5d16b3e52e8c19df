// Tables and figures end to end: what each reader (Markdown, HTML, DOCX)
// makes of them in the release tree, and how every writer renders them.
#include "read/reader.hpp"

#include <communique/communique.hpp>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

using namespace communique::detail;

namespace {

struct parsed {
    std::string text;  // owns the bytes the source views
    read_result result;
};

parsed read(std::string text, input_format format = input_format::automatic) {
    parsed p{std::move(text), {}};
    source_text src(p.text);
    read_options opts;
    opts.format = format;
    p.result = read_release(src, opts);
    return p;
}

// The string value of an XPath expression over the tree; "r" is the release namespace.
std::string xp(const parsed& p, const std::string& expr) {
    REQUIRE(p.result.tree);
    xmlXPathContextPtr ctx = xmlXPathNewContext(p.result.tree->doc());
    xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST release_ns);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST("string(" + expr + ")").c_str(), ctx);
    std::string out = obj && obj->stringval ? reinterpret_cast<const char*>(obj->stringval) : "";
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return out;
}

int count(const parsed& p, const std::string& expr) { return std::stoi(xp(p, "count(" + expr + ")")); }

const std::string header = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TOURISM**\n\nPRESS RELEASE\n\n"
                           "Visitor figures published by province\n\n"
                           "The Ministry published the number of visitors to four provinces today.\n\n";
const std::string dateline = "\n\nPhnom Penh, 25 July 2024\n";

const std::string table = "| Province | Visitors | Change |\n"
                          "|:---|---:|:---:|\n"
                          "| Siem Reap | 641,200 | +18% |\n"
                          "| Kampot and **Kep** | 96,300<br>(estimate) | -2% |\n"
                          "| Phnom Penh \\| capital | 1,204,900 |\n";
const std::string figure = "![A bar chart of visitors](images/chart.png \"Visitors by province\")";

// The release tree's table as the tests compare it: rows of cells, "|"
// between cells, "*" before a heading row, a cell's alignment after a "@".
std::string table_of(const parsed& p) {
    std::string out;
    for (int r = 1; r <= count(p, "//r:table/r:row"); ++r) {
        const std::string row = "//r:table/r:row[" + std::to_string(r) + "]";
        if (xp(p, row + "/@header") == "true") out += "*";
        for (int c = 1; c <= count(p, row + "/r:cell"); ++c) {
            const std::string cell = row + "/r:cell[" + std::to_string(c) + "]";
            out += (c > 1 ? "|" : "") + xp(p, cell);
            if (!xp(p, cell + "/@align").empty()) out += "@" + xp(p, cell + "/@align");
        }
        out += "\n";
    }
    return out;
}

const std::string expected_table = "*Province|Visitors@right|Change@centre\n"
                                   "Siem Reap|641,200@right|+18%@centre\n"
                                   "Kampot and Kep|96,300(estimate)@right|-2%@centre\n"
                                   "Phnom Penh | capital|1,204,900@right|@centre\n";

std::vector<std::string> convert(const std::string& draft, std::vector<std::string> formats) {
    static const communique::engine e;
    communique::result r = e.convert(draft, formats);
    INFO((r.diagnostics.empty() ? std::string() : r.diagnostics.front().message));
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics.empty());
    return r.outputs;
}

}  // namespace

TEST_CASE("a Markdown table is a table: rows of cells, a heading row, alignment, inline content", "[tables]") {
    auto p = read(header + table + dateline);
    CHECK(p.result.diagnostics.empty());
    CHECK(table_of(p) == expected_table);
    CHECK(count(p, "//r:body/r:p") == 1);  // no paragraph of pipes
    CHECK(xp(p, "//r:row[3]/r:cell[1]/r:strong") == "Kep");
    CHECK(count(p, "//r:row[3]/r:cell[2]/r:br") == 1);  // <br> is a cell's line break
    CHECK(xp(p, "name(//r:body/*[2])") == "table");

    SECTION("an empty heading row is how a table without headings is written") {
        auto q = read(header + "|  |  |\n|---|---|\n| a | b |\n" + dateline);
        CHECK(table_of(q) == "a|b\n");
    }
    SECTION("the table is valid against the schema") {
        static const communique::engine e;
        CHECK(e.check(header + table + "\n" + figure + dateline).diagnostics.empty());
    }
}

TEST_CASE("an image on its own is a figure; one amid text is a link to it with its alternative text", "[tables]") {
    auto p = read(header + figure + "\n\nThe chart ![a small icon](icon.png) shows the rise." + dateline);
    CHECK(count(p, "//r:figure") == 1);
    CHECK(xp(p, "//r:figure/@src") == "images/chart.png");
    CHECK(xp(p, "//r:figure/@alt") == "A bar chart of visitors");
    CHECK(xp(p, "//r:figure/r:caption") == "Visitors by province");
    CHECK(xp(p, "//r:body/r:p[2]") == "The chart a small icon shows the rise.");
    CHECK(xp(p, "//r:body/r:p[2]/r:link/@href") == "icon.png");
}

TEST_CASE("HTML and Word tables and images come through the same tree", "[tables]") {
    SECTION("HTML: a row of <th> is a heading row, <figcaption> the caption, a data: address is dropped") {
        const std::string html = "<html><body><article><p>KINGDOM OF CAMBODIA<br>NATION RELIGION KING</p>"
                                 "<p><b>MINISTRY OF TOURISM</b></p><p>PRESS RELEASE</p>"
                                 "<h1>Visitor figures published by province</h1>"
                                 "<p>The Ministry published the number of visitors today.</p>"
                                 "<table><tr><th>Province</th><th>Visitors</th></tr>"
                                 "<tr><td>Siem Reap</td><td align=\"right\">641,200</td></tr></table>"
                                 "<figure><img src=\"chart.png\" alt=\"A chart\"><figcaption>By  province"
                                 "</figcaption></figure><p><img src=\"data:image/png;base64,AAAA\" alt=\"Inline\"></p>"
                                 "<p>Phnom Penh, 25 July 2024</p></article></body></html>";
        auto p = read(html, input_format::html);
        CHECK(table_of(p) == "*Province|Visitors\nSiem Reap|641,200@right\n");
        CHECK(xp(p, "//r:figure[1]/@src") == "chart.png");
        CHECK(xp(p, "//r:figure[1]/r:caption") == "By province");
        CHECK(count(p, "//r:figure[2]/@src") == 0);
        CHECK(xp(p, "//r:figure[2]/@alt") == "Inline");
    }
    SECTION("the writers' own HTML and Word documents read back to the same table") {
        const std::string draft = header + table + "\n" + figure + dateline;
        std::vector<std::string> out = convert(draft, {"html", "docx"});
        auto html = read(out[0], input_format::html);
        CHECK(table_of(html) == expected_table.substr(0, expected_table.find("Change@centre")) + "Change\n" +
                                    "Siem Reap|641,200@right|+18%\nKampot and Kep|96,300(estimate)@right|-2%\n"
                                    "Phnom Penh | capital|1,204,900@right|\n");
        CHECK(xp(html, "//r:figure/r:caption") == "Visitors by province");
        auto docx = read(out[1], input_format::docx);
        // Word keeps the heading row (w:tblHeader, its bold not part of the text) and the right alignment.
        CHECK(xp(docx, "//r:row[1]/@header") == "true");
        CHECK(count(docx, "//r:row[1]//r:strong") == 0);
        CHECK(xp(docx, "//r:row[2]/r:cell[2]/@align") == "right");
        CHECK(xp(docx, "//r:row[3]/r:cell[1]") == "Kampot and Kep");
        CHECK(count(docx, "//r:row") == 4);
        CHECK(xp(docx, "//r:body/r:p[2]") == "[Image: A bar chart of visitors]");
    }
}

TEST_CASE("every writer renders tables and figures", "[tables]") {
    const std::string draft = header + table + "\n" + figure + dateline;
    std::vector<std::string> out = convert(draft, {"html", "txt", "nitf", "draft", "fo", "xml"});
    const std::string &html = out[0], &txt = out[1], &nitf = out[2], &md = out[3], &fo = out[4], &xml = out[5];

    CHECK(html.find("<thead><tr>\n<th scope=\"col\">Province</th>") != std::string::npos);
    CHECK(html.find("<td style=\"text-align: end\">641,200</td>") != std::string::npos);
    CHECK(html.find("<td style=\"text-align: center\">+18%</td>") != std::string::npos);
    CHECK(html.find("<figure><img src=\"images/chart.png\" alt=\"A bar chart of visitors\"><figcaption>"
                    "Visitors by province</figcaption></figure>") != std::string::npos);
    CHECK(html.find("border-collapse") != std::string::npos);  // the table rules come with a table

    // Plain text: aligned columns, figures right-aligned, a rule under the headings.
    CHECK(txt.find("Province                       Visitors  Change\n"
                   "--------------------  -----------------  ------\n"
                   "Siem Reap                       641,200   +18%\n"
                   "Kampot and Kep        96,300 (estimate)   -2%\n"
                   "Phnom Penh | capital          1,204,900\n") != std::string::npos);
    CHECK(txt.find("[Image: A bar chart of visitors]\nVisitors by province\n") != std::string::npos);

    CHECK(std::regex_search(nitf, std::regex("<thead>\\s*<tr>\\s*<th>Province</th>\\s*<th align=\"right\">Visitors</th>")));
    CHECK(nitf.find("<td align=\"center\">+18%</td>") != std::string::npos);
    CHECK(nitf.find("<media media-type=\"image\">") != std::string::npos);
    CHECK(nitf.find("<media-reference source=\"images/chart.png\" mime-type=\"image/png\" "
                    "alternate-text=\"A bar chart of visitors\"/>") != std::string::npos);
    CHECK(nitf.find("<media-caption>Visitors by province</media-caption>") != std::string::npos);

    // The draft: a pipe table and the image as written, read back to the same release, a fixed point.
    CHECK(md.find("| Province | Visitors | Change |\n| --- | ---: | :---: |\n| Siem Reap | 641,200 | +18% |\n"
                  "| Kampot and **Kep** | 96,300<br>(estimate) | -2% |\n| Phnom Penh \\| capital | 1,204,900 |  |\n") !=
          std::string::npos);
    CHECK(md.find(figure) != std::string::npos);
    std::vector<std::string> again = convert(md, {"xml", "draft"});
    CHECK(again[0] == xml);
    CHECK(again[1] == md);

    CHECK(std::regex_search(fo, std::regex("<fo:table table-layout=\"fixed\" width=\"100%\"[^>]*>"
                                           "(<fo:table-column column-width=\"proportional-column-width\\(\\d+\\)\"/>){3}"
                                           "<fo:table-header>")));
    CHECK(fo.find("[Image: A bar chart of visitors]") != std::string::npos);
}

TEST_CASE("a table too wide for the text width is set a cell a line, under its headings", "[tables]") {
    static const communique::engine narrow([] {
        communique::options o;
        o.text_width = 30;
        return o;
    }());
    const std::string formats[] = {"txt"};
    communique::result r = narrow.convert(header + table + dateline, formats);
    REQUIRE(r.ok());
    CHECK(r.outputs[0].find("Province: Siem Reap\nVisitors: 641,200\nChange: +18%\n\nProvince: Kampot and Kep\n") !=
          std::string::npos);
}

TEST_CASE("a table too big for cmark-gfm is refused before it is parsed", "[tables][limits]") {
    static const communique::engine e;
    auto refused = [&](const std::string& draft, std::size_t line, const char* words) {
        const auto start = std::chrono::steady_clock::now();
        communique::result r = e.check(draft);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == "input-too-large");
        CHECK(r.diagnostics[0].begin.line == line);
        CHECK(r.diagnostics[0].message.find(words) != std::string::npos);
        CHECK(seconds < 0.5);
    };
    std::string wide_header = "|", wide_delimiter = "|", pipes;
    for (int i = 0; i < 5000; ++i) wide_header += " a |", wide_delimiter += "-|", pipes += "|";
    std::string short_rows;
    for (int i = 0; i < 60000; ++i) short_rows += "|x|\n";
    // 400 columns of 60,000 rows, each row filled with empty cells: 24 million cells.
    refused(header + wide_header.substr(0, 4 * 400 + 1) + "\n" + wide_delimiter.substr(0, 2 * 400 + 1) + "\n" +
                short_rows,
            13, "50,000 cells");
    // A row of 5,000 pipes, which this cmark-gfm parses in quadratic time.
    refused(header + "| a | b |\n|---|---|\n" + pipes + "\n" + dateline, 14, "more than 500 cells");
    refused(header + wide_header + "\n" + wide_delimiter + "\n" + dateline, 12, "more than 500 cells");
    // Within the bounds, a wide table reads.
    std::string fine = "|", fine_delimiter = "|";
    for (int i = 0; i < 200; ++i) fine += " a |", fine_delimiter += "-|";
    CHECK(count(read(header + fine + "\n" + fine_delimiter + "\n" + fine + "\n" + dateline), "//r:row[2]/r:cell") == 200);
}

TEST_CASE("a table of contacts under the dateline is the closing's, a row a line", "[tables]") {
    auto p = read(header + "Phnom Penh, 25 July 2024\n\nFor media enquiries:\n\n| Name | Phone |\n|---|---|\n"
                           "| Ms. Dara | +855 23 000 000 |\n");
    CHECK(p.result.diagnostics.empty());
    CHECK(xp(p, "//r:dateline/r:date/@when") == "2024-07-25");
    CHECK(count(p, "//r:table") == 0);
    CHECK(xp(p, "//r:closing/r:p[2]") == "Name | PhoneMs. Dara | +855 23 000 000");
    CHECK(count(p, "//r:closing/r:p[2]/r:br") == 1);
}
