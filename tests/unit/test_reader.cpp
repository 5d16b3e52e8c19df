// Focused tests of the draft reader: each shape a real archive holds, read
// into the parts of the release tree that shape should give.
#include "read/reader.hpp"

#include <communique/communique.hpp>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <catch2/catch.hpp>

using namespace communique::detail;

namespace {

struct parsed {
    std::string text;  // owns the bytes the source views
    read_result result;
};

parsed read(std::string text) {
    parsed p{std::move(text), {}};
    source_text src(p.text);
    p.result = read_release(src, {});
    return p;
}

// The string value of an XPath expression over the tree; "r" is the release namespace.
std::string xp(const parsed& p, const char* expr) {
    REQUIRE(p.result.tree);
    xmlXPathContextPtr ctx = xmlXPathNewContext(p.result.tree->doc());
    xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST release_ns);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST(std::string("string(") + expr + ")").c_str(), ctx);
    std::string out = obj && obj->stringval ? reinterpret_cast<const char*>(obj->stringval) : "";
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return out;
}

int count(const parsed& p, const char* expr) {
    return std::stoi(xp(p, (std::string("count(") + expr + ")").c_str()));
}

const std::string header = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING\nAND QUALITY**\n\n"
                           "Department of Fixtures\n\nPRESS RELEASE\n\n";

}  // namespace

TEST_CASE("the example's shape: header, persons, dates and an end dateline", "[reader]") {
    auto p = read(header +
                  "Ministry opens a new laboratory\n\n"
                  "On 10 April 2024, **His Excellency KEO Vannarith**, Minister, met **H.E. Ms. Anna Berg**.\n\n"
                  "**His Excellency the Minister** thanked the guests.\n\n"
                  "Phnom Penh, 12 April 2024\n");
    CHECK(p.result.diagnostics.empty());
    CHECK(xp(p, "/r:release/r:header/r:state") == "KINGDOM OF CAMBODIA");
    CHECK(xp(p, "/r:release/r:header/r:motto") == "NATION RELIGION KING");
    // The bold name over two lines is one organisation with its line break kept.
    CHECK(count(p, "//r:issuer/r:organisation") == 1);
    CHECK(count(p, "//r:organisation/r:br") == 1);
    CHECK(xp(p, "//r:issuer/r:unit") == "Department of Fixtures");
    CHECK(xp(p, "/r:release/@kind") == "press-release");
    CHECK(xp(p, "/r:release/r:headline") == "Ministry opens a new laboratory");
    CHECK(xp(p, "//r:person[1]/r:honorific") == "His Excellency");
    CHECK(xp(p, "//r:person[1]/r:name") == "KEO Vannarith");
    CHECK(xp(p, "//r:person[2]/r:honorific") == "H.E. Ms.");
    CHECK(xp(p, "//r:person[r:role]/r:role") == "the Minister");
    CHECK(xp(p, "//r:body//r:date/@when") == "2024-04-10");
    CHECK(xp(p, "//r:dateline/@position") == "end");
    CHECK(xp(p, "//r:dateline/r:place") == "Phnom Penh");
    CHECK(xp(p, "//r:dateline/r:date/@when") == "2024-04-12");
    CHECK(xp(p, "/r:release/@xml:lang") == "en");
}

TEST_CASE("a dateline is found wherever it stands", "[reader]") {
    SECTION("on its own line above the headline") {
        auto p = read(header + "Phnom Penh, 12 April 2024\n\nHeadline here\n\nBody text.\n");
        CHECK(xp(p, "//r:dateline/@position") == "top");
        CHECK(xp(p, "//r:headline") == "Headline here");
    }
    SECTION("under the headline") {
        auto p = read(header + "Headline here\n\nPhnom Penh, 12 April 2024\n\nBody text.\n");
        CHECK(xp(p, "//r:dateline/@position") == "under-headline");
        CHECK(xp(p, "//r:body/r:p") == "Body text.");
    }
    SECTION("run into the first sentence") {
        auto p = read(header + "Headline here\n\nPHNOM PENH, 12 April 2024 – The Ministry said **nothing**.\n");
        CHECK(xp(p, "//r:dateline/@position") == "run-in");
        CHECK(xp(p, "//r:dateline/r:place") == "PHNOM PENH");
        CHECK(xp(p, "//r:body/r:p[1]") == "The Ministry said nothing.");
    }
    SECTION("at the end, before a contact block and an end mark") {
        auto p = read(header + "Headline here\n\nBody text.\n\nPhnom Penh, April 12, 2024\n\n"
                               "For media enquiries:\nTel: +855 23 000 000\n\n-END-\n");
        CHECK(xp(p, "//r:dateline/@position") == "end");
        CHECK(xp(p, "//r:dateline/r:date/@when") == "2024-04-12");
        CHECK(count(p, "//r:closing/r:p/r:br") == 1);
        CHECK(xp(p, "//r:closing/r:end-mark") == "-END-");
        CHECK(count(p, "//r:body/*") == 1);
    }
}

