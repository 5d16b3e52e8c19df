// User stylesheets: they can build on the built-in ones, and they run in a
// sandbox that lets them read only what the user allowed and never write or
// reach the network.
#include "fixtures.hpp"

#include <communique/communique.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <unistd.h>

using namespace communique;
namespace fs = std::filesystem;

namespace {

const std::string draft =
    "KINGDOM OF CAMBODIA\nNATION RELIGION KING\n\n**MINISTRY OF TESTING**\n\nPRESS RELEASE\n\n"
    "Sandbox holds\n\nThe ministry tested its stylesheets on 1 April 2024.\n\nPhnom Penh, 2 April 2024\n";

using test::temp_dir;

std::string stylesheet(const std::string& body) {
    return "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"
           "    xmlns:r=\"urn:communique:release:1\" xmlns:exsl=\"http://exslt.org/common\"\n"
           "    extension-element-prefixes=\"exsl\">\n" +
           body + "\n</xsl:stylesheet>\n";
}

result convert_html(const fs::path& sheet, std::vector<std::string> readable = {}) {
    options opts;
    opts.stylesheets["html"] = sheet.string();
    opts.readable_folders = std::move(readable);
    engine e(opts);
    return e.convert(draft, std::vector<std::string>{"html"});
}

// What reaches this process's standard error (the file descriptor, where
// libxml2's default handlers print) while `f` runs.
template <class F>
std::string stderr_of(F&& f) {
    std::fflush(stderr);
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture);
    int saved = ::dup(2);
    ::dup2(::fileno(capture), 2);
    f();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::string out;
    std::rewind(capture);
    for (int c; (c = std::fgetc(capture)) != EOF;) out += static_cast<char>(c);
    std::fclose(capture);
    return out;
}

}  // namespace

TEST_CASE("a stylesheet's XPath errors come back as errors, never printed", "[stylesheet]") {
    temp_dir dir;
    test::spit(dir.path / "broken.xsl",
               stylesheet("<xsl:template match=\"/\"><xsl:value-of select=\"1 +\"/></xsl:template>"));
    options opts;
    opts.stylesheets["html"] = (dir.path / "broken.xsl").string();
    std::string message;
    std::string printed = stderr_of([&] {
        try {
            engine e(opts);
        } catch (const std::runtime_error& error) {
            message = error.what();
        }
    });
    CHECK(printed.empty());
    CHECK(message.find("could not compile select expression '1 +'") != std::string::npos);
    // An error only running finds: count() of a number.
    test::spit(dir.path / "runtime.xsl",
               stylesheet("<xsl:template match=\"/\"><p><xsl:value-of select=\"count(1)\"/></p></xsl:template>"));
    result r;
    printed = stderr_of([&] { r = convert_html(dir.path / "runtime.xsl"); });
    CHECK(printed.empty());
    CHECK_FALSE(r.ok());
    // A runaway recursion: libxslt stops it and dumps its template stack
    // through its process-wide error function.
    test::spit(dir.path / "recursion.xsl",
               stylesheet("<xsl:template match=\"/\"><xsl:call-template name=\"again\"/></xsl:template>\n"
                          "<xsl:template name=\"again\"><xsl:call-template name=\"again\"/></xsl:template>"));
    printed = stderr_of([&] { r = convert_html(dir.path / "recursion.xsl"); });
    CHECK(printed.empty());
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.back().message.find("infinite template recursion") != std::string::npos);
    CHECK(r.diagnostics.back().message.find("Templates:") == std::string::npos);  // the stack is left out
}

TEST_CASE("a house stylesheet imports the built-in one by its communique: URI", "[stylesheet]") {
    temp_dir dir;
    test::spit(dir.path / "house.xsl",
               stylesheet("<xsl:import href=\"communique:xslt/html.xsl\"/>\n"
                          "<xsl:template match=\"/\"><xsl:comment>house style</xsl:comment>"
                          "<xsl:apply-imports/></xsl:template>"));
    result r = convert_html(dir.path / "house.xsl");
    REQUIRE(r.ok());
    CHECK(r.outputs[0].find("<!--house style-->") != std::string::npos);
    CHECK(r.outputs[0].find("Sandbox holds") != std::string::npos);  // the built-in did its part
}

