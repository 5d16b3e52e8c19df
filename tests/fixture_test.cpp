// The fixture suite: every draft under fixtures/ against its golden files in
// tests/golden/. Set COMMUNIQUE_ACCEPT=1 to write the goldens from what the
// code produces now (tools/accept does that), then review the diff.
#include "fixtures.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

using namespace communique;
namespace fs = std::filesystem;

namespace {

options under(house_profile profile) {
    options o;
    o.profile = profile;
    return o;
}

}  // namespace

TEST_CASE("every valid fixture reads without a diagnostic and matches its golden outputs", "[fixtures]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    INFO(draft.filename().string());
    static const engine e;
    result r = e.convert(test::slurp(draft), test::golden_formats);
    CHECK(test::format_diagnostics(draft.filename().string(), r.diagnostics).empty());
    REQUIRE(r.outputs.size() == test::golden_formats.size());
    for (std::size_t i = 0; i < test::golden_formats.size(); ++i)
        test::check_golden(test::golden_path("releases", draft, test::golden_formats[i]), r.outputs[i]);
    // The fixtures are a Cambodian ministry's releases: its strict profile
    // finds nothing to say either.
    static const engine strict(under(house_profile::kh_ministry));
    CHECK(test::format_diagnostics(draft.filename().string(), strict.check(test::slurp(draft)).diagnostics).empty());
}

// Under the strict profile (tests/golden/invalid, and fixtures/invalid's own
// .communique.toml for the command) and under the general one
// (tests/golden/invalid-general: a release without a national header, an
// issuer or a genre label is one many offices publish).
TEST_CASE("every invalid fixture gives its golden diagnostics under each profile", "[fixtures]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("invalid")));
    const auto [profile, folder] = GENERATE(std::pair{house_profile::kh_ministry, "invalid"},
                                            std::pair{house_profile::general, "invalid-general"});
    INFO(draft.filename().string() << " under " << to_string(profile));
    const engine e(under(profile));
    result r = e.check(test::slurp(draft));
    std::string diags = test::format_diagnostics(draft.filename().string(), r.diagnostics);
    if (profile == house_profile::kh_ministry) CHECK_FALSE(diags.empty());
    test::check_golden(test::golden_path(folder, draft, "diag"), diags);
}