TEST_CASE("lists in the shapes press offices number them", "[reader]") {
    SECTION("(a) items on their own lines") {
        auto p = read(header + "Headline\n\nThe plan has three parts:\n\n(a) roads;\n(b) bridges;\n(c) ports.\n\n"
                               "Phnom Penh, 12 April 2024\n");
        CHECK(xp(p, "//r:list/@marker") == "(a)");
        CHECK(xp(p, "//r:list/@type") == "ordered");
        CHECK(count(p, "//r:list/r:item") == 3);
        CHECK(xp(p, "//r:list/r:item[2]") == "bridges;");
    }
    SECTION("roman numerals in separate paragraphs") {
        auto p = read(header + "Headline\n\nI. First point.\n\nII. Second point.\n\nPhnom Penh, 12 April 2024\n");
        CHECK(xp(p, "//r:list/@marker") == "I.");
        CHECK(count(p, "//r:list/r:item") == 2);
    }
    SECTION("bullets and Markdown lists") {
        auto p = read(header + "Headline\n\n• one\n• two\n\n- three\n- four\n\nPhnom Penh, 12 April 2024\n");
        CHECK(count(p, "//r:list") == 2);
        CHECK(xp(p, "//r:list[1]/@marker") == "•");
        CHECK(xp(p, "//r:list[2]/@marker") == "-");
        CHECK(xp(p, "//r:list[2]/@type") == "unordered");
    }
}

TEST_CASE("quotes, subheadings, links and a subheadline", "[reader]") {
    auto p = read(header + "# Headline\n\n*A subheadline in italics*\n\n## Background\n\n"
                           "> We will build.\n\nSee [the site](https://example.gov/).\n\nPhnom Penh, 12 April 2024\n");
    CHECK(xp(p, "//r:headline") == "Headline");
    CHECK(xp(p, "//r:subheadline") == "A subheadline in italics");
    CHECK(xp(p, "//r:body/r:subheading") == "Background");
    CHECK(xp(p, "//r:body/r:quote/r:p") == "We will build.");
    CHECK(xp(p, "//r:link/@href") == "https://example.gov/");
}

TEST_CASE("dates in the forms drafts write them", "[reader]") {
    auto p = read(header + "Headline\n\nOn 12 APRIL 2024, 3/4/2024 and 2024-04-05 and\nApril 6, 2024 things happened.\n\n"
                           "Phnom Penh, 12 April 2024\n");
    CHECK(count(p, "//r:body//r:date") == 4);
    CHECK(xp(p, "//r:body//r:date[2]/@when") == "2024-04-03");  // day first
    CHECK(xp(p, "//r:body//r:date[4]") == "April 6, 2024");    // across a line break
}

TEST_CASE("positions point into the draft, not into generated XML", "[reader]") {
    communique::engine e;
    SECTION("an impossible date in the dateline") {
        auto r = e.check(header + "Headline\n\nBody.\n\nPhnom Penh, 31 April 2024\n");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == "date-invalid");
        CHECK(r.diagnostics[0].begin == communique::source_position{15, 13});
    }
    SECTION("a missing dateline is reported at the end of the draft") {
        auto r = e.check(header + "Headline\n\nBody.\n");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == "dateline-missing");
        CHECK(r.diagnostics[0].begin.line == 13);
    }
    SECTION("an unclosed bold") {
        auto r = e.check(header + "Headline\n\nOn Monday **His Excellency met.\n\nPhnom Penh, 12 April 2024\n");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == "emphasis-unclosed");
        CHECK(r.diagnostics[0].begin == communique::source_position{13, 11});
    }
}

TEST_CASE("canonical XML is read back as it was written", "[reader]") {
    communique::engine e;
    auto first = e.convert(header + "Headline\n\nBody on 1 April 2024.\n\nPhnom Penh, 12 April 2024\n",
                           std::vector<std::string>{"xml"});
    REQUIRE(first.ok());
    auto again = e.convert(first.outputs[0], std::vector<std::string>{"xml"});
    REQUIRE(again.ok());
    CHECK(again.outputs[0] == first.outputs[0]);
}