TEST_CASE("document() reads only from folders the user allowed", "[stylesheet]") {
    temp_dir dir, secret;
    test::spit(secret.path / "secret.xml", "<secret>TOP-SECRET-VALUE</secret>");
    test::spit(dir.path / "peek.xsl",
               stylesheet("<xsl:template match=\"/\"><out><xsl:value-of select=\"document('" +
                          (secret.path / "secret.xml").string() + "')\"/></out></xsl:template>"));
    SECTION("not allowed: the stylesheet gets nothing and the conversion fails") {
        result r = convert_html(dir.path / "peek.xsl");
        CHECK_FALSE(r.ok());
        CHECK(r.outputs.empty());
        REQUIRE_FALSE(r.diagnostics.empty());
        CHECK(r.diagnostics.back().rule == "stylesheet");
    }
    SECTION("allowed with readable_folders (--allow-read)") {
        result r = convert_html(dir.path / "peek.xsl", {secret.path.string()});
        REQUIRE(r.ok());
        CHECK(r.outputs[0].find("TOP-SECRET-VALUE") != std::string::npos);
    }
}

TEST_CASE("a stylesheet cannot write files", "[stylesheet]") {
    temp_dir dir;
    fs::path target = dir.path / "written.txt";
    test::spit(dir.path / "write.xsl",
               stylesheet("<xsl:template match=\"/\"><exsl:document href=\"" + target.string() +
                          "\" method=\"text\">pwned</exsl:document><out/></xsl:template>"));
    result r = convert_html(dir.path / "write.xsl", {dir.path.string()});
    CHECK_FALSE(r.ok());
    CHECK_FALSE(fs::exists(target));
}

TEST_CASE("a stylesheet cannot reach the network", "[stylesheet]") {
    temp_dir dir;
    test::spit(dir.path / "net.xsl",
               stylesheet("<xsl:template match=\"/\"><out><xsl:copy-of "
                          "select=\"document('http://127.0.0.1:9/x.xml')\"/></out></xsl:template>"));
    result r = convert_html(dir.path / "net.xsl");
    CHECK_FALSE(r.ok());
    CHECK(r.outputs.empty());
}

TEST_CASE("xsl:include of a file outside the allowed folders is refused", "[stylesheet]") {
    temp_dir dir, elsewhere;
    test::spit(elsewhere.path / "other.xsl", stylesheet("<xsl:template match=\"/\"><out/></xsl:template>"));
    test::spit(dir.path / "inc.xsl", stylesheet("<xsl:include href=\"" + (elsewhere.path / "other.xsl").string() + "\"/>"));
    options opts;
    opts.stylesheets["html"] = (dir.path / "inc.xsl").string();
    CHECK_THROWS_AS(engine(opts), std::runtime_error);
    // A file beside the stylesheet is fine.
    fs::copy_file(elsewhere.path / "other.xsl", dir.path / "other.xsl");
    test::spit(dir.path / "inc2.xsl", stylesheet("<xsl:include href=\"other.xsl\"/>"));
    opts.stylesheets["html"] = (dir.path / "inc2.xsl").string();
    CHECK_NOTHROW(engine(opts));
}

