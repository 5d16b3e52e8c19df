// Path mirroring and input gathering of the bulk runner (src/batch): where
// each input's outputs go, whatever its name, and which files a walk reads.
#include "batch/inputs.hpp"
#include "batch/paths.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using batch::output_path;
using batch::safe_relative;

namespace fs = std::filesystem;

namespace {

// Every job's path (relative to `root`) -> source.
std::vector<std::pair<std::string, std::string>> jobs_of(const batch::gathered& g, const fs::path& root) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const batch::job& j : g.jobs) out.emplace_back(fs::path(j.path).lexically_relative(root).string(), j.source);
    return out;
}

using pairs = std::vector<std::pair<std::string, std::string>>;

batch::gathered walk(const std::vector<std::string>& args, const batch::walk_options& options = {},
                     std::vector<std::string>* warnings = nullptr) {
    return batch::gather(args, std::nullopt, options, [&](const std::string& w) {
        if (warnings) warnings->push_back(w);
    });
}

}  // namespace

TEST_CASE("safe_relative keeps ordinary names as they are", "[batch][paths]") {
    CHECK(safe_relative("2019/03/x.md") == "2019/03/x.md");
    CHECK(safe_relative("press releases/May 2024.md") == "press releases/May 2024.md");
    CHECK(safe_relative("ព័ត៌មាន/សេចក្តីប្រកាស.md") == "ព័ត៌មាន/សេចក្តីប្រកាស.md");
    CHECK(safe_relative("a.b.c/v1.2.draft.md") == "a.b.c/v1.2.draft.md");
}

TEST_CASE("safe_relative never leaves the output folder", "[batch][paths]") {
    // Absolute paths, empty components and "." are read as relative.
    CHECK(safe_relative("/etc/passwd") == "etc/passwd");
    CHECK(safe_relative("a//b/./c.md") == "a/b/c.md");
    // ".." is kept visible but harmless, so "a/../b" and "b" stay two releases.
    CHECK(safe_relative("../x.md") == "__/x.md");
    CHECK(safe_relative("a/../b.md") == "a/__/b.md");
    CHECK(safe_relative("..") == "__");
    for (const char* hostile : {"../../etc/x", "/../..", "a/../../..", "./../.", "..//..//x"}) {
        CAPTURE(hostile);
        std::string s = safe_relative(hostile);
        for (std::string_view part : {"../", "/.."}) CHECK(s.find(part) == std::string::npos);
        CHECK(s != "..");
        CHECK_FALSE(s.starts_with("/"));
        CHECK_FALSE(s.empty());
    }
    // Nothing at all is still a name.
    CHECK(safe_relative("") == "_");
    CHECK(safe_relative("/") == "_");
    CHECK(safe_relative("./.") == "_");
}

TEST_CASE("safe_relative hides dot files and cleans control characters and bad UTF-8", "[batch][paths]") {
    // A leading dot: nothing can pass for the manifest or a temporary file.
    CHECK(safe_relative(".communique-manifest") == "_.communique-manifest");
    CHECK(safe_relative("a/.~cq-x.1-2.tmp") == "a/_.~cq-x.1-2.tmp");
    CHECK(safe_relative("a/...md") == "a/_...md");
    CHECK(safe_relative("line\nbreak.md") == "line_break.md");
    CHECK(safe_relative(std::string("nul\0x.md", 8)) == "nul_x.md");
    CHECK(safe_relative("esc\x1b[31m.md") == "esc_[31m.md");
    CHECK(safe_relative("del\x7f.md") == "del_.md");
    // Invalid UTF-8: a lone continuation byte, an overlong slash, a surrogate,
    // a truncated sequence; one '_' per byte that is not part of a character.
    CHECK(safe_relative("a\x80.md") == "a_.md");
    CHECK(safe_relative("a\xc0\xaf.md") == "a__.md");
    CHECK(safe_relative("a\xed\xa0\x80.md") == "a___.md");
    CHECK(safe_relative("a\xe2\x82.md") == "a__.md");
    CHECK(safe_relative("caf\xc3\xa9.md") == "caf\xc3\xa9.md");
    CHECK(safe_relative("\xf0\x9f\x93\xb0.md") == "\xf0\x9f\x93\xb0.md");
}

TEST_CASE("output_path replaces the last extension only", "[batch][paths]") {
    CHECK(output_path("2019/03/x.md", ".html") == "2019/03/x.html");
    CHECK(output_path("v1.2.draft.md", ".xml") == "v1.2.draft.xml");
    CHECK(output_path("a.b/readme", ".html") == "a.b/readme.html");  // a dot in a folder is not an extension
    CHECK(output_path("noext", ".txt") == "noext.txt");
    CHECK(output_path("_.hidden", ".pdf") == "_.pdf");
    CHECK(output_path("dir/.md", ".html") == "dir/.md.html");  // a leading dot is not an extension
    CHECK(output_path("May 2024 — ព័ត៌មាន.md", ".html") == "May 2024 — ព័ត៌មាន.html");
}

