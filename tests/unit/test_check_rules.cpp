// The house rules (src/check) on small canonical releases: which rule fires,
// at what level under each profile, and where.
#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace communique;

namespace {

// A release built from its parts, one per line: the header's lines (no
// <header> at all without has_header), the headline, the body's paragraphs
// and the dateline. Line 1 is the XML declaration, line 2 <release>.
struct parts {
    bool has_header = true;
    std::vector<std::string> header{"<state>KINGDOM OF CAMBODIA</state>",
                                    "<issuer><organisation>MINISTRY OF TOURISM</organisation></issuer>",
                                    "<genre>PRESS RELEASE</genre>"};
    std::string headline = "<headline>New river ferry links two provinces</headline>";
    std::vector<std::string> body{"<p>The ferry was opened on <date when=\"2024-04-10\">10 April 2024</date>.</p>"};
    std::string dateline = "<dateline position=\"end\"><place>Phnom Penh</place>, "
                           "<date when=\"2024-04-12\">12 April 2024</date></dateline>";
};

std::string xml(const parts& p) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<release xmlns=\"urn:communique:release:1\" version=\"1.0\" xml:lang=\"en\" "
                      "kind=\"press-release\">\n";
    if (p.has_header) {
        out += "<header>\n";
        for (const std::string& line : p.header) out += line + "\n";
        out += "</header>\n";
    }
    if (!p.headline.empty()) out += p.headline + "\n";
    out += "<body>\n";
    for (const std::string& para : p.body) out += para + "\n";
    out += "</body>\n";
    if (!p.dateline.empty()) out += p.dateline + "\n";
    return out + "</release>\n";
}

// The line of `text` where `part` first stands.
std::uint32_t line_of(const std::string& text, const std::string& part) {
    std::size_t at = text.find(part);
    REQUIRE(at != std::string::npos);
    auto end = text.begin() + static_cast<std::ptrdiff_t>(at);
    return static_cast<std::uint32_t>(std::count(text.begin(), end, '\n') + 1);
}

options under(house_profile profile) {
    options o;
    o.profile = profile;
    return o;
}

std::vector<std::string> rules_of(const result& r) {
    std::vector<std::string> out;
    for (const diagnostic& d : r.diagnostics) out.push_back(d.rule + ":" + std::string(to_string(d.level)));
    return out;
}

const diagnostic& only(const result& r, const std::string& rule) {
    auto named = [&](const diagnostic& d) { return d.rule == rule; };
    REQUIRE(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), named) == 1);
    return *std::find_if(r.diagnostics.begin(), r.diagnostics.end(), named);
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE("a complete release passes every rule under both profiles", "[rules]") {
    std::string text = xml(parts{});
    CHECK(rules_of(engine(under(house_profile::general)).check(text)).empty());
    CHECK(rules_of(engine(under(house_profile::kh_ministry)).check(text)).empty());
}

TEST_CASE("the rule table's levels are what each profile reports", "[rules]") {
    auto level = [](std::string_view id, house_profile p) {
        for (const rule_info& r : rules())
            if (r.id == id) return r.level(p);
        FAIL("no rule " << id);
        return std::optional<severity>{};
    };
    CHECK(level("header-missing", house_profile::general) == std::nullopt);
    CHECK(level("header-missing", house_profile::kh_ministry) == severity::error);
    CHECK(level("header-empty", house_profile::general) == severity::error);
    CHECK(level("header-empty", house_profile::kh_ministry) == std::nullopt);
    CHECK(level("dateline-place", house_profile::general) == severity::warning);
    CHECK(level("dateline-place", house_profile::kh_ministry) == severity::error);
    CHECK(level("date-after-dateline", house_profile::general) == severity::warning);
}

TEST_CASE("no header at all", "[rules]") {
    parts p;
    p.has_header = false;
    std::string text = xml(p);
    std::uint32_t release_line = 2, headline_line = line_of(text, "<headline>");

    result general = engine(under(house_profile::general)).check(text);
    CHECK(rules_of(general) == list{"header-empty:error"});
    CHECK(only(general, "header-empty").begin.line == release_line);

    result kh = engine(under(house_profile::kh_ministry)).check(text);
    CHECK(rules_of(kh) == list{"header-missing:error", "issuer-missing:error", "genre-missing:error"});
    CHECK(only(kh, "header-missing").begin.line == release_line);
    CHECK(only(kh, "issuer-missing").begin.line == release_line);
    // The genre label is missed where it should stand: before the headline.
    CHECK(only(kh, "genre-missing").begin.line == headline_line);
}

