// The fixture suite: every draft under fixtures/ against its golden files in
// tests/golden/. Set COMMUNIQUE_ACCEPT=1 to write the goldens from what the
// code produces now (tools/accept does that), then review the diff.
#include "fixtures.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

using namespace communique;
namespace fs = std::filesystem;

TEST_CASE("every valid fixture reads without a diagnostic and matches its golden outputs", "[fixtures]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("releases")));
    INFO(draft.filename().string());
    static const engine e;
    result r = e.convert(test::slurp(draft), test::golden_formats);
    CHECK(test::format_diagnostics(draft.filename().string(), r.diagnostics).empty());
    REQUIRE(r.outputs.size() == test::golden_formats.size());
    for (std::size_t i = 0; i < test::golden_formats.size(); ++i)
        test::check_golden(test::golden_path("releases", draft, test::golden_formats[i]), r.outputs[i]);
}

TEST_CASE("every invalid fixture gives its golden diagnostics", "[fixtures]") {
    const fs::path draft = GENERATE(from_range(test::fixtures("invalid")));
    INFO(draft.filename().string());
    static const engine e;
    result r = e.check(test::slurp(draft));
    std::string diags = test::format_diagnostics(draft.filename().string(), r.diagnostics);
    CHECK_FALSE(diags.empty());
    test::check_golden(test::golden_path("invalid", draft, "diag"), diags);
}