TEST_CASE("release XML is parsed without DTDs or entities", "[reader]") {
    auto p = read("<?xml version=\"1.0\"?>\n<!DOCTYPE release [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                  "<release xmlns=\"urn:communique:release:1\">&x;</release>\n");
    CHECK_FALSE(p.result.tree);
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].rule == "xml-doctype");
    CHECK(p.result.diagnostics[0].begin.line == 2);
}

TEST_CASE("a list right after its lead-in line is a list", "[reader]") {
    auto p = read(header +
                  "Ministry signs a road agreement\n\n"
                  "**His Excellency KEO Vannarith** signed the agreement.\n\n"
                  "The two sides agreed to:\n"
                  "(a) repair the northern section;\n"
                  "(b) train maintenance groups;\n"
                  "(c) report every quarter.\n\n"
                  "Phnom Penh, 12 April 2024\n");
    CHECK(p.result.diagnostics.empty());
    CHECK(xp(p, "/r:release/r:body/r:p[2]") == "The two sides agreed to:");
    CHECK(count(p, "/r:release/r:body/r:list/r:item") == 3);
    CHECK(xp(p, "/r:release/r:body/r:list/@marker") == "(a)");
    CHECK(xp(p, "/r:release/r:body/r:list/r:item[3]") == "report every quarter.");
}

TEST_CASE("text pasted with a paragraph a line reads as paragraphs", "[reader]") {
    // What a paste from Word or an e-mail gives: no blank line anywhere.
    const std::string long_line =
        "On 10 April 2024, **His Excellency KEO Vannarith**, Minister of Testing, opened the new laboratory in "
        "the capital together with partners from the provinces and representatives of the private sector.";
    auto p = read("KINGDOM OF CAMBODIA\nNATION RELIGION KING\nMINISTRY OF TESTING\nPRESS RELEASE\n"
                  "Ministry opens a new laboratory\n" +
                  long_line + "\n" + long_line + "\nPhnom Penh, 12 April 2024\n");
    CHECK(xp(p, "/r:release/r:headline") == "Ministry opens a new laboratory");
    CHECK(count(p, "/r:release/r:body/r:p") == 2);
    CHECK(xp(p, "/r:release/r:dateline/r:place") == "Phnom Penh");
    CHECK(xp(p, "/r:release/r:dateline/r:date/@when") == "2024-04-12");
    CHECK(xp(p, "/r:release/r:header/r:genre") == "PRESS RELEASE");
}

TEST_CASE("a web page's lines around the release are left out with a note", "[reader]") {
    auto p = read("Posted on 12 April 2024 by press office\n\n" + header +
                  "Ministry opens a new laboratory\n\n"
                  "**His Excellency KEO Vannarith** opened the laboratory.\n\n"
                  "Phnom Penh, 12 April 2024\n\n"
                  "[Back to the newsroom](https://example.gov.kh/news)\n");
    REQUIRE(p.result.diagnostics.size() == 2);
    CHECK(p.result.diagnostics[0].rule == "page-remnant");
    CHECK(p.result.diagnostics[0].level == communique::severity::note);
    CHECK(p.result.diagnostics[0].begin.line == 1);
    CHECK(p.result.diagnostics[1].rule == "page-remnant");
    CHECK(xp(p, "/r:release/r:header/r:state") == "KINGDOM OF CAMBODIA");
    CHECK(xp(p, "/r:release/r:dateline/r:date/@when") == "2024-04-12");
    CHECK(count(p, "//r:link") == 0);
}