// markers.xsl counts list markers with communique's cq:marker and, in
// another XSLT processor, with its own templates: the two give the same
// markers.
TEST_CASE("cq:marker and markers.xsl's templates count list markers alike", "[stylesheet][markers]") {
    const std::vector<std::pair<std::string, int>> cases = {
        {"1.", 0},   {"1.", 9},    {"1)", 99},   {"01.", 1},  {"(1)", 12},     {"(a)", 1},   {"(a)", 25},
        {"(a)", 26}, {"(z)", 1},   {"a)", 701},  {"A.", 27},  {"(i)", 3},      {"i.", 8},    {"(iv)", 1},
        {"I.", 13},  {"XII.", 2},  {"MCM", 99},  {"c.", 1},   {"V.", 1},       {"ab.", 3},   {"a1", 2},
        {"•", 5},    {"-", 1},     {"*", 2},     {"Article 1:", 2}, {"§ 3.", 4}, {"(ii)", 0},  {"1234567890.", 1},
        {"123456789.", 1},          {"MMMMMMMMMM.", 1},             {"", 3},       {"(a)", -1},  {"1.", 5000}};
    std::string calls;
    for (const auto& [first, index] : cases) {
        std::string quoted = "'" + first + "'";
        calls += "<xsl:value-of select=\"cq:marker(" + quoted + ", " + std::to_string(index) + ")\"/>|"
                 "<xsl:call-template name=\"marker-in-xslt\"><xsl:with-param name=\"first\" select=\"" + quoted +
                 "\"/><xsl:with-param name=\"index\" select=\"" + std::to_string(index) +
                 "\"/></xsl:call-template><xsl:text>&#10;</xsl:text>\n";
    }
    temp_dir dir;
    test::spit(dir.path / "markers.xsl",
               "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"
               "    xmlns:cq=\"urn:communique:xslt\">\n"
               "<xsl:import href=\"communique:xslt/markers.xsl\"/>\n<xsl:output method=\"text\"/>\n"
               "<xsl:template match=\"/\">\n" + calls + "</xsl:template>\n</xsl:stylesheet>\n");
    result r = convert_html(dir.path / "markers.xsl");
    REQUIRE(r.ok());
    std::vector<std::string> lines;
    std::string line;
    for (std::istringstream in(r.outputs[0]); std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].first << " + " << cases[i].second << ": " << lines[i]);
        std::size_t bar = lines[i].find('|');
        REQUIRE(bar != std::string::npos);
        CHECK(lines[i].substr(0, bar) == lines[i].substr(bar + 1));
    }
    // What they both say, for a few.
    CHECK(lines[1] == "10.|10.");
    CHECK(lines[7] == "(aa)|(aa)");
    CHECK(lines[9] == "zz)|zz)");
    CHECK(lines[13] == "(v)|(v)");
    CHECK(lines[15] == "XIV.|XIV.");
    CHECK(lines[16] == "MCMXCIX|MCMXCIX");
    CHECK(lines[17] == "d.|d.");
    CHECK(lines[21] == "•|•");
    CHECK(lines[24] == "Article 1:|Article 1:");  // "Article" is the counter, and counts in no style
    CHECK(lines[27] == "1234567890.|1234567890.");  // a counter of ten characters is repeated
}

// A user's stylesheet may pass cq:marker any number: one that is infinite
// or not a number counts nothing, and a Roman number past a million is not
// written out (it would take a thousand "M" per million).
TEST_CASE("cq:marker bounds what a stylesheet's numbers make it write", "[stylesheet][markers]") {
    temp_dir dir;
    test::spit(dir.path / "numbers.xsl",
               "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"
               "    xmlns:cq=\"urn:communique:xslt\">\n<xsl:output method=\"text\"/>\n<xsl:template match=\"/\">"
               "<xsl:value-of select=\"cq:marker('I.', 1 div 0)\"/>|<xsl:value-of select=\"cq:marker('a)', -1 div 0)\"/>|"
               "<xsl:value-of select=\"cq:marker('1.', 0 div 0)\"/>|<xsl:value-of select=\"cq:marker('XII', 1e12)\"/>|"
               "<xsl:value-of select=\"cq:marker('1.', 1e6)\"/></xsl:template>\n</xsl:stylesheet>\n");
    result r = convert_html(dir.path / "numbers.xsl");
    REQUIRE(r.ok());
    CHECK(r.outputs[0] == "I.|a)|1.|XII|1000001.");
}
