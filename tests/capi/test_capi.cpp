// The C API (include/communique/communique.h): ownership, failures and the
// last error, diagnostics and outputs read back, NULL everywhere it is allowed.
#include <catch2/catch.hpp>

#include <communique/communique.h>
#include <communique/communique.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr std::string_view valid_draft = R"(KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF TRADE
AND AGRO-INDUSTRY**

Kampot Provincial Department of Trade

PRESS RELEASE

Kampot pepper and salt fair opens with 60 producers

The third Kampot Pepper and Salt Fair was opened today at the riverside park in Kampot town by **His Excellency PRAK Vichet**, Secretary of State of the Ministry of Trade and Agro-Industry, bringing together 60 producers, cooperatives and processors of geographical-indication pepper and sea salt for three days of exhibitions, tastings and business matching.

Kampot, 8 January 2024
)";

// Line 17, columns 13 to 26: "31 April 2024" is not a real date.
constexpr std::string_view bad_date_draft = R"(KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF RURAL DEVELOPMENT
AND INFRASTRUCTURE**

Department of Rural Water Supply

PRESS RELEASE

Clean water reaches 120 more villages in the northeast

The Ministry of Rural Development and Infrastructure announces that 120 villages in three northeastern provinces gained access to safe drinking water through new piped systems and community wells inaugurated on 26 April 2024.

**His Excellency CHEA Ratanak**, Minister of Rural Development and Infrastructure, thanked village water committees for their contribution to construction and urged them to maintain the systems carefully.

Phnom Penh, 31 April 2024
)";

// Line 13, column 116: a date later than the dateline (a warning by default).
constexpr std::string_view later_date_draft = R"(KINGDOM OF CAMBODIA
NATION RELIGION KING

**MINISTRY OF TRADE
AND AGRO-INDUSTRY**

Department of Export Promotion

PRESS RELEASE

Cashew processors met buyers at national business matching event

The Ministry of Trade and Agro-Industry announces that the new national cashew business matching event was held on 20 April 2024, bringing together domestic processors, cooperatives and international buyers.

Phnom Penh, 12 April 2024
)";

constexpr std::string_view headline = "Kampot pepper and salt fair opens with 60 producers";

struct deleter {
    void operator()(communique_options* p) const noexcept { communique_options_free(p); }
    void operator()(communique_engine* p) const noexcept { communique_engine_free(p); }
    void operator()(communique_result* p) const noexcept { communique_result_free(p); }
    void operator()(char* p) const noexcept { communique_free(p); }
};
using options_ptr = std::unique_ptr<communique_options, deleter>;
using engine_ptr = std::unique_ptr<communique_engine, deleter>;
using result_ptr = std::unique_ptr<communique_result, deleter>;
using string_ptr = std::unique_ptr<char, deleter>;

result_ptr check(const communique_engine* engine, std::string_view draft) {
    return result_ptr(communique_check(engine, draft.data(), draft.size()));
}

result_ptr convert(const communique_engine* engine, std::string_view draft, std::vector<const char*> formats) {
    return result_ptr(communique_convert(engine, draft.data(), draft.size(), formats.data(), formats.size()));
}

std::string output(const communique_result* result, size_t i) {
    size_t size = 0;
    const char* text = communique_result_output(result, i, &size);
    REQUIRE(text != nullptr);
    REQUIRE(std::strlen(text) == size);
    return std::string(text, size);
}

communique_diagnostic diagnostic(const communique_result* result, size_t i) {
    communique_diagnostic d{};
    REQUIRE(communique_result_diagnostic(result, i, &d) == 0);
    return d;
}

std::string last_error() { return communique_last_error(); }

}  // namespace

TEST_CASE("the version is the library's and the headers'") {
    CHECK(std::string_view(communique_version()) == COMMUNIQUE_VERSION_STRING);
    CHECK(std::string_view(communique_version()) == communique::version());
}

