// The bulk job through the C API (communique_job_*) and the C++ one
// (communique::job): a folder converted into another, the progress and the
// messages told, the summary counted, shards that split the work, and
// misuse refused with the last error.
#include <catch2/catch.hpp>

#include <communique/communique.h>
#include <communique/communique.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

std::string draft(const std::string& headline, const std::string& date = "12 April 2024") {
    return "MINISTRY OF TOURISM\n\nPRESS RELEASE\n\n" + headline +
           "\n\nThe ferry was opened on 10 April 2024 by the Secretary of State.\n\nPhnom Penh, " + date + "\n";
}

void spit(const fs::path& p, const std::string& data) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

struct temp_dir {
    fs::path path;
    temp_dir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("cq-job-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

struct job_deleter {
    void operator()(communique_job* p) const noexcept { communique_job_free(p); }
};
using job_ptr = std::unique_ptr<communique_job, job_deleter>;

// What the callbacks saw.
struct seen {
    std::size_t progress_calls = 0, last_done = 0, last_total = 0;
    std::set<std::string> paths;
    std::vector<std::string> messages;
};

void on_progress(void* user, size_t done, size_t total, const char* path) {
    auto* s = static_cast<seen*>(user);
    ++s->progress_calls;
    s->last_done = done;
    s->last_total = total;
    if (*path) s->paths.insert(path);
}

void on_message(void* user, const char* message) { static_cast<seen*>(user)->messages.emplace_back(message); }

// A job over `in` into `out`, with the callbacks into `s`.
job_ptr make_job(const fs::path& in, const fs::path& out, seen& s) {
    job_ptr job(communique_job_new());
    REQUIRE(job);
    REQUIRE(communique_job_add_input(job.get(), in.c_str()) == 0);
    REQUIRE(communique_job_set_output_dir(job.get(), out.c_str()) == 0);
    REQUIRE(communique_job_set_jobs(job.get(), 2) == 0);
    REQUIRE(communique_job_set_progress(job.get(), on_progress, &s) == 0);
    REQUIRE(communique_job_set_messages(job.get(), on_message, &s) == 0);
    return job;
}

}  // namespace

TEST_CASE("a job converts a folder, tells its progress and counts what it did") {
    temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out";
    spit(in / "2024/a.md", draft("Ferry opens on the Mekong"));
    spit(in / "b.md", draft("Second ferry opens"));
    spit(in / "c.md", draft("Third ferry opens", "31 April 2024"));  // no such day: invalid
    spit(in / "notes.odt", "not a release");                          // not matched by the default globs

    seen s;
    job_ptr job = make_job(in, out, s);
    REQUIRE(communique_job_add_format(job.get(), "html") == 0);
    REQUIRE(communique_job_add_format(job.get(), "txt") == 0);
    REQUIRE(communique_job_set_report(job.get(), (tmp.path / "report.json").c_str()) == 0);
    communique_job_summary sum{};
    CHECK(communique_job_run(job.get(), &sum) == 1);  // c.md is invalid
    CHECK(sum.converted == 2);
    CHECK(sum.invalid == 1);
    CHECK(sum.failed == 0);
    CHECK(sum.up_to_date == 0);
    CHECK(sum.total == 3);
    // The outputs mirror the folder, in the formats asked (xml replaced).
    CHECK(fs::is_regular_file(out / "2024/a.html"));
    CHECK(fs::is_regular_file(out / "2024/a.txt"));
    CHECK(fs::is_regular_file(out / "b.html"));
    CHECK_FALSE(fs::exists(out / "b.xml"));
    CHECK_FALSE(fs::exists(out / "c.html"));
    CHECK(fs::is_regular_file(tmp.path / "report.json"));
    // Progress: at least the final call, with every release done.
    CHECK(s.progress_calls >= 1);
    CHECK(s.last_done == 3);
    CHECK(s.last_total == 3);
    CHECK(s.messages.empty());

    // A second run: what was written is up to date, the invalid one fails again.
    communique_job_summary again{};
    CHECK(communique_job_run(job.get(), &again) == 1);
    CHECK(again.up_to_date == 2);
    CHECK(again.converted == 0);
    CHECK(again.invalid == 1);

    // Accepting invalid releases writes c.md's too, and the run succeeds.
    REQUIRE(communique_job_set_accept_invalid(job.get(), 1) == 0);
    communique_job_summary accepted{};
    CHECK(communique_job_run(job.get(), &accepted) == 0);
    CHECK(accepted.converted_invalid == 1);
    CHECK(fs::is_regular_file(out / "c.html"));
}

TEST_CASE("a job's shards together convert every release exactly once") {
    temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out";
    for (int i = 0; i < 12; ++i) spit(in / ("r" + std::to_string(i) + ".md"), draft("Ferry " + std::to_string(i)));
    std::size_t total = 0, nonempty = 0;
    for (unsigned k = 1; k <= 3; ++k) {
        seen s;
        job_ptr job = make_job(in, out, s);
        REQUIRE(communique_job_set_shard(job.get(), k, 3) == 0);
        communique_job_summary sum{};
        CHECK(communique_job_run(job.get(), &sum) == 0);
        CHECK(sum.converted == sum.total);
        total += sum.total;
        if (sum.total > 0) ++nonempty;
    }
    CHECK(total == 12);
    CHECK(nonempty >= 2);  // a hash split, not everything in one shard
    for (int i = 0; i < 12; ++i) CHECK(fs::is_regular_file(out / ("r" + std::to_string(i) + ".xml")));
    // And the whole run finds them all up to date.
    seen s;
    job_ptr whole = make_job(in, out, s);
    communique_job_summary sum{};
    CHECK(communique_job_run(whole.get(), &sum) == 0);
    CHECK(sum.up_to_date == 12);
}

TEST_CASE("a job refuses misuse with the last error, and says why it cannot start") {
    job_ptr job(communique_job_new());
    REQUIRE(job);
    CHECK(communique_job_add_format(job.get(), "docz") == -1);
    CHECK(std::string(communique_last_error()).find("unknown format: docz") != std::string::npos);
    CHECK(communique_job_set_shard(job.get(), 4, 3) == -1);
    CHECK(std::string(communique_last_error()).find("shard") != std::string::npos);
    CHECK(communique_job_add_input(nullptr, "x") == -1);
    CHECK(communique_job_run(nullptr, nullptr) == -1);
    // No output folder: the job cannot run at all.
    REQUIRE(communique_job_add_input(job.get(), "in") == 0);
    CHECK(communique_job_run(job.get(), nullptr) == -1);
    CHECK(std::string(communique_last_error()).find("no output folder") != std::string::npos);

    // An empty folder: nothing to convert is a failure, and a message says so.
    temp_dir tmp;
    fs::create_directories(tmp.path / "empty");
    seen s;
    job_ptr empty = make_job(tmp.path / "empty", tmp.path / "out", s);
    communique_job_summary sum{};
    CHECK(communique_job_run(empty.get(), &sum) == 2);
    CHECK(sum.total == 0);
    REQUIRE(s.messages.size() == 1);
    CHECK(s.messages[0].find("no releases found") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path / "out"));  // nothing written, not even the folder
}

