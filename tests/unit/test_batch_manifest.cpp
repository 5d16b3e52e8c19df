// The bulk runner's manifest (src/batch/manifest.cpp): what is written is
// read back, the last line for a source wins, torn lines are ignored, and
// the outputs it records (earlier ones too) are never walked as inputs.
// (And batch/io.cpp: a file that cannot be read or written is a problem of
// rule io that keeps the errno.)
#include "batch/inputs.hpp"
#include "batch/io.hpp"
#include "batch/manifest.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace fs = std::filesystem;
using batch::manifest;
using batch::manifest_record;

namespace {

manifest_record record(const std::string& source, std::uint64_t input, std::vector<std::string> formats) {
    manifest_record r;
    r.source = source;
    r.input_hash = input;
    r.settings_hash = 0xfedcba9876543210ULL;
    r.status = "converted";
    for (const std::string& f : formats)
        r.outputs.push_back({f, source.substr(0, source.rfind('.')) + "." + f, 100 + f.size()});
    r.info.headline = "Ferry opens";
    r.info.date = "2024-04-12";
    r.info.place = "Phnom Penh";
    r.info.issuer = "MINISTRY OF TOURISM";
    r.info.genre = "PRESS RELEASE";
    r.info.kind = "press-release";
    r.info.language = "km";
    return r;
}

void write(const fs::path& out_dir, const std::vector<manifest_record>& records, bool compact) {
    manifest m(out_dir);
    REQUIRE(m.open());
    for (const manifest_record& r : records) REQUIRE(m.append(r));
    if (compact) REQUIRE(m.compact());
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("a manifest record is read back as it was written", "[batch][manifest]") {
    test::temp_dir out;
    manifest_record r = record("2024/04/ferry news.md", 0x0123456789abcdefULL, {"html", "xml"});
    r.status = "converted-invalid";
    r.earlier = {"2024/04/ferry news.txt"};
    manifest_record no_date = record("ព័ត៌មាន.md", 1, {"html"});
    no_date.info.date.clear();
    write(out.path, {r, no_date}, false);

    std::string text = test::slurp(out.path / batch::manifest_name);
    std::vector<std::string> lines = lines_of(text);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == R"({"communique-manifest":1})");
    CHECK(lines[1].find(R"("input":"0123456789abcdef")") != std::string::npos);
    CHECK(lines[1].find(R"("earlier":["2024/04/ferry news.txt"])") != std::string::npos);
    CHECK(lines[2].find("earlier") == std::string::npos);  // only when there are any
    CHECK(lines[2].find(R"("date":null)") != std::string::npos);

    manifest m(out.path);
    m.load();
    auto back = m.find(r.source);
    REQUIRE(back);
    CHECK(back->source == r.source);
    CHECK(back->input_hash == r.input_hash);
    CHECK(back->settings_hash == r.settings_hash);
    CHECK(back->status == "converted-invalid");
    REQUIRE(back->outputs.size() == 2);
    CHECK(back->outputs[0].format == "html");
    CHECK(back->outputs[0].path == "2024/04/ferry news.html");
    CHECK(back->outputs[0].size == r.outputs[0].size);
    CHECK(back->outputs[1].format == "xml");
    CHECK(back->earlier == r.earlier);
    CHECK(back->info.headline == "Ferry opens");
    CHECK(back->info.date == "2024-04-12");
    CHECK(back->info.place == "Phnom Penh");
    CHECK(back->info.issuer == "MINISTRY OF TOURISM");
    CHECK(back->info.genre == "PRESS RELEASE");
    CHECK(back->info.kind == "press-release");
    CHECK(back->info.language == "km");

    auto other = m.find("ព័ត៌មាន.md");
    REQUIRE(other);
    CHECK(other->info.date.empty());
    CHECK(other->earlier.empty());
    CHECK_FALSE(m.find("not there.md"));
}

TEST_CASE("the last line for a source wins, and compaction keeps one line per source, sorted", "[batch][manifest]") {
    test::temp_dir out;
    write(out.path, {record("b.md", 1, {"html"}), record("a.md", 2, {"html"}), record("b.md", 3, {"xml"})}, false);
    CHECK(lines_of(test::slurp(out.path / batch::manifest_name)).size() == 4);
    {
        manifest m(out.path);
        m.load();
        REQUIRE(m.find("b.md"));
        CHECK(m.find("b.md")->input_hash == 3);
        CHECK(m.find("b.md")->outputs.at(0).format == "xml");
    }

    // A run that appends compacts: header, then a.md, then b.md's last line.
    write(out.path, {record("c.md", 4, {"html"})}, true);
    std::vector<std::string> lines = lines_of(test::slurp(out.path / batch::manifest_name));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == R"({"communique-manifest":1})");
    CHECK(lines[1].find(R"("source":"a.md")") != std::string::npos);
    CHECK(lines[2].find(R"("source":"b.md")") != std::string::npos);
    CHECK(lines[2].find(R"("format":"xml")") != std::string::npos);
    CHECK(lines[3].find(R"("source":"c.md")") != std::string::npos);