TEST_CASE("a header without its state line, issuer or genre label", "[rules]") {
    const engine general(under(house_profile::general));
    const engine kh(under(house_profile::kh_ministry));

    SECTION("no state line: only kh-ministry asks for it, at the header") {
        parts p;
        p.header.erase(p.header.begin());
        std::string text = xml(p);
        CHECK(rules_of(general.check(text)).empty());
        result r = kh.check(text);
        CHECK(rules_of(r) == list{"header-missing:error"});
        CHECK(only(r, "header-missing").begin.line == line_of(text, "<header>"));
        CHECK(only(r, "header-missing").message.find("national header line") != std::string::npos);
    }
    SECTION("no issuer: an error in kh-ministry only, at the header") {
        parts p;
        p.header.erase(p.header.begin() + 1);
        std::string text = xml(p);
        CHECK(rules_of(general.check(text)).empty());
        result r = kh.check(text);
        CHECK(rules_of(r) == list{"issuer-missing:error"});
        CHECK(only(r, "issuer-missing").begin.line == line_of(text, "<header>"));
    }
    SECTION("no genre label: an error in kh-ministry only, at the headline") {
        parts p;
        p.header.pop_back();
        std::string text = xml(p);
        CHECK(rules_of(general.check(text)).empty());
        result r = kh.check(text);
        CHECK(rules_of(r) == list{"genre-missing:error"});
        CHECK(only(r, "genre-missing").begin.line == line_of(text, "<headline>"));
    }
    SECTION("a state line alone names nobody: header-empty in general") {
        parts p;
        p.header = {"<state>KINGDOM OF CAMBODIA</state>"};
        std::string text = xml(p);
        result r = general.check(text);
        CHECK(rules_of(r) == list{"header-empty:error"});
        CHECK(only(r, "header-empty").begin.line == line_of(text, "<header>"));
        CHECK(rules_of(kh.check(text)) == list{"issuer-missing:error", "genre-missing:error"});
    }
    SECTION("a rule level set in the options wins over the profile's") {
        parts p;
        p.header.pop_back();
        options o = under(house_profile::kh_ministry);
        o.rule_levels["genre-missing"] = severity::note;
        CHECK(rules_of(engine(o).check(xml(p))) == list{"genre-missing:note"});
        o.rule_levels["genre-missing"] = std::nullopt;
        CHECK(rules_of(engine(o).check(xml(p))).empty());
    }
}

TEST_CASE("headline-shape counts words against house.headline-max-words", "[rules]") {
    parts p;
    p.headline = "<headline>One two three four five six</headline>";
    std::string text = xml(p);
    options o;
    o.headline_max_words = 6;
    CHECK(rules_of(engine(o).check(text)).empty());
    o.headline_max_words = 5;
    result r = engine(o).check(text);
    CHECK(rules_of(r) == list{"headline-shape:error"});
    const diagnostic& d = only(r, "headline-shape");
    CHECK(d.begin.line == line_of(text, "<headline>"));
    CHECK(d.message.find("has 6 words") != std::string::npos);
    CHECK(d.message.find("at most 5 words") != std::string::npos);

    // Two sentences are a paragraph, however short.
    p.headline = "<headline>Ferry opens. Crowds cheer.</headline>";
    CHECK(rules_of(engine().check(xml(p))) == list{"headline-shape:error"});
    p.headline = "<headline>Ferry opens at 8 a.m. on Monday</headline>";
    CHECK(rules_of(engine().check(xml(p))).empty());
}

TEST_CASE("dateline-place: a warning in general, an error in kh-ministry, at the dateline", "[rules]") {
    parts p;
    p.dateline = "<dateline position=\"end\"><date when=\"2024-04-12\">12 April 2024</date></dateline>";
    std::string text = xml(p);
    std::uint32_t at = line_of(text, "<dateline");
    result general = engine(under(house_profile::general)).check(text);
    CHECK(rules_of(general) == list{"dateline-place:warning"});
    CHECK(only(general, "dateline-place").begin.line == at);
    CHECK(only(general, "dateline-place").message.find("\"Phnom Penh, 12 April 2024\"") != std::string::npos);
    result kh = engine(under(house_profile::kh_ministry)).check(text);
    CHECK(rules_of(kh) == list{"dateline-place:error"});
    CHECK(only(kh, "dateline-place").begin.line == at);
    CHECK_FALSE(kh.ok());
    CHECK(general.ok());
}