TEST_CASE("the C++ job: diagnostics as they come, a catalog, and a cancel that stops it") {
    temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out";
    spit(in / "a.md", draft("Ferry opens on the Mekong"));
    spit(in / "b.md", draft("Second ferry opens", "31 April 2024"));

    communique::job_options opts;
    opts.inputs = {in.string()};
    opts.output_dir = out.string();
    opts.catalog = true;
    opts.jobs = 1;
    CHECK_THROWS_AS(communique::job(communique::job_options{}), std::invalid_argument);
    communique::job_options unknown = opts;
    unknown.formats = {"xml", "docz"};
    CHECK_THROWS_AS(communique::job(unknown), std::invalid_argument);

    communique::job job(opts);
    std::map<std::string, std::vector<std::string>> rules;
    job.on_diagnostics([&](std::string_view file, std::string_view, std::span<const communique::diagnostic> diags) {
        for (const communique::diagnostic& d : diags) rules[std::string(fs::path(file).filename())].push_back(d.rule);
    });
    communique::job_summary sum = job.run();
    CHECK(sum.status == 1);
    CHECK(sum.started);
    CHECK(sum.finished);
    REQUIRE(sum.catalog_releases);
    CHECK(*sum.catalog_releases == 1);  // only what was written
    CHECK(fs::is_regular_file(out / "index.html"));
    REQUIRE(rules.count("b.md"));
    CHECK(std::find(rules["b.md"].begin(), rules["b.md"].end(), "date-invalid") != rules["b.md"].end());

    // Cancelled before it starts converting: nothing is started, and the
    // catalog is not written over by an unfinished run.
    communique::job_options forced = opts;
    forced.force = true;
    communique::job stopped(forced);
    stopped.cancel();
    communique::job_summary none = stopped.run();
    CHECK_FALSE(none.finished);
    CHECK(none.not_started == 2);
    CHECK(none.status == 2);
    CHECK_FALSE(none.catalog_releases);
}