TEST_CASE("a valid draft converts, and the outputs are read back in the order asked") {
    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    result_ptr result = convert(engine.get(), valid_draft, {"html", "xml"});
    REQUIRE(result);
    CHECK(communique_result_ok(result.get()) == 1);
    CHECK(communique_result_diagnostic_count(result.get()) == 0);
    REQUIRE(communique_result_output_count(result.get()) == 2);
    std::string html = output(result.get(), 0);
    CHECK(html.find("<html") != std::string::npos);
    CHECK(html.find(headline) != std::string::npos);
    std::string xml = output(result.get(), 1);
    CHECK(xml.find("urn:communique:release:1") != std::string::npos);
    CHECK(xml.find(headline) != std::string::npos);
    // The size pointer may be NULL.
    CHECK(communique_result_output(result.get(), 0, nullptr) != nullptr);

    SECTION("an output index past the end fails with a reason") {
        CHECK(communique_result_output(result.get(), 2, nullptr) == nullptr);
        CHECK(last_error().find("index") != std::string::npos);
    }
    SECTION("check writes nothing") {
        result_ptr checked = check(engine.get(), valid_draft);
        REQUIRE(checked);
        CHECK(communique_result_ok(checked.get()) == 1);
        CHECK(communique_result_output_count(checked.get()) == 0);
    }
}