TEST_CASE("temporary files are recognised by their name", "[batch][paths]") {
    CHECK(batch::is_temp_name(".~cq-x.html.123-abc.tmp"));
    CHECK_FALSE(batch::is_temp_name("x.tmp"));
    CHECK_FALSE(batch::is_temp_name(".~cq-x.html"));
    CHECK_FALSE(batch::is_temp_name(safe_relative(".~cq-x.1-2.tmp")));
}

TEST_CASE("a folder is mirrored, odd names and all; a file keeps its name alone", "[batch][paths]") {
    test::temp_dir tmp;
    fs::path in = tmp.path / "in";
    for (const char* name : {"2024/03/a.md", "2024/03/b.txt", "with space/May 2024.md", "ព័ត៌មាន/ប្រកាស.md",
                             "dots/v1.2.final.md", "skip/.hidden.md", ".hidden/x.md", "other/image.png",
                             "other/page.htm"})
        test::spit(in / name, "x");

    std::vector<std::string> warnings;
    batch::gathered g = walk({in.string()}, {}, &warnings);
    CHECK_FALSE(g.io_error);
    CHECK(warnings.empty());
    // Byte order; hidden files and folders and names the globs do not take
    // are left out.
    CHECK(jobs_of(g, in) == pairs{{"2024/03/a.md", "2024/03/a.md"},
                                  {"2024/03/b.txt", "2024/03/b.txt"},
                                  {"dots/v1.2.final.md", "dots/v1.2.final.md"},
                                  {"other/page.htm", "other/page.htm"},
                                  {"with space/May 2024.md", "with space/May 2024.md"},
                                  {"ព័ត៌មាន/ប្រកាស.md", "ព័ត៌មាន/ប្រកាស.md"}});

    // A file named alone: its output is named after the file, not its folders.
    g = walk({(in / "2024/03/a.md").string()});
    REQUIRE(g.jobs.size() == 1);
    CHECK(g.jobs[0].source == "a.md");
    CHECK(g.jobs[0].path == (in / "2024/03/a.md").string());

    // --include replaces the defaults; --exclude by name or by relative path.
    batch::walk_options only_md;
    only_md.include = {"*.md"};
    only_md.exclude = {"2024/*", "v1.*"};
    g = walk({in.string()}, only_md);
    CHECK(jobs_of(g, in) == pairs{{"with space/May 2024.md", "with space/May 2024.md"},
                                  {"ព័ត៌មាន/ប្រកាស.md", "ព័ត៌មាន/ប្រកាស.md"}});
}

TEST_CASE("a --files-from list keeps each listed path, made safe", "[batch][paths]") {
    test::temp_dir tmp;
    test::spit(tmp.path / "list", "a.md\n../up/b.md\r\n/abs/c.md\n\nsp ace/d.md\n");
    batch::gathered g = batch::gather({}, (tmp.path / "list").string(), {}, [](const std::string&) {});
    CHECK_FALSE(g.io_error);
    pairs got;
    for (const batch::job& j : g.jobs) got.emplace_back(j.path, j.source);
    CHECK(got == pairs{{"a.md", "a.md"}, {"../up/b.md", "__/up/b.md"}, {"/abs/c.md", "abs/c.md"},
                       {"sp ace/d.md", "sp ace/d.md"}});

    // NUL-separated when the list has a NUL: a newline is then part of a name.
    test::spit(tmp.path / "list0", std::string("a\nb.md\0c.md\0", 12));
    g = batch::gather({}, (tmp.path / "list0").string(), {}, [](const std::string&) {});
    got.clear();
    for (const batch::job& j : g.jobs) got.emplace_back(j.path, j.source);
    CHECK(got == pairs{{"a\nb.md", "a_b.md"}, {"c.md", "c.md"}});

    // A list that cannot be read is an I/O error, told.
    std::vector<std::string> warnings;
    g = batch::gather({}, (tmp.path / "missing").string(), {}, [&](const std::string& w) { warnings.push_back(w); });
    CHECK(g.io_error);
    CHECK(g.jobs.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("missing") != std::string::npos);
}

TEST_CASE("sharding K/N takes every source exactly once, the same on every call", "[batch][shard]") {
    std::vector<std::string> sources;
    for (int i = 0; i < 500; ++i)
        sources.push_back("20" + std::to_string(10 + i % 15) + "/r" + std::to_string(i) + ".md");
    for (unsigned n : {1u, 2u, 3u, 7u}) {
        CAPTURE(n);
        std::vector<std::size_t> per_shard(n);
        for (const std::string& s : sources) {
            unsigned taken = 0;
            for (unsigned k = 1; k <= n; ++k)
                if (batch::in_shard(s, k, n)) {
                    ++taken;
                    ++per_shard[k - 1];
                    CHECK(batch::in_shard(s, k, n));  // deterministic
                }
            CHECK(taken == 1);
        }
        // A hash spreads them: no shard is empty or takes nearly all.
        for (std::size_t c : per_shard) {
            CHECK(c > 0);
            CHECK(c < sources.size() * 2 / n + 1);
        }
    }
    // Not sharded: everything.
    CHECK(batch::in_shard("x.md", 0, 0));
}