TEST_CASE("a job's configuration files, catalog settings and cancel through the C API") {
    temp_dir tmp;
    fs::path in = tmp.path / "in", out = tmp.path / "out";
    spit(in / "a.md", draft("Ferry opens on the Mekong"));       // five words
    spit(in / "strict/b.md", draft("Second ferry opens today"));  // four words
    // Headlines of at most three words below strict/: b.md is then invalid.
    spit(in / "strict/.communique.toml", "[house]\nheadline-max-words = 3\n");

    seen s;
    job_ptr job = make_job(in, out, s);
    communique_job_summary ignored{};
    CHECK(communique_job_run(job.get(), &ignored) == 0);  // not looked for: both valid
    CHECK(ignored.converted == 2);

    REQUIRE(communique_job_set_find_config_files(job.get(), 1) == 0);
    REQUIRE(communique_job_set_catalog(job.get(), 1) == 0);
    REQUIRE(communique_job_set_catalog_param(job.get(), "title", "Ferry archive") == 0);
    CHECK(communique_job_set_catalog_base_url(job.get(), "ftp://example.org/") == -1);
    CHECK(std::string(communique_last_error()).find("http") != std::string::npos);
    REQUIRE(communique_job_set_catalog_base_url(job.get(), "https://example.org/releases/") == 0);
    communique_job_summary found{};
    CHECK(communique_job_run(job.get(), &found) == 1);
    CHECK(found.invalid == 1);
    std::ifstream index(out / "index.html");
    std::string html{std::istreambuf_iterator<char>(index), {}};
    CHECK(html.find("Ferry archive") != std::string::npos);
    std::ifstream feed(out / "feed.atom");
    std::string atom{std::istreambuf_iterator<char>(feed), {}};
    CHECK(atom.find("https://example.org/releases/a.xml") != std::string::npos);

    // One configuration for every input instead: a.md fails too.
    REQUIRE(communique_job_set_config_file(job.get(), (in / "strict/.communique.toml").c_str()) == 0);
    communique_job_summary given{};
    CHECK(communique_job_run(job.get(), &given) == 1);
    CHECK(given.invalid == 2);

    // Cancelled: nothing is started, and the run says it did not succeed.
    REQUIRE(communique_job_set_force(job.get(), 1) == 0);
    REQUIRE(communique_job_cancel(job.get()) == 0);
    communique_job_summary cancelled{};
    CHECK(communique_job_run(job.get(), &cancelled) == 2);
    CHECK(cancelled.not_started == 2);
    CHECK(communique_job_cancel(nullptr) == -1);
}

TEST_CASE("a job's inputs may come from a list of files alone") {
    temp_dir tmp;
    spit(tmp.path / "drafts/one.md", draft("Ferry opens on the Mekong"));
    spit(tmp.path / "elsewhere/two.md", draft("Second ferry opens"));
    spit(tmp.path / "list.txt", (tmp.path / "drafts/one.md").string() + "\n" +
                                    (tmp.path / "elsewhere/two.md").string() + "\n");
    job_ptr job(communique_job_new());
    REQUIRE(job);
    REQUIRE(communique_job_set_files_from(job.get(), (tmp.path / "list.txt").c_str()) == 0);
    REQUIRE(communique_job_set_output_dir(job.get(), (tmp.path / "out").c_str()) == 0);
    communique_job_summary sum{};
    CHECK(communique_job_run(job.get(), &sum) == 0);
    CHECK(sum.converted == 2);
    // Each output keeps its input's listed path, below the output folder.
    std::set<std::string> written;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path / "out"))
        if (e.path().extension() == ".xml") written.insert(e.path().filename().string());
    CHECK(written == std::set<std::string>{"one.xml", "two.xml"});
}