TEST_CASE("date-invalid: dates that are not in the calendar", "[rules]") {
    const engine e;
    auto with_body_date = [](const std::string& when) {
        parts p;
        p.body = {"<p>The office reopens on <date when=\"" + when + "\">that day</date>.</p>"};
        return xml(p);
    };
    for (const char* bad : {"2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                            "1900-02-29"}) {
        CAPTURE(bad);
        std::string text = with_body_date(bad);
        result r = e.check(text);
        CHECK(rules_of(r) == list{"date-invalid:error"});
        const diagnostic& d = only(r, "date-invalid");
        CHECK(d.begin.line == line_of(text, "reopens"));
        CHECK(d.message.find(std::string("(") + bad + ")") != std::string::npos);
    }
    for (const char* good : {"2024-02-29", "2000-02-29", "2024-12-31", "2024-01-01"}) {
        CAPTURE(good);
        CHECK(rules_of(e.check(with_body_date(good))).empty());
    }
    // The dateline's own date is checked too.
    parts p;
    p.dateline = "<dateline position=\"end\"><place>Phnom Penh</place>, <date when=\"2024-06-31\">31 June 2024</date>"
                 "</dateline>";
    std::string text = xml(p);
    result r = e.check(text);
    CHECK(rules_of(r) == list{"date-invalid:error"});
    CHECK(only(r, "date-invalid").begin.line == line_of(text, "<dateline"));
}

TEST_CASE("date-after-dateline: a later date told as past, not one told as to come", "[rules]") {
    const engine e;
    auto body = [](const std::string& sentence) {
        parts p;
        p.body = {"<p>First paragraph.</p>", "<p>" + sentence + "</p>"};
        return xml(p);
    };
    SECTION("past wording is flagged at the date, with the verb") {
        std::string text = body("The meeting was held on <date when=\"2024-04-20\">20 April 2024</date> in Kampot.");
        result r = e.check(text);
        CHECK(rules_of(r) == list{"date-after-dateline:warning"});
        const diagnostic& d = only(r, "date-after-dateline");
        CHECK(d.begin.line == line_of(text, "The meeting"));
        CHECK(d.message.find("(2024-04-12)") != std::string::npos);
        CHECK(d.message.find("(\"was\")") != std::string::npos);
        CHECK(r.ok());  // a warning only
    }
    SECTION("in a draft, the position is the date's own line and columns") {
        const std::string line = "The meeting was held on 20 April 2024 in Kampot.";
        std::string draft = "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\nFerry meeting in Kampot\n\n" + line +
                            "\n\nPhnom Penh, 12 April 2024\n";
        result r = e.check(draft);
        CHECK(rules_of(r) == list{"date-after-dateline:warning"});
        const diagnostic& d = only(r, "date-after-dateline");
        CHECK(d.begin.line == 7);
        CHECK(d.begin.column == line.find("20 April") + 1);
        CHECK(d.end.column == line.find(" in Kampot") + 1);
    }
    SECTION("future wording is an ordinary event to come") {
        CHECK(rules_of(e.check(body("The meeting will be held on <date when=\"2024-04-20\">20 April 2024</date>.")))
                  .empty());
        CHECK(rules_of(e.check(body("The campaign runs until <date when=\"2024-10-01\">1 October 2024</date>.")))
                  .empty());
        CHECK(rules_of(e.check(body("The talks are scheduled for <date when=\"2024-05-02\">2 May 2024</date>.")))
                  .empty());
    }
    SECTION("a date on or before the dateline is never flagged") {
        CHECK(rules_of(e.check(body("The meeting was held on <date when=\"2024-04-12\">12 April 2024</date>.")))
                  .empty());
        CHECK(rules_of(e.check(body("The meeting was held on <date when=\"2023-04-20\">20 April 2023</date>.")))
                  .empty());
    }
    SECTION("no words that tell the time: not flagged") {
        CHECK(rules_of(e.check(body("Exhibition: <date when=\"2024-04-20\">20 April 2024</date>."))).empty());
    }
    SECTION("the verb is looked for in the date's own sentence only") {
        CHECK(rules_of(e.check(body("The ferry was opened. Next trip <date when=\"2024-04-20\">20 April 2024</date>.")))
                  .empty());
    }
}

TEST_CASE("issuer-allowed and genre-allowed accept only the house's lists", "[rules]") {
    parts p;
    std::string text = xml(p);
    options o;
    CHECK(rules_of(engine(o).check(text)).empty());  // empty lists allow anything

    o.allowed_issuers = {"Ministry of Commerce"};
    o.allowed_genres = {"STATEMENT"};
    result r = engine(o).check(text);
    CHECK(rules_of(r) == list{"issuer-allowed:error", "genre-allowed:error"});
    CHECK(only(r, "issuer-allowed").begin.line == line_of(text, "<issuer>"));
    CHECK(only(r, "issuer-allowed").message.find("\"MINISTRY OF TOURISM\"") != std::string::npos);
    CHECK(only(r, "genre-allowed").begin.line == line_of(text, "<genre>"));

    // Compared without case and with spaces collapsed.
    o.allowed_issuers = {"Ministry of Commerce", "ministry  of\ntourism"};
    o.allowed_genres = {"Statement", "press release"};
    CHECK(rules_of(engine(o).check(text)).empty());
}
