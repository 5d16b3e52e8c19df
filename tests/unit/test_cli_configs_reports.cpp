// Which engine an input gets (src/batch/configs: the format it is read as,
// the configuration file that applies to it) and the command's report
// formats of a list of diagnostics (src/cli: json, sarif, github, human).
#include "batch/configs.hpp"
#include "cli/report.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;
using communique::diagnostic;
using communique::input_format;
using communique::severity;
using json = nlohmann::json;

namespace {

// What `fn` writes to file descriptor `fd` (1 or 2), through stdio too.
std::string captured(int fd, const std::function<void()>& fn) {
    test::temp_dir tmp;
    fs::path file = tmp.path / "captured";
    std::fflush(stdout);
    std::fflush(stderr);
    int saved = ::dup(fd);
    int into = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(saved >= 0);
    REQUIRE(into >= 0);
    ::dup2(into, fd);
    ::close(into);
    fn();
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(saved, fd);
    ::close(saved);
    return test::slurp(file);
}

std::string report(cli::report_format format, const std::vector<std::pair<std::string, std::vector<diagnostic>>>& files,
                   const std::string& text = {}) {
    return captured(format == cli::report_format::human ? 2 : 1, [&] {
        cli::reporter r(format);
        for (const auto& [file, diagnostics] : files) r.add(file, text, diagnostics);
        r.finish();
    });
}

const diagnostic date_error{severity::error, "date-invalid", "\"30 February 2024\" is not a real date", {3, 5},
                            {3, 21}};
const diagnostic place_warning{severity::warning, "dateline-place", "the dateline has no place", {7, 1}, {7, 17}};
const diagnostic unplaced{severity::error, "stylesheet", "a stylesheet failed: 100%, a:b", {0, 0}, {0, 0}};

const std::string valid_draft = "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\nNew ferry opens on the river\n\n"
                                "The ferry was opened on 10 April 2024.\n\nPhnom Penh, 12 April 2024\n";

std::vector<std::string> rules_of(const communique::result& r) {
    std::vector<std::string> out;
    for (const diagnostic& d : r.diagnostics) out.push_back(d.rule);
    return out;
}

}  // namespace

TEST_CASE("input_format_of: --from wins, else .docx, .html and .htm by extension", "[cli][configs]") {
    using batch::input_format_of;
    CHECK(input_format_of("a/b.docx", input_format::automatic) == input_format::docx);
    CHECK(input_format_of("B.DOCX", input_format::automatic) == input_format::docx);
    CHECK(input_format_of("page.html", input_format::automatic) == input_format::html);
    CHECK(input_format_of("page.HtM", input_format::automatic) == input_format::html);
    CHECK(input_format_of("x.md", input_format::automatic) == input_format::automatic);
    CHECK(input_format_of("x.xml", input_format::automatic) == input_format::automatic);
    CHECK(input_format_of("x.html.md", input_format::automatic) == input_format::automatic);
    CHECK(input_format_of("folder.html/x", input_format::automatic) == input_format::automatic);
    CHECK(input_format_of("-", input_format::automatic) == input_format::automatic);
    CHECK(input_format_of(".docx", input_format::automatic) == input_format::automatic);  // a hidden file's name
    CHECK(input_format_of("page.html", input_format::markdown) == input_format::markdown);
    CHECK(input_format_of("x.md", input_format::xml) == input_format::xml);
}