TEST_CASE("diagnostics are read back with their positions") {
    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    result_ptr result = convert(engine.get(), bad_date_draft, {"html"});
    REQUIRE(result);
    CHECK(communique_result_ok(result.get()) == 0);
    CHECK(communique_result_output_count(result.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(result.get()) == 1);
    communique_diagnostic d = diagnostic(result.get(), 0);
    CHECK(d.severity == COMMUNIQUE_SEVERITY_ERROR);
    CHECK(std::string_view(d.rule) == "date-invalid");
    CHECK(std::string_view(d.message).find("31 April 2024") != std::string_view::npos);
    CHECK(d.line == 17);
    CHECK(d.column == 13);
    CHECK(d.end_line == 17);
    CHECK(d.end_column == 26);

    string_ptr line(communique_diagnostic_format(&d, "draft.md"));
    REQUIRE(line);
    CHECK(std::string(line.get()) == "draft.md:17:13: error[date-invalid]: " + std::string(d.message));
    string_ptr bare(communique_diagnostic_format(&d, nullptr));
    REQUIRE(bare);
    CHECK(std::string(bare.get()) == "17:13: error[date-invalid]: " + std::string(d.message));
    d.line = 0;
    string_ptr unplaced(communique_diagnostic_format(&d, "draft.md"));
    REQUIRE(unplaced);
    CHECK(std::string(unplaced.get()) == "draft.md: error[date-invalid]: " + std::string(d.message));

    communique_diagnostic out{};
    CHECK(communique_result_diagnostic(result.get(), 1, &out) == -1);
    CHECK(last_error().find("index") != std::string::npos);
    CHECK(communique_result_diagnostic(result.get(), 0, nullptr) == -1);
}

TEST_CASE("an unknown format fails with the last error naming it") {
    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    result_ptr result = convert(engine.get(), valid_draft, {"html", "rtf"});
    CHECK_FALSE(result);
    CHECK(last_error() == "unknown format: rtf");

    std::vector<const char*> null_name{"html", nullptr};
    CHECK(communique_convert(engine.get(), valid_draft.data(), valid_draft.size(), null_name.data(), 2) == nullptr);
    CHECK(last_error().find("format name 1 is NULL") != std::string::npos);
}

TEST_CASE("a stylesheet that cannot be loaded fails the engine with the last error naming it") {
    options_ptr options(communique_options_new());
    REQUIRE(options);
    const std::string path = "/nonexistent/communique-test/house.xsl";
    REQUIRE(communique_options_set_stylesheet(options.get(), "html", path.c_str()) == 0);
    CHECK(communique_engine_new(options.get()) == nullptr);
    CHECK(last_error().find(path) != std::string::npos);

    // A format that has no stylesheet.
    options_ptr xml(communique_options_new());
    REQUIRE(communique_options_set_stylesheet(xml.get(), "xml", path.c_str()) == 0);
    CHECK(communique_engine_new(xml.get()) == nullptr);
    CHECK(last_error().find("'xml'") != std::string::npos);
}

TEST_CASE("rule levels are set, checked and applied") {
    options_ptr options(communique_options_new());
    REQUIRE(options);
    CHECK(communique_options_set_rule_level(options.get(), "no-such-rule", COMMUNIQUE_SEVERITY_ERROR) == -1);
    CHECK(last_error().find("unknown rule ID: no-such-rule") != std::string::npos);
    CHECK(communique_options_set_rule_level(options.get(), "date-after-dateline", 7) == -1);
    CHECK(last_error().find("unknown level: 7") != std::string::npos);

    engine_ptr plain(communique_engine_new(nullptr));
    REQUIRE(plain);
    result_ptr by_default = check(plain.get(), later_date_draft);
    REQUIRE(by_default);
    CHECK(communique_result_ok(by_default.get()) == 1);
    REQUIRE(communique_result_diagnostic_count(by_default.get()) == 1);
    communique_diagnostic d = diagnostic(by_default.get(), 0);
    CHECK(d.severity == COMMUNIQUE_SEVERITY_WARNING);
    CHECK(std::string_view(d.rule) == "date-after-dateline");
    CHECK(d.line == 13);
    CHECK(d.column == 116);

    REQUIRE(communique_options_set_rule_level(options.get(), "date-after-dateline", COMMUNIQUE_SEVERITY_ERROR) == 0);
    engine_ptr strict(communique_engine_new(options.get()));
    REQUIRE(strict);
    result_ptr result = convert(strict.get(), later_date_draft, {"html"});
    REQUIRE(result);
    CHECK(communique_result_ok(result.get()) == 0);
    CHECK(communique_result_output_count(result.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(result.get()) == 1);
    CHECK(diagnostic(result.get(), 0).severity == COMMUNIQUE_SEVERITY_ERROR);

    REQUIRE(communique_options_set_rule_level(options.get(), "date-after-dateline", COMMUNIQUE_RULE_OFF) == 0);
    engine_ptr off(communique_engine_new(options.get()));
    REQUIRE(off);
    result_ptr quiet = check(off.get(), later_date_draft);
    REQUIRE(quiet);
    CHECK(communique_result_ok(quiet.get()) == 1);
    CHECK(communique_result_diagnostic_count(quiet.get()) == 0);
}

TEST_CASE("the text width and stylesheet parameters reach the writers") {
    auto longest_line = [](const std::string& text) {
        size_t longest = 0, start = 0;
        while (start <= text.size()) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            longest = std::max(longest, end - start);
            start = end + 1;
        }
        return longest;
    };
    engine_ptr plain(communique_engine_new(nullptr));
    REQUIRE(plain);
    result_ptr wide = convert(plain.get(), valid_draft, {"txt"});
    REQUIRE(wide);
    CHECK(longest_line(output(wide.get(), 0)) > 40);

    options_ptr options(communique_options_new());
    REQUIRE(communique_options_set_text_width(options.get(), 40) == 0);
    CHECK(communique_options_set_text_width(options.get(), 0) == -1);
    engine_ptr narrow(communique_engine_new(options.get()));
    REQUIRE(narrow);
    result_ptr narrowed = convert(narrow.get(), valid_draft, {"txt"});
    REQUIRE(narrowed);
    CHECK(longest_line(output(narrowed.get(), 0)) <= 40);

    // A "width" parameter goes to every stylesheet and wins over the width.
    REQUIRE(communique_options_set_param(options.get(), "width", "30") == 0);
    engine_ptr param(communique_engine_new(options.get()));
    REQUIRE(param);
    result_ptr narrowest = convert(param.get(), valid_draft, {"txt"});
    REQUIRE(narrowest);
    size_t longest = longest_line(output(narrowest.get(), 0));
    CHECK(longest <= 30);
    CHECK(longest > 20);
}

TEST_CASE("a configuration file's text is applied, and its mistakes come back as diagnostics") {
    options_ptr options(communique_options_new());
    REQUIRE(options);
    const std::string_view good = "[rules]\ndate-after-dateline = \"off\"\n";
    result_ptr parsed(communique_options_parse_config(options.get(), good.data(), good.size()));
    REQUIRE(parsed);
    CHECK(communique_result_ok(parsed.get()) == 1);
    CHECK(communique_result_diagnostic_count(parsed.get()) == 0);
    engine_ptr engine(communique_engine_new(options.get()));
    REQUIRE(engine);
    result_ptr result = check(engine.get(), later_date_draft);
    REQUIRE(result);
    CHECK(communique_result_diagnostic_count(result.get()) == 0);

    const std::string_view bad = "[text]\nwidth = 60\n\n[rules]\nno-such-rule = \"off\"\n";
    result_ptr mistakes(communique_options_parse_config(options.get(), bad.data(), bad.size()));
    REQUIRE(mistakes);
    CHECK(communique_result_ok(mistakes.get()) == 0);
    CHECK(communique_result_output_count(mistakes.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(mistakes.get()) == 1);
    communique_diagnostic d = diagnostic(mistakes.get(), 0);
    CHECK(std::string_view(d.rule) == "config");
    CHECK(d.line == 5);
    CHECK(std::string_view(d.message).find("no-such-rule") != std::string_view::npos);

    CHECK(communique_options_parse_config(nullptr, good.data(), good.size()) == nullptr);

    // The limits come the same way: a release of more elements is refused.
    const std::string_view limits = "[limits]\nelements = 3\n";
    result_ptr limited(communique_options_parse_config(options.get(), limits.data(), limits.size()));
    REQUIRE(limited);
    CHECK(communique_result_ok(limited.get()) == 1);
    engine_ptr small(communique_engine_new(options.get()));
    REQUIRE(small);
    result_ptr refused = check(small.get(), later_date_draft);
    REQUIRE(refused);
    CHECK(communique_result_ok(refused.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(refused.get()) == 1);
    CHECK(std::string_view(diagnostic(refused.get(), 0).rule) == "too-many-elements");
}

TEST_CASE("ownership: options are copied, results outlive their engine") {
    options_ptr options(communique_options_new());
    REQUIRE(options);
    REQUIRE(communique_options_set_rule_level(options.get(), "date-after-dateline", COMMUNIQUE_RULE_OFF) == 0);
    engine_ptr engine(communique_engine_new(options.get()));
    REQUIRE(engine);
    // Changing or freeing the options afterwards does not reach the engine.
    REQUIRE(communique_options_set_rule_level(options.get(), "date-after-dateline", COMMUNIQUE_SEVERITY_ERROR) == 0);
    options.reset();
    result_ptr quiet = check(engine.get(), later_date_draft);
    REQUIRE(quiet);
    CHECK(communique_result_diagnostic_count(quiet.get()) == 0);

    // The draft's bytes are not kept: the buffer is overwritten after the call.
    std::string draft(valid_draft);
    result_ptr result(communique_convert(engine.get(), draft.data(), draft.size(),
                                         std::vector<const char*>{"html"}.data(), 1));
    REQUIRE(result);
    draft.assign(draft.size(), 'x');
    engine.reset();
    // Freeing the engine leaves its results whole.
    CHECK(output(result.get(), 0).find(headline) != std::string::npos);
}

TEST_CASE("free functions and readers accept NULL") {
    communique_options_free(nullptr);
    communique_engine_free(nullptr);
    communique_result_free(nullptr);
    communique_free(nullptr);
    CHECK(communique_result_ok(nullptr) == 0);
    CHECK(communique_result_output_count(nullptr) == 0);
    CHECK(communique_result_diagnostic_count(nullptr) == 0);
    CHECK(communique_result_output(nullptr, 0, nullptr) == nullptr);
    communique_diagnostic d{};
    CHECK(communique_result_diagnostic(nullptr, 0, &d) == -1);
    CHECK(communique_diagnostic_format(nullptr, "x") == nullptr);
}

TEST_CASE("misuse fails with a reason instead of crashing") {
    CHECK(communique_check(nullptr, "x", 1) == nullptr);
    CHECK(last_error() == "communique_check: the engine is NULL");
    CHECK(communique_options_set_param(nullptr, "a", "b") == -1);
    CHECK(last_error().find("options are NULL") != std::string::npos);

    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    CHECK(communique_check(engine.get(), nullptr, 5) == nullptr);
    CHECK(last_error().find("bytes are NULL") != std::string::npos);
    CHECK(communique_convert(engine.get(), "x", 1, nullptr, 1) == nullptr);

    // No bytes at all is a release with a diagnostic, not a failure.
    result_ptr empty(communique_check(engine.get(), nullptr, 0));
    REQUIRE(empty);
    CHECK(communique_result_ok(empty.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(empty.get()) >= 1);
    CHECK(std::string_view(diagnostic(empty.get(), 0).rule) == "input-empty");
}

TEST_CASE("the last error is per thread and outlives successful calls") {
    CHECK(communique_check(nullptr, nullptr, 0) == nullptr);
    const std::string mine = last_error();
    REQUIRE_FALSE(mine.empty());

    std::string other = "unset";
    std::thread([&] { other = communique_last_error(); }).join();
    CHECK(other.empty());

    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    CHECK(last_error() == mine);
}

TEST_CASE("one engine serves several threads at once") {
    engine_ptr engine(communique_engine_new(nullptr));
    REQUIRE(engine);
    constexpr int n = 4;
    std::vector<int> found(n, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < n; ++t)
        threads.emplace_back([&, t] {
            const char* formats[] = {"html", "txt"};
            communique_result* r = communique_convert(engine.get(), valid_draft.data(), valid_draft.size(), formats, 2);
            const char* html = communique_result_output(r, 0, nullptr);
            found[t] = communique_result_ok(r) && html && std::strstr(html, "Kampot pepper") != nullptr;
            communique_result_free(r);
        });
    for (std::thread& t : threads) t.join();
    for (int t = 0; t < n; ++t) CHECK(found[t] == 1);
}

TEST_CASE("every input format is read from bytes, by content or as set") {
    // A web page around a release, as a CMS exports it.
    const std::string page = "<!DOCTYPE html>\n<html><body><nav><a href=\"/\">Home</a></nav>\n<main>\n<p>"
                             "KINGDOM OF CAMBODIA<br>NATION RELIGION KING</p>\n<p><b>MINISTRY OF TRADE</b></p>\n"
                             "<p>PRESS RELEASE</p>\n<p>" +
                             std::string(headline) +
                             "</p>\n<p>The fair was opened by <b>His Excellency PRAK Vichet</b> today.</p>\n"
                             "<p>Kampot, 8 January 2024</p>\n</main><footer>Contact us</footer></body></html>\n";
    options_ptr opts(communique_options_new());
    REQUIRE(opts);
    engine_ptr by_content(communique_engine_new(opts.get()));
    REQUIRE(by_content);
    result_ptr read = convert(by_content.get(), page, {"xml"});
    REQUIRE(read);
    std::string xml = output(read.get(), 0);
    CHECK(xml.find("<headline>" + std::string(headline) + "</headline>") != std::string::npos);
    CHECK(xml.find("Contact us") == std::string::npos);

    // Set as Markdown, the same bytes are no release.
    REQUIRE(communique_options_set_input_format(opts.get(), "markdown") == 0);
    engine_ptr as_markdown(communique_engine_new(opts.get()));
    result_ptr not_read = convert(as_markdown.get(), page, {"xml"});
    REQUIRE(not_read);
    CHECK(communique_result_ok(not_read.get()) == 0);

    CHECK(communique_options_set_input_format(opts.get(), "rtf") == -1);
    CHECK(last_error().find("none of auto, markdown, docx, html, xml") != std::string::npos);

    // A .docx as its bytes.
    std::FILE* f = std::fopen(CQ_SOURCE_DIR "/fixtures/docx/2024-01-08-kampot-pepper-fair.python-docx.docx", "rb");
    REQUIRE(f);
    std::string docx;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) docx.append(buffer, n);
    std::fclose(f);
    REQUIRE(communique_options_set_input_format(opts.get(), "docx") == 0);
    engine_ptr as_docx(communique_engine_new(opts.get()));
    result_ptr from_docx = convert(as_docx.get(), docx, {"xml"});
    REQUIRE(from_docx);
    CHECK(communique_result_ok(from_docx.get()) == 1);
    CHECK(output(from_docx.get(), 0).find("<place>Kampot</place>") != std::string::npos);
}

TEST_CASE("the profile decides whether a release without a national header is valid") {
    // The example release without its state line and motto: what most of the
    // world's offices publish.
    std::string draft(valid_draft);
    draft.erase(0, draft.find("**MINISTRY"));
    options_ptr opts(communique_options_new());
    REQUIRE(opts);
    engine_ptr general(communique_engine_new(opts.get()));
    REQUIRE(general);
    result_ptr lenient = check(general.get(), draft);
    REQUIRE(lenient);
    CHECK(communique_result_ok(lenient.get()) == 1);

    REQUIRE(communique_options_set_profile(opts.get(), "kh-ministry") == 0);
    engine_ptr strict(communique_engine_new(opts.get()));
    result_ptr refused = check(strict.get(), draft);
    REQUIRE(refused);
    CHECK(communique_result_ok(refused.get()) == 0);
    REQUIRE(communique_result_diagnostic_count(refused.get()) >= 1);
    communique_diagnostic first{};
    REQUIRE(communique_result_diagnostic(refused.get(), 0, &first) == 0);
    CHECK(std::string(first.rule) == "header-missing");

    CHECK(communique_options_set_profile(opts.get(), "lenient") == -1);
    CHECK(last_error().find("neither general nor kh-ministry") != std::string::npos);
}
