// House profiles (what a valid release must have) and the house's own
// issuers, genre labels and places, which teach the reader.
#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace communique;

namespace {

// The house example without its national header: most offices' shape.
const std::string ministry_release =
    "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\nNew river ferry links Kratie and Stung Treng\n\n"
    "The ferry was opened on 10 April 2024 by **His Excellency SOK Dara**, Secretary of State.\n\n"
    "Phnom Penh, 12 April 2024\n";

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

// The release XML as read, even when a rule finds it invalid.
std::string xml_of(options o, const std::string& draft) {
    o.write_invalid = true;
    result r = engine(o).convert(draft, std::vector<std::string>{"xml"});
    REQUIRE(r.outputs.size() == 1);
    return r.outputs[0];
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("profiles are named, and general is the default", "[profiles]") {
    CHECK(options{}.profile == house_profile::general);
    CHECK(house_profile_named("kh-ministry") == house_profile::kh_ministry);
    CHECK(house_profile_named("general") == house_profile::general);
    CHECK_FALSE(house_profile_named("strict").has_value());
    CHECK(to_string(house_profile::kh_ministry) == "kh-ministry");
}

TEST_CASE("a release without a national header is valid in general, not in kh-ministry", "[profiles]") {
    result general = engine(under(house_profile::general)).check(ministry_release);
    CHECK(rules_of(general).empty());

    result strict = engine(under(house_profile::kh_ministry)).check(ministry_release);
    CHECK(rules_of(strict) == std::vector<std::string>{"header-missing:error"});

    // A house tunes its profile's rules: the strict house minus the state line.
    options tuned = under(house_profile::kh_ministry);
    tuned.rule_levels["header-missing"] = severity::warning;
    CHECK(rules_of(engine(tuned).check(ministry_release)) == std::vector<std::string>{"header-missing:warning"});
}

TEST_CASE("general asks for an issuer or a genre label, and recommends the dateline's place", "[profiles]") {
    const engine general;
    // A genre label alone is enough; an issuer alone too.
    std::string genre_only = ministry_release.substr(ministry_release.find("PRESS RELEASE"));
    CHECK(rules_of(general.check(genre_only)).empty());
    std::string issuer_only = ministry_release;
    issuer_only.erase(issuer_only.find("PRESS RELEASE\n\n"), 15);
    CHECK(rules_of(general.check(issuer_only)).empty());
    CHECK(rules_of(engine(under(house_profile::kh_ministry)).check(issuer_only)) ==
          std::vector<std::string>{"header-missing:error", "genre-missing:error"});

    // Neither: nothing says who speaks.
    std::string neither = genre_only.substr(genre_only.find("New river"));
    result r = general.check(neither);
    CHECK(rules_of(r) == std::vector<std::string>{"header-empty:error"});

    // A dateline without its place is a warning, not an error.
    std::string placeless = genre_only;
    placeless.replace(placeless.find("Phnom Penh, "), 12, "");
    CHECK(rules_of(general.check(placeless)) == std::vector<std::string>{"dateline-place:warning"});
}

TEST_CASE("the profile and the house's places come from the configuration file", "[profiles][config]") {
    auto c = parse_config("profile = \"kh-ministry\"\n[rules]\nheader-missing = \"note\"\n"
                          "[house]\nplaces = [\"Koh Kong Special Economic Zone Site Office\"]\n");
    REQUIRE(c.ok());
    CHECK(c.opts.profile == house_profile::kh_ministry);
    CHECK(c.opts.rule_levels.at("header-missing") == severity::note);
    CHECK(c.opts.places == std::vector<std::string>{"Koh Kong Special Economic Zone Site Office"});

    auto bad = parse_config("\n\nprofile = \"strict\"\n");
    REQUIRE_FALSE(bad.ok());
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].rule == "config");
    CHECK(bad.diagnostics[0].begin.line == 3);
    CHECK(has(bad.diagnostics[0].message, "\"general\" or \"kh-ministry\""));
}

TEST_CASE("the house's genre labels, issuers and places teach the reader", "[profiles]") {
    // A label no built-in vocabulary knows.
    const std::string bulletin =
        "SPOKESPERSON'S WEEKLY BULLETIN\n\nRiver ferry service resumes after repairs\n\n"
        "The ferry between Kratie and Stung Treng resumed service on 10 April 2024.\n\n"
        "Phnom Penh, 12 April 2024\n";
    std::string untaught = xml_of(options{}, bulletin);
    CHECK_FALSE(has(untaught, "<genre>"));
    options taught;
    taught.allowed_genres = {"Spokesperson's Weekly Bulletin"};
    std::string xml = xml_of(taught, bulletin);
    CHECK(has(xml, "<genre>SPOKESPERSON'S WEEKLY BULLETIN</genre>"));
    CHECK(has(xml, "kind=\"other\""));
    CHECK(has(xml, "<headline>River ferry service resumes after repairs</headline>"));
    CHECK(rules_of(engine(taught).check(bulletin)).empty());

    // An issuer printed without any word that says "organisation".
    const std::string trust =
        "Angkor Heritage Trust\n\nRestoration of the east gallery begins\n\n"
        "Work on the east gallery began on 10 April 2024 with forty conservators.\n\n"
        "Siem Reap, 12 April 2024\n";
    options trust_house;
    trust_house.allowed_issuers = {"ANGKOR HERITAGE TRUST"};
    std::string trust_xml = xml_of(trust_house, trust);
    CHECK(has(trust_xml, "<organisation>Angkor Heritage Trust</organisation>"));
    CHECK(has(trust_xml, "<headline>Restoration of the east gallery begins</headline>"));
    CHECK_FALSE(has(xml_of(options{}, trust), "<organisation>Angkor Heritage Trust</organisation>"));

    // A place of more words than a dateline's place usually has, set above
    // its date.
    const std::string zone =
        "MINISTRY OF COMMERCE\n\nPRESS RELEASE\n\nNew customs office opens in the zone\n\n"
        "The office opened on 10 April 2024.\n\nKoh Kong Special Economic Zone Site Office\n\n12 April 2024\n";
    options zone_house;
    zone_house.places = {"Koh Kong Special Economic Zone Site Office"};
    std::string zone_xml = xml_of(zone_house, zone);
    CHECK(has(zone_xml, "<place>Koh Kong Special Economic Zone Site Office</place>"));
    CHECK_FALSE(has(xml_of(options{}, zone), "<place>Koh Kong Special Economic Zone Site Office</place>"));
}