TEST_CASE("the nearest .communique.toml above an input applies; --config applies everywhere", "[cli][configs]") {
    test::temp_dir tmp;
    fs::path root = tmp.path / "archive", deeper = root / "2024/04";
    test::spit(root / batch::config_name, "[house]\nheadline-max-words = 3\n");
    test::spit(deeper / batch::config_name, "[house]\nheadline-max-words = 4\n");
    test::spit(tmp.path / "explicit.toml", "profile = \"kh-ministry\"\n");
    auto none = [](communique::options&) {};

    batch::engine_cache nearest(std::nullopt, none);
    CHECK(nearest.config_for_input((root / "a.md").string()) == root / batch::config_name);
    CHECK(nearest.config_for_input((root / "2024/b.md").string()) == root / batch::config_name);
    CHECK(nearest.config_for_input((deeper / "c.md").string()) == deeper / batch::config_name);
    // Above the archive, none of these.
    auto above = nearest.config_for_input((tmp.path / "d.md").string());
    CHECK((!above || (*above != root / batch::config_name && *above != deeper / batch::config_name)));

    batch::engine_cache given(tmp.path / "explicit.toml", none);
    CHECK(given.config_for_input((deeper / "c.md").string()) == tmp.path / "explicit.toml");
    CHECK(given.config_for_input("-") == tmp.path / "explicit.toml");

    // The file's options reach the engine: a five-word headline is too long
    // under the archive's three words and still too long under four.
    const std::string five = "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\nNew ferry opens river crossing\n\n"
                             "The ferry was opened on 10 April 2024.\n\nPhnom Penh, 12 April 2024\n";
    std::vector<batch::config_problem> problems;
    auto for_input = [&](batch::engine_cache& cache, const fs::path& input) -> const communique::engine* {
        auto e = cache.for_input(input.string(), problems);
        return e ? *e : nullptr;
    };
    const communique::engine* e = for_input(nearest, root / "a.md");
    REQUIRE(e);
    CHECK(problems.empty());
    CHECK(rules_of(e->check(five)) == std::vector<std::string>{"headline-shape"});
    // One engine per configuration and input format.
    CHECK(for_input(nearest, root / "other.md") == e);
    const communique::engine* in_deeper = for_input(nearest, deeper / "c.md");
    REQUIRE(in_deeper);
    CHECK(in_deeper != e);
    CHECK(for_input(nearest, root / "page.html") != e);

    // The command line's settings override the file's.
    batch::engine_cache overridden(std::nullopt, [](communique::options& o) { o.headline_max_words = 10; });
    const communique::engine* loose = for_input(overridden, root / "a.md");
    REQUIRE(loose);
    CHECK(rules_of(loose->check(five)).empty());

    // --config's profile: the strict house wants the national header.
    const communique::engine* strict = for_input(given, root / "a.md");
    REQUIRE(strict);
    CHECK(rules_of(strict->check(valid_draft)) == std::vector<std::string>{"header-missing"});
}

TEST_CASE("an engine that cannot be built is not blamed on a configuration file", "[cli][configs]") {
    test::temp_dir tmp;
    const std::string sheet = (tmp.path / "missing.xsl").string();
    batch::engine_cache broken(std::nullopt, [&](communique::options& o) { o.stylesheets["html"] = sheet; });
    std::vector<batch::config_problem> problems;
    auto e = broken.for_input((tmp.path / "a.md").string(), problems);
    REQUIRE_FALSE(e);
    CHECK(e.error().id == communique::detail::rule::stylesheet);
    CHECK(e.error().message.find(sheet) != std::string::npos);
    CHECK(problems.empty());
}

TEST_CASE("a configuration with mistakes is reported once, on its own file, and gives no engine", "[cli][configs]") {
    test::temp_dir tmp;
    test::spit(tmp.path / batch::config_name, "# house style\n[house]\nheadline-max-word = 3\n");
    batch::engine_cache with_mistakes(std::nullopt, [](communique::options&) {});
    std::vector<batch::config_problem> problems;
    auto first = with_mistakes.for_input((tmp.path / "a.md").string(), problems);
    REQUIRE_FALSE(first);
    CHECK(first.error().id == communique::detail::rule::config);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == (tmp.path / batch::config_name).string());
    REQUIRE(problems[0].diagnostics.size() == 1);
    CHECK(problems[0].diagnostics[0].rule == "config");
    CHECK(problems[0].diagnostics[0].begin.line == 3);
    CHECK(first.error().message.find("has errors") != std::string::npos);
    CHECK(first.error().message.find(batch::config_name) != std::string::npos);

    // A second input under it: the same answer, the file not reported again.
    problems.clear();
    auto second = with_mistakes.for_input((tmp.path / "b.md").string(), problems);
    REQUIRE_FALSE(second);
    CHECK(problems.empty());
    CHECK(second.error().message.find("has errors") != std::string::npos);

    // An explicit configuration that is missing is an io problem.
    batch::engine_cache missing(tmp.path / "nope.toml", [](communique::options&) {});
    problems.clear();
    auto unread = missing.for_input((tmp.path / "a.md").string(), problems);
    REQUIRE_FALSE(unread);
    CHECK(unread.error().id == communique::detail::rule::config);
    REQUIRE(problems.size() == 1);
    REQUIRE(problems[0].diagnostics.size() == 1);
    CHECK(problems[0].diagnostics[0].rule == "io");
    CHECK(unread.error().message.find("cannot be read") != std::string::npos);
}

