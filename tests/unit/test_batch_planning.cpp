// Planning in the bulk job (communique::job): which inputs a run converts,
// which it skips as up to date, what sharding takes, and what it refuses,
// read from the run's JSON report and manifest.
#include "batch/manifest.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string draft(const std::string& headline) {
    return "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\n" + headline +
           "\n\nThe ferry was opened on 10 April 2024 by the Secretary of State.\n\nPhnom Penh, 12 April 2024\n";
}

struct outcome {
    int exit = -1;
    std::map<std::string, std::string> status;  // source -> status
    json report;
};

// One run of `convert ARGS -o OUT --to FORMATS --report`, as a job.
outcome convert(const std::vector<std::string>& args, const fs::path& out, std::vector<std::string> formats,
                const fs::path& report, unsigned shard_index = 0, unsigned shard_count = 0, bool force = false) {
    communique::job_options opts;
    opts.inputs = args;
    opts.formats = std::move(formats);
    opts.output_dir = out.string();
    opts.report = report.string();
    opts.force = force;
    opts.shard_index = shard_index;
    opts.shard_count = shard_count;
    opts.find_config_files = true;
    outcome o;
    o.exit = communique::job(opts).run().status;
    o.report = json::parse(test::slurp(report));
    for (const json& r : o.report["releases"]) o.status[r["source"]] = r["status"];
    return o;
}

using statuses = std::map<std::string, std::string>;

}  // namespace

TEST_CASE("a second run skips what is up to date and converts what changed", "[batch][planning]") {
    test::temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out", report = tmp.path / "report.json";
    test::spit(in / "2024/a.md", draft("Ferry opens on the Mekong"));
    test::spit(in / "with space/b ព័ត៌មាន.md", draft("Second ferry opens"));
    test::spit(in / "c.md", draft("Third ferry opens"));

    outcome first = convert({in.string()}, out, {"xml"}, report);
    CHECK(first.exit == 0);
    CHECK(first.status == statuses{{"2024/a.md", "converted"},
                                   {"with space/b ព័ត៌មាន.md", "converted"},
                                   {"c.md", "converted"}});
    // Outputs mirror the inputs' tree, and the manifest records each.
    CHECK(fs::is_regular_file(out / "2024/a.xml"));
    CHECK(fs::is_regular_file(out / "with space/b ព័ត៌មាន.xml"));
    CHECK(test::slurp(out / "c.xml").find("Third ferry opens") != std::string::npos);
    {
        batch::manifest m(out);
        m.load();
        auto rec = m.find("2024/a.md");
        REQUIRE(rec);
        CHECK(rec->status == "converted");
        REQUIRE(rec->outputs.size() == 1);
        CHECK(rec->outputs[0].path == "2024/a.xml");
        CHECK(rec->outputs[0].size == fs::file_size(out / "2024/a.xml"));
        CHECK(rec->info.headline == "Ferry opens on the Mekong");
    }

    outcome second = convert({in.string()}, out, {"xml"}, report);
    CHECK(second.exit == 0);
    CHECK(second.status == statuses{{"2024/a.md", "skipped"},
                                    {"with space/b ព័ត៌មាន.md", "skipped"},
                                    {"c.md", "skipped"}});
    CHECK(second.report["summary"]["skipped"] == 3);

    // A changed input, and an output cut short, are converted again.
    test::spit(in / "2024/a.md", draft("Ferry opens on the Mekong river"));
    fs::resize_file(out / "c.xml", 10);
    outcome third = convert({in.string()}, out, {"xml"}, report);
    CHECK(third.status == statuses{{"2024/a.md", "converted"},
                                   {"with space/b ព័ត៌មាន.md", "skipped"},
                                   {"c.md", "converted"}});
    CHECK(test::slurp(out / "2024/a.xml").find("Mekong river") != std::string::npos);
    CHECK(test::slurp(out / "c.xml").find("Third ferry opens") != std::string::npos);

    // Another format is another output: everything is converted; --force too.
    CHECK(convert({in.string()}, out, {"txt"}, report).report["summary"]["converted"] == 3);
    CHECK(convert({in.string()}, out, {"txt"}, report, 0, 0, true).report["summary"]["converted"] == 3);
}

TEST_CASE("converted in place, earlier outputs are recorded and never read as inputs", "[batch][planning]") {
    test::temp_dir tmp;
    fs::path archive = tmp.path / "archive", report = tmp.path / "report.json";
    test::spit(archive / "a.md", draft("Ferry opens"));

    CHECK(convert({archive.string()}, archive, {"txt"}, report).status == statuses{{"a.md", "converted"}});
    REQUIRE(fs::is_regular_file(archive / "a.txt"));
    // Now HTML instead: a.txt (matched by the default *.txt) stays an output.
    outcome html = convert({archive.string()}, archive, {"html"}, report);
    CHECK(html.status == statuses{{"a.md", "converted"}});
    batch::manifest m(archive);
    m.load();
    auto rec = m.find("a.md");
    REQUIRE(rec);
    CHECK(rec->earlier == std::vector<std::string>{"a.txt"});
    // And again: a.txt and a.html are still not inputs.
    CHECK(convert({archive.string()}, archive, {"html"}, report).status == statuses{{"a.md", "skipped"}});
}

TEST_CASE("shards K/N together convert every input exactly once", "[batch][planning][shard]") {
    test::temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out";
    std::vector<std::string> all;
    for (int i = 0; i < 12; ++i) {
        std::string name = "r" + std::to_string(i) + ".md";
        test::spit(in / name, draft("Ferry number " + std::to_string(i) + " opens"));
        all.push_back(name);
    }
    std::map<std::string, int> taken;
    for (unsigned k = 1; k <= 3; ++k) {
        outcome o = convert({in.string()}, out, {"xml"}, tmp.path / ("shard" + std::to_string(k) + ".json"), k, 3);
        CHECK(o.exit == 0);
        CHECK(o.report["shard"]["index"] == k);
        for (const auto& [source, status] : o.status) {
            CHECK(status == "converted");
            ++taken[source];
        }
    }
    REQUIRE(taken.size() == all.size());
    for (const std::string& name : all) CHECK(taken[name] == 1);
    // The shards shared the folder and its manifest: a whole run has nothing left.
    outcome whole = convert({in.string()}, out, {"xml"}, tmp.path / "whole.json");
    CHECK(whole.report["summary"]["skipped"] == all.size());
}

TEST_CASE("two inputs that would write the same output: the second is refused", "[batch][planning]") {
    test::temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out", report = tmp.path / "report.json";
    test::spit(in / "x.md", draft("Ferry opens"));
    test::spit(in / "x.txt", draft("Another ferry opens"));
    outcome o = convert({in.string()}, out, {"xml"}, report);
    CHECK(o.exit == 2);
    CHECK(o.status == statuses{{"x.md", "converted"}, {"x.txt", "failed"}});
    for (const json& r : o.report["releases"])
        if (r["source"] == "x.txt") CHECK(r["error"].get<std::string>().find("would overwrite") != std::string::npos);
    CHECK(test::slurp(out / "x.xml").find("Ferry opens") != std::string::npos);
    CHECK(test::slurp(out / "x.xml").find("Another") == std::string::npos);
}