    // A run that appends nothing leaves the file alone (compaction would
    // swap a new file in).
    struct stat before {}, after {};
    REQUIRE(::stat((out.path / batch::manifest_name).c_str(), &before) == 0);
    write(out.path, {}, true);
    REQUIRE(::stat((out.path / batch::manifest_name).c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);
}

TEST_CASE("a manifest line is the bytes nlohmann's dump would write", "[batch][manifest]") {
    test::temp_dir out;
    manifest_record r = record("2024/q\"uote\\d.md", 7, {"html", "pdf"});
    r.info.headline = std::string("Tab\there, bell\x07, \x1f, del\x7f, \b\f\r\n and ") + "ព័ត៌មាន";
    r.info.place = "Kampot \xff\xfe";  // not UTF-8: replaced, as nlohmann replaces it
    r.earlier = {"a.txt", "b \"c\".txt"};
    write(out.path, {r}, false);
    std::vector<std::string> lines = lines_of(test::slurp(out.path / batch::manifest_name));
    REQUIRE(lines.size() == 2);
    const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(lines[1]);
    CHECK(parsed.dump(-1, ' ', false) == lines[1]);
    CHECK(lines[1].find(R"(bell\u0007, \u001f, del)" "\x7f" R"(, \b\f\r\n and )") != std::string::npos);
    CHECK(parsed["info"]["place"] == "Kampot \xef\xbf\xbd\xef\xbf\xbd");

    manifest m(out.path);
    m.load();
    auto back = m.find(r.source);
    REQUIRE(back);
    CHECK(back->info.headline == r.info.headline);
    CHECK(back->earlier == r.earlier);
    CHECK(back->outputs.at(1).size == r.outputs.at(1).size);
}

TEST_CASE("compaction keeps every source's last line whoever appended it", "[batch][manifest]") {
    test::temp_dir out;
    fs::path file = out.path / batch::manifest_name;
    write(out.path, {record("a.md", 1, {"html"}), record("b.md", 2, {"html"})}, false);
    auto sources_and_inputs = [&] {
        std::vector<std::string> out_lines;
        for (const std::string& line : lines_of(test::slurp(file))) {
            auto j = nlohmann::ordered_json::parse(line);
            if (j.contains("source"))
                out_lines.push_back(j["source"].get<std::string>() + "=" + j["input"].get<std::string>().substr(14));
        }
        return out_lines;
    };

    SECTION("a run alone, as the runner drives it: open, load, append, compact") {
        manifest m(out.path);
        REQUIRE(m.open());
        m.load();
        REQUIRE(m.append(record("c.md", 3, {"html"})));
        REQUIRE(m.append(record("b.md", 4, {"html"})));
        manifest_record nameless = record("", 5, {"html"});
        REQUIRE(m.append(nameless));  // never read back: not kept
        REQUIRE(m.compact());
        CHECK(sources_and_inputs() == std::vector<std::string>{"a.md=01", "b.md=04", "c.md=03"});
    }
    SECTION("another run appends between this run's lines") {
        manifest m(out.path), other(out.path);
        REQUIRE(m.open());
        m.load();
        REQUIRE(m.append(record("c.md", 3, {"html"})));
        REQUIRE(other.open());
        REQUIRE(other.append(record("d.md", 6, {"html"})));
        REQUIRE(other.append(record("a.md", 7, {"html"})));
        REQUIRE(m.append(record("e.md", 8, {"html"})));
        REQUIRE(m.compact());
        CHECK(sources_and_inputs() == std::vector<std::string>{"a.md=07", "b.md=02", "c.md=03", "d.md=06", "e.md=08"});
    }
    SECTION("another run appends before this one starts appending") {
        manifest m(out.path), other(out.path);
        REQUIRE(m.open());
        m.load();
        REQUIRE(other.open());
        REQUIRE(other.append(record("d.md", 6, {"html"})));
        REQUIRE(m.append(record("c.md", 3, {"html"})));
        REQUIRE(m.compact());
        CHECK(sources_and_inputs() == std::vector<std::string>{"a.md=01", "b.md=02", "c.md=03", "d.md=06"});
    }
    SECTION("another run compacts the file first") {
        manifest m(out.path), other(out.path);
        REQUIRE(m.open());
        m.load();
        REQUIRE(m.append(record("c.md", 3, {"html"})));
        REQUIRE(other.open());
        REQUIRE(other.append(record("d.md", 6, {"html"})));
        REQUIRE(other.compact());
        REQUIRE(m.compact());
        CHECK(sources_and_inputs() == std::vector<std::string>{"a.md=01", "b.md=02", "c.md=03", "d.md=06"});
    }
}

TEST_CASE("torn and foreign lines are ignored; an append after a torn line starts its own", "[batch][manifest]") {
    test::temp_dir out;
    write(out.path, {record("a.md", 1, {"html"})}, false);
    fs::path file = out.path / batch::manifest_name;
    std::string text = test::slurp(file);
    text += "not json\n";
    text += R"({"source":"bad-hash.md","input":"xyz","settings":"0000000000000000"})" "\n";
    text += R"({"source":"neg-size.md","input":"0000000000000001","settings":"0000000000000000",)"
            R"("outputs":[{"format":"html","path":"x.html","size":-1}]})" "\n";
    text += R"({"source":"torn.md","input":"00000000000)";  // a crash cut it short
    test::spit(file, text);