TEST_CASE("the json report: every file with its validity, every diagnostic with its position", "[cli][report]") {
    json j = json::parse(report(cli::report_format::json, {{"a.md", {date_error, place_warning}},
                                                          {"b.md", {place_warning}},
                                                          {"c.md", {}}}));
    CHECK(j["version"] == 1);
    CHECK(j["tool"]["name"] == "communique");
    CHECK(j["tool"]["version"] == std::string(communique::version()));
    CHECK(j["files"] == json::parse(R"([{"file":"a.md","valid":false},{"file":"b.md","valid":true},
                                        {"file":"c.md","valid":true}])"));
    REQUIRE(j["diagnostics"].size() == 3);
    CHECK(j["diagnostics"][0] == json{{"file", "a.md"}, {"line", 3}, {"column", 5}, {"end_line", 3},
                                      {"end_column", 21}, {"severity", "error"}, {"rule", "date-invalid"},
                                      {"message", date_error.message}});
    CHECK(j["diagnostics"][2]["file"] == "b.md");
    CHECK(j["diagnostics"][2]["severity"] == "warning");

    // No position: nulls, not zeros.
    json p = json::parse(report(cli::report_format::json, {{"x.md", {unplaced}}}));
    CHECK(p["diagnostics"][0]["line"].is_null());
    CHECK(p["diagnostics"][0]["end_column"].is_null());
}

TEST_CASE("the sarif report: the rule table, and results that point at their rule", "[cli][report]") {
    json s = json::parse(report(cli::report_format::sarif, {{"a.md", {date_error}}, {"b.md", {unplaced}}}));
    CHECK(s["version"] == "2.1.0");
    const json& run = s["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == communique::rules().size());
    // Every rule with the general profile's level; one off there says so.
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const communique::rule_info& r = communique::rules()[i];
        CAPTURE(r.id);
        CHECK(rules[i]["id"] == std::string(r.id));
        auto level = r.level(communique::house_profile::general);
        CHECK(rules[i]["defaultConfiguration"]["level"] ==
              (level ? std::string(communique::to_string(*level)) : std::string("none")));
        CHECK(rules[i]["defaultConfiguration"].contains("enabled") == !level);
    }
    REQUIRE(run["results"].size() == 2);
    const json& first = run["results"][0];
    CHECK(first["ruleId"] == "date-invalid");
    CHECK(rules[first["ruleIndex"].get<std::size_t>()]["id"] == "date-invalid");
    CHECK(first["level"] == "error");
    CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.md");
    CHECK(first["locations"][0]["physicalLocation"]["region"] ==
          json{{"startLine", 3}, {"startColumn", 5}, {"endLine", 3}, {"endColumn", 21}});
    // No position: the top of the file, SARIF's lines starting at 1.
    CHECK(run["results"][1]["locations"][0]["physicalLocation"]["region"] == json{{"startLine", 1}});
}

TEST_CASE("the github report: one workflow command per diagnostic, escaped", "[cli][report]") {
    std::string out = report(cli::report_format::github,
                             {{"dir, with: odd.md", {date_error, place_warning}}, {"x.md", {unplaced}}});
    CHECK(out ==
          "::error file=dir%2C with%3A odd.md,line=3,col=5,endLine=3,endColumn=21,title=date-invalid::"
          "\"30 February 2024\" is not a real date\n"
          "::warning file=dir%2C with%3A odd.md,line=7,col=1,endLine=7,endColumn=17,title=dateline-place::"
          "the dateline has no place\n"
          "::error file=x.md,title=stylesheet::a stylesheet failed: 100%25, a:b\n");
    diagnostic multi{severity::note, "page-remnant", "line one\nline two\r", {2, 0}, {2, 0}};
    CHECK(report(cli::report_format::github, {{"y.md", {multi}}}) ==
          "::notice file=y.md,line=2,endLine=2,title=page-remnant::line one%0Aline two%0D\n");
}

TEST_CASE("the human report: position, level, rule, the source line and a caret under the span", "[cli][report]") {
    const std::string text = "first\r\nsecond\n\tdate: 30 Feb\n";
    diagnostic d{severity::error, "date-invalid", "not a real date", {3, 8}, {3, 14}};
    ::setenv("NO_COLOR", "1", 1);
    std::string out = report(cli::report_format::human, {{"a.md", {d}}}, text);
    ::unsetenv("NO_COLOR");
    CHECK(out == "a.md:3:8: error[date-invalid]: not a real date\n"
                 "    3 | \tdate: 30 Feb\n"
                 "      | \t      ^~~~~~\n");
    // Nothing for a file without diagnostics.
    CHECK(report(cli::report_format::human, {{"b.md", {}}}, text).empty());
}