TEST_CASE("datelines as offices write them", "[reader]") {
    const std::string body = "Ministry opens a new laboratory\n\n"
                             "**His Excellency KEO Vannarith** opened the laboratory with partners.\n\n";
    struct shape {
        const char* name;
        std::string end;   // what follows the body
        std::string place;
    };
    const shape shapes[] = {
        {"a comma and 'on'", "Phnom Penh, on 12 April 2024\n", "Phnom Penh"},
        {"'Issued in ... on'", "Issued in Phnom Penh on 12 April 2024\n", "Phnom Penh"},
        {"'Done in', a treaty's clause after the date",
         "Done in Phnom Penh on 12 April 2024, in two originals in the Khmer and English languages.\n", "Phnom Penh"},
        {"place and date on two lines", "PHNOM PENH\n12 April 2024\n", "PHNOM PENH"},
        {"place and date in two paragraphs", "PHNOM PENH\n\n12 April 2024\n", "PHNOM PENH"},
        {"a signature under the dateline", "Phnom Penh, 12 April 2024\n\nKEO Vannarith\nMinister of Testing\n",
         "Phnom Penh"},
        {"no blank line before the dateline",
         "The laboratory opens to the public in May.\nPhnom Penh, 12 April 2024\n", "Phnom Penh"},
    };
    for (const shape& s : shapes) {
        INFO(s.name);
        auto p = read(header + body + s.end);
        CHECK(p.result.diagnostics.empty());
        CHECK(xp(p, "/r:release/r:dateline/r:place") == s.place);
        CHECK(xp(p, "/r:release/r:dateline/r:date/@when") == "2024-04-12");
        CHECK(xp(p, "/r:release/r:headline") == "Ministry opens a new laboratory");
    }
    // Nothing of the line is lost: the clause stays in the dateline.
    auto done = read(header + body + shapes[2].end);
    CHECK(xp(done, "/r:release/r:dateline") ==
          "Done in Phnom Penh on 12 April 2024, in two originals in the Khmer and English languages.");
    auto signed_ = read(header + body + shapes[5].end);
    CHECK(xp(signed_, "/r:release/r:closing/r:p") == "KEO VannarithMinister of Testing");
    auto noblank = read(header + body + shapes[6].end);
    CHECK(xp(noblank, "/r:release/r:body/r:p[2]") == "The laboratory opens to the public in May.");
}

TEST_CASE("a wire service's dateline, its credit kept", "[reader]") {
    auto p = read(header +
                  "Ministry opens a new laboratory\n\n"
                  "BANGKOK, Thailand, March 3, 2024 /PRNewswire/ -- The Ministry of Testing opened a laboratory.\n\n"
                  "More text follows here.\n");
    CHECK(xp(p, "/r:release/r:dateline/@position") == "run-in");
    CHECK(xp(p, "/r:release/r:dateline/r:place") == "BANGKOK, Thailand");
    CHECK(xp(p, "/r:release/r:dateline/r:date/@when") == "2024-03-03");
    CHECK(xp(p, "/r:release/r:dateline") == "BANGKOK, Thailand, March 3, 2024 /PRNewswire/");
    CHECK(xp(p, "/r:release/r:body/r:p[1]") == "The Ministry of Testing opened a laboratory.");
}

TEST_CASE("a state line and its motto run into one line are a state line and a motto", "[reader]") {
    auto p = read("KINGDOM OF CAMBODIA NATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nPRESS RELEASE\n\n"
                  "Ministry opens a new laboratory\n\n"
                  "**His Excellency KEO Vannarith** opened the laboratory.\n\n"
                  "Phnom Penh, 12 April 2024\n");
    CHECK(p.result.diagnostics.empty());
    CHECK(xp(p, "/r:release/r:header/r:state") == "KINGDOM OF CAMBODIA");
    CHECK(xp(p, "/r:release/r:header/r:motto") == "NATION RELIGION KING");
}

TEST_CASE("the language of Latin text other than English is told by its words", "[reader]") {
    auto indonesian = read("REPUBLIK INDONESIA\n\n**KEMENTERIAN LUAR NEGERI**\n\nSIARAN PERS\n\n"
                           "Pemerintah membuka layanan baru untuk warga\n\n"
                           "Pemerintah telah membuka layanan baru yang akan membantu warga di daerah terpencil, "
                           "dan layanan ini dapat digunakan oleh semua warga dengan mudah karena pendaftaran "
                           "dilakukan secara daring kepada kantor terdekat.\n\n"
                           "Jakarta, 12 April 2024\n");
    CHECK(xp(indonesian, "/r:release/@xml:lang") == "id");
    auto malay = read("**KERAJAAN MALAYSIA**\n\nKENYATAAN MEDIA\n\n"
                      "Kerajaan melancarkan perkhidmatan baharu\n\n"
                      "Kerajaan telah melancarkan perkhidmatan baharu yang akan membantu rakyat di kawasan luar "
                      "bandar, dan perkhidmatan ini boleh digunakan oleh semua rakyat kerana pendaftaran dibuat "
                      "dalam talian kepada pejabat terdekat.\n\n"
                      "Putrajaya, 12 April 2024\n");
    CHECK(xp(malay, "/r:release/@xml:lang") == "ms");
    auto english = read(header + "Ministry opens a new laboratory\n\n"
                                 "The Ministry of Testing opened a new laboratory in the capital today, with partners "
                                 "from the provinces and the private sector.\n\nPhnom Penh, 12 April 2024\n");
    CHECK(xp(english, "/r:release/@xml:lang") == "en");
}