    write(out.path, {record("after.md", 5, {"html"})}, false);
    manifest m(out.path);
    m.load();
    CHECK(m.find("a.md"));
    CHECK(m.find("after.md"));
    CHECK_FALSE(m.find("bad-hash.md"));
    CHECK_FALSE(m.find("neg-size.md"));
    CHECK_FALSE(m.find("torn.md"));
    std::vector<std::string> lines = lines_of(test::slurp(file));
    CHECK(lines.back().starts_with(R"({"source":"after.md")"));
}

TEST_CASE("recorded outputs: every output and earlier output, beside their sources or all", "[batch][manifest]") {
    test::temp_dir out;
    CHECK(manifest::recorded_outputs(out.path, false).empty());  // no manifest

    manifest_record a = record("drafts/a.md", 1, {"html", "xml"});
    a.earlier = {"drafts/a.txt"};
    manifest_record gone = record("gone.md", 2, {"html"});
    write(out.path, {a, gone}, true);
    CHECK(sorted(manifest::recorded_outputs(out.path, false)) ==
          std::vector<std::string>{"drafts/a.html", "drafts/a.txt", "drafts/a.xml", "gone.html"});
    // Converted in place: only releases whose draft is still there count.
    CHECK(manifest::recorded_outputs(out.path, true).empty());
    test::spit(out.path / "drafts/a.md", "x");
    CHECK(sorted(manifest::recorded_outputs(out.path, true)) ==
          std::vector<std::string>{"drafts/a.html", "drafts/a.txt", "drafts/a.xml"});
}

TEST_CASE("outputs a manifest records are never walked as inputs", "[batch][manifest]") {
    test::temp_dir tmp;
    fs::path archive = tmp.path / "archive";
    // Converted in place: drafts and their outputs side by side, an earlier
    // run's .txt output (a format no longer asked for) among them.
    for (const char* name : {"2024/a.md", "2024/a.html", "2024/a.txt", "2024/notes.txt", "2024/b.md"})
        test::spit(archive / name, "x");
    manifest_record a = record("2024/a.md", 1, {"html"});
    a.earlier = {"2024/a.txt"};
    write(archive, {a}, true);
    auto sources = [](const batch::gathered& g) {
        std::vector<std::string> out;
        for (const batch::job& j : g.jobs) out.push_back(j.source);
        return out;
    };
    auto ignore = [](const std::string&) {};

    // Named as the output folder: walked without what the manifest records.
    batch::walk_options in_place;
    in_place.output_folder = archive;
    CHECK(sources(batch::gather({archive.string()}, std::nullopt, in_place, ignore)) ==
          std::vector<std::string>{"2024/a.md", "2024/b.md", "2024/notes.txt"});
    // A folder inside it: still without the outputs beside their drafts.
    CHECK(sources(batch::gather({(archive / "2024").string()}, std::nullopt, {}, ignore)) ==
          std::vector<std::string>{"a.md", "b.md", "notes.txt"});
    // Below a folder named, a folder holding a manifest (another run's
    // output folder) is not walked at all.
    test::spit(tmp.path / "drafts/c.md", "x");
    CHECK(sources(batch::gather({tmp.path.string()}, std::nullopt, {}, ignore)) ==
          std::vector<std::string>{"drafts/c.md"});
}

TEST_CASE("reading and writing files: a failure is a problem of rule io with the errno the run stops on",
          "[batch][io]") {
    test::temp_dir tmp;
    auto folder = batch::read_file(tmp.path.string());
    REQUIRE_FALSE(folder);
    CHECK(folder.error().id == communique::detail::rule::io);
    CHECK(folder.error().message == "is a folder");
    CHECK(folder.error().errno_value == EISDIR);

    auto missing = batch::read_file((tmp.path / "nope.md").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().errno_value == ENOENT);
    CHECK(missing.error().at_level().rule == "io");

    // Into a folder that does not exist: the errno is kept, and it is not
    // one that stops a whole run.
    auto nowhere = batch::write_atomically(tmp.path / "no-such-folder" / "a.html", "<p>");
    REQUIRE_FALSE(nowhere);
    CHECK(nowhere.error().errno_value == ENOENT);
    CHECK_FALSE(batch::is_fatal_write_error(nowhere.error().errno_value));

    REQUIRE(batch::write_atomically(tmp.path / "a.html", "<p>"));
    auto back = batch::read_file((tmp.path / "a.html").string());
    REQUIRE(back);
    CHECK(*back == "<p>");
}
