// .communique.toml: what it sets, and how its mistakes are reported.
#include <communique/communique.hpp>

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("a complete configuration sets rules, house parameters and reading", "[config]") {
    auto c = parse_config(R"(
[rules]
date-after-dateline = "error"
header-missing = "off"

[dates]
order = "month-first"

[house]
issuers = ["Ministry of Testing"]
genres = ["PRESS RELEASE", "STATEMENT"]
headline-max-words = 12

[language]
default = "km"

[text]
width = 60
)");
    REQUIRE(c.ok());
    CHECK(c.diagnostics.empty());
    CHECK(c.opts.rule_levels.at("date-after-dateline") == severity::error);
    CHECK_FALSE(c.opts.rule_levels.at("header-missing").has_value());
    CHECK(c.opts.numeric_dates == date_order::month_first);
    CHECK(c.opts.allowed_issuers == std::vector<std::string>{"Ministry of Testing"});
    CHECK(c.opts.allowed_genres.size() == 2);
    CHECK(c.opts.headline_max_words == 12);
    CHECK(c.opts.default_language == "km");
    CHECK(c.opts.text_width == 60);
}

TEST_CASE("configuration mistakes are reported at their line", "[config]") {
    SECTION("bad TOML") {
        auto c = parse_config("[rules\nx = 1\n");
        REQUIRE_FALSE(c.ok());
        CHECK(c.diagnostics[0].rule == "config");
        CHECK(c.diagnostics[0].begin.line == 1);
    }
    SECTION("an unknown rule and a bad severity") {
        auto c = parse_config("[rules]\nno-such-rule = \"off\"\ndateline-missing = \"fatal\"\n");
        REQUIRE(c.diagnostics.size() == 2);
        CHECK(c.diagnostics[0].begin.line == 2);
        CHECK(c.diagnostics[0].message.find("no-such-rule") != std::string::npos);
        CHECK(c.diagnostics[1].begin.line == 3);
    }
    SECTION("an unknown key and a value of the wrong type") {
        auto c = parse_config("[house]\nheadline-words = 3\nissuers = \"one\"\n");
        REQUIRE(c.diagnostics.size() == 2);
        CHECK(c.diagnostics[0].begin.line == 2);
        CHECK(c.diagnostics[1].begin.line == 3);
    }
}

TEST_CASE("house parameters drive the rules", "[config]") {
    const std::string draft = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nSTATEMENT\n\n"
                              "A headline of seven words in all\n\nBody.\n\nPhnom Penh, 12 April 2024\n";
    options opts;
    CHECK(engine(opts).check(draft).ok());
    opts.allowed_issuers = {"Ministry of Justice"};
    opts.allowed_genres = {"PRESS RELEASE"};
    opts.headline_max_words = 5;
    auto r = engine(opts).check(draft);
    std::vector<std::string> ids;
    for (const auto& d : r.diagnostics) ids.push_back(d.rule);
    CHECK(ids == std::vector<std::string>{"issuer-allowed", "genre-allowed", "headline-shape"});
    opts.rule_levels["issuer-allowed"] = std::nullopt;
    opts.rule_levels["genre-allowed"] = severity::warning;
    opts.rule_levels["headline-shape"] = std::nullopt;
    auto relaxed = engine(opts).check(draft);
    CHECK(relaxed.ok());
    REQUIRE(relaxed.diagnostics.size() == 1);
    CHECK(relaxed.diagnostics[0].level == severity::warning);
}

TEST_CASE("an issuer over two lines matches its name on one line, in any case", "[config]") {
    // The organisation's line break is a <br/>, read as a space; case and
    // runs of spaces do not count.
    const std::string draft = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n"
                              "**MINISTRY OF FOREIGN AFFAIRS\nAND INTERNATIONAL COOPERATION**\n\nPRESS RELEASE\n\n"
                              "A headline of seven words in all\n\nBody.\n\nPhnom Penh, 12 April 2024\n";
    options opts;
    opts.allowed_issuers = {"Ministry of  Foreign Affairs and International Cooperation"};
    CHECK(engine(opts).check(draft).ok());
    opts.allowed_issuers = {"Ministry of Foreign Affairs"};
    auto r = engine(opts).check(draft);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "issuer-allowed");
    CHECK(r.diagnostics[0].message.find("\"MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION\"") == 0);
}

TEST_CASE("a rule lists its first 100 diagnostics and counts the rest", "[config]") {
    // 250 dates after the dateline's: 250 date-after-dateline warnings.
    std::string body;
    for (int i = 0; i < 250; ++i) body += "On 3 May 2024 they met. ";
    const std::string draft = "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nPRESS RELEASE\n\n"
                              "A headline of seven words in all\n\n" +
                              body + "\n\nPhnom Penh, 12 April 2024\n";
    options opts;
    auto r = engine(opts).check(draft);
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 101);
    for (std::size_t i = 0; i < 100; ++i) {
        CHECK(r.diagnostics[i].rule == "date-after-dateline");
        CHECK(r.diagnostics[i].message.find("\"3 May 2024\" is later") == 0);
    }
    // The summary stands where the first unlisted one is, and counts it.
    const diagnostic& more = r.diagnostics[100];
    CHECK(more.rule == "date-after-dateline");
    CHECK(more.message.find("150 more date-after-dateline diagnostics") == 0);
    CHECK(more.begin.column == 1 + 100 * 24 + 3);
    CHECK(more.level == severity::warning);
    // A level set in the configuration holds for the summary; a rule turned
    // off says nothing, not even how many it left out.
    opts.rule_levels["date-after-dateline"] = severity::error;
    auto strict = engine(opts).check(draft);
    CHECK_FALSE(strict.ok());
    REQUIRE(strict.diagnostics.size() == 101);
    CHECK(strict.diagnostics[100].level == severity::error);
    opts.rule_levels["date-after-dateline"] = std::nullopt;
    CHECK(engine(opts).check(draft).diagnostics.empty());
}