TEST_CASE("FOR IMMEDIATE RELEASE above the genre label is part of it, not the genre", "[reader]") {
    for (const char* between : {"\n", "\n\n"}) {
        auto p = read("KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nFOR IMMEDIATE RELEASE" +
                      std::string(between) +
                      "PRESS STATEMENT\n\nMinistry opens a new laboratory\n\n"
                      "**His Excellency KEO Vannarith** opened the laboratory.\n\nPhnom Penh, 12 April 2024\n");
        CHECK(p.result.diagnostics.empty());
        CHECK(xp(p, "/r:release/r:headline") == "Ministry opens a new laboratory");
        CHECK(xp(p, "/r:release/@kind") == "press-statement");
        CHECK(count(p, "/r:release/r:header/r:genre") == 1);
        CHECK(count(p, "/r:release/r:header/r:genre/r:br") == 1);
    }
}

TEST_CASE("each paragraph's language: an English quotation in a Malay release", "[reader]") {
    auto p = read("**KEMENTERIAN LUAR NEGERI MALAYSIA**\n\nKENYATAAN MEDIA\n\nLawatan rasmi Menteri ke Kemboja\n\n"
                  "Menteri Luar Negeri akan mengadakan lawatan rasmi ke Kemboja bagi membincangkan kerjasama "
                  "dalam bidang perdagangan dan pelancongan, serta isu serantau yang menjadi kepentingan bersama.\n\n"
                  "Lawatan ini juga akan memberi peluang kepada kedua-dua negara untuk menilai pelaksanaan "
                  "perjanjian yang telah dimeterai dan untuk membincangkan bidang kerjasama yang baharu.\n\n"
                  "\"We are pleased to welcome the Minister and we look forward to the talks on trade and tourism "
                  "that will be held in the capital,\" the host ministry said in its statement.\n\n"
                  "Putrajaya, 12 April 2024\n");
    CHECK(xp(p, "/r:release/@xml:lang") == "ms");
    CHECK(xp(p, "/r:release/r:body/r:p[1]/@xml:lang").empty());
    CHECK(xp(p, "/r:release/r:body/r:p[2]/@xml:lang").empty());
    CHECK(xp(p, "/r:release/r:body/r:p[3]/@xml:lang") == "en");
}

TEST_CASE("a paragraph's language is its own text's: a run-in dateline taken out of it is not counted", "[reader]") {
    // 30 words, 3 of them among Filipino's commonest: a tenth, Filipino. The
    // dateline's two words would make it less than a tenth.
    const std::string filipino =
        "ang mga bata ay nagbasa silid ngayong umaga kasama kanilang guro bago umuwi maaga pagkatapos "
        "magtanghalian magpahinga pumasok muli bukas magsanay paaralan tahimik masaya lahat bayan dagat bundok "
        "ilog puno.";
    const std::string top = "MINISTRY OF TESTING\n\nPRESS RELEASE\n\nMinistry opens a new laboratory\n\n";
    const std::string rest = "\n\nThe Minister thanked the guests for their work on the new laboratory.\n\n";
    auto run_in = read(top + "MANILA, 12 April 2024 – " + filipino + rest);
    CHECK(xp(run_in, "/r:release/@xml:lang") == "en");
    CHECK(xp(run_in, "//r:dateline/r:place") == "MANILA");
    CHECK(xp(run_in, "/r:release/r:body/r:p[1]/@xml:lang") == "fil");
    auto in_text = read(top + "Manila April " + filipino + rest + "Manila, 12 April 2024\n");
    CHECK(xp(in_text, "/r:release/r:body/r:p[1]").starts_with("Manila April ang"));
    CHECK(xp(in_text, "/r:release/r:body/r:p[1]/@xml:lang").empty());
}

TEST_CASE("an embargo line is told by its first letter, or folded when that letter is past ASCII", "[reader]") {
    for (std::string line : {"*Under embargo until 10:00, 12 April 2024*", "Hold for release until 12 April 2024",
                             "STRICTLY EMBARGOED until 12 April 2024", "not for release before 12 April 2024",
                             "\xC5\xBFtrictly embargoed until 12 April 2024"}) {  // "ſ", S in capitals
        auto p = read("MINISTRY OF TESTING\n\nPRESS RELEASE\n\n" + line +
                      "\n\nMinistry opens a new laboratory\n\nThe Minister thanked the guests.\n\n"
                      "Phnom Penh, 12 April 2024\n");
        CHECK(xp(p, "/r:release/r:header/r:embargo").find("12 April 2024") != std::string::npos);
    }
}
