// The outcome of each release in a bulk run, and the JSON report that keeps
// it (--report FILE.json) for people, CI and `communique catalog`.
//
// The report is versioned like check's: {"version": 1, ...}; later versions
// only ever add keys. Its shape:
//
//   {"version": 1, "tool": {"name", "version"}, "output": OUT as given,
//    "formats": [...], "shard": null | {"index", "count"},
//    "interrupted": null | "SIGINT" | "SIGTERM" | "cancelled" (by a program),
//    "summary": {"inputs", "converted", "converted_invalid", "skipped",
//                "failed", "not_started", "ms"},
//    "releases": [{"source", "input", "status", "error", "diagnostics",
//                  "outputs", "ms", "info"}, ...]}
//
// in the order the inputs were given and walked, whatever -j was, one
// release a line.
#pragma once

#include "write/catalog.hpp"
#include "batch/inputs.hpp"
#include "batch/io.hpp"

#include <communique/communique.hpp>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace batch {

enum class status : std::uint8_t { not_started, converted, converted_invalid, skipped, failed };

// "not-started", "converted", "converted-invalid", "skipped", "failed".
std::string_view to_string(status s);

// What became of one release, as its worker sees it. It lives only until
// the worker has written it to the run's release_log and kept its outcome.
struct release_result {
    status state = status::not_started;
    // Failed for a reason outside the release's text: it could not be read,
    // an output could not be written, it would overwrite another output.
    bool io_error = false;
    std::string error;
    std::vector<communique::diagnostic> diagnostics;
    std::vector<std::pair<std::string, std::string>> outputs;  // format -> path relative to the output folder
    std::optional<communique::release_info> info;
    double ms = 0;
};

// What the run keeps of each release until its end: two bytes, so that
// memory does not grow with the archive.
struct outcome {
    status state = status::not_started;
    bool io_error = false;
};

struct counts {
    std::size_t converted = 0, converted_invalid = 0, skipped = 0, failed = 0, not_started = 0;
    static counts of(std::span<const outcome> outcomes);
};

// The report's line for every release, written as each one finishes (from
// any thread) to an unnamed temporary file in the output folder, and read
// back by write_report() (in the inputs' order) and logged_releases. Only
// what a line's offset and length take stays in memory. A log made
// disabled (no --report, no --catalog) records nothing.
class release_log {
public:
    release_log(const std::filesystem::path& folder, std::size_t releases, bool enabled);
    ~release_log();
    release_log(const release_log&) = delete;
    release_log& operator=(const release_log&) = delete;

    // Thread-safe; at most once per index.
    void record(std::size_t index, const job& j, const release_result& r);
    // The line recorded for `index` (without its newline), or nothing: not
    // recorded, or not readable back.
    std::optional<std::string> line(std::size_t index) const;
    // Why a line could not be recorded (a full disk): the report and the
    // catalog would be incomplete. Empty when all went well.
    std::string error() const;

private:
    struct span_in_file {
        std::uint64_t offset = 0;
        std::uint32_t length = 0;  // 0: not recorded
    };
    int fd_ = -1;
    mutable std::mutex mutex_;  // end_, error_
    std::uint64_t end_ = 0;
    std::string error_;
    std::vector<span_in_file> where_;
};

struct run_facts {
    std::string output;  // the output folder as given
    std::vector<std::string> formats;
    unsigned shard_index = 0, shard_count = 0;  // 0: not sharded
    int signal = 0;                             // the signal that interrupted the run; -1: cancelled without one
    double seconds = 0;
};

// Written to a temporary file and renamed into place, like every output:
// the lines of `log`, and a not-started line for each release it lacks.
// A problem's message starts with the file's name.
expected<void> write_report(const std::filesystem::path& file, const run_facts& facts, std::span<const job> jobs,
                            std::span<const outcome> outcomes, const release_log& log);

// Adds to `into` the releases of a report that are in its output folder
// (converted, converted-invalid or skipped), as catalog entries. A
// problem's message starts with the file's name.
expected<void> read_report(const std::filesystem::path& file, std::vector<communique::catalog_entry>& into);

// The same from this run's log, for the catalog: each release's date and
// source kept (what the catalog's order is made from, about 100 bytes a
// release), its entry read back from the log when the catalog shows it.
// entry() throws std::runtime_error when the log cannot be read back.
class logged_releases final : public communique::detail::catalog_releases {
public:
    logged_releases(const release_log& log, std::size_t releases);
    std::size_t size() const override { return kept_.size(); }
    std::string_view date(std::size_t i) const override { return text(kept_[i].date_at, kept_[i].source_at); }
    std::string_view source(std::size_t i) const override { return text(kept_[i].source_at, kept_[i].end); }
    communique::catalog_entry entry(std::size_t i) const override;

private:
    // Dates and sources one after the other in one string: a string each,
    // among the freed pieces of the lines parsed, would keep those pages.
    struct kept {
        std::size_t index;  // in the log
        std::size_t date_at, source_at, end;  // in text_
    };
    std::string_view text(std::size_t from, std::size_t to) const {
        return std::string_view(text_).substr(from, to - from);
    }
    const release_log& log_;
    std::vector<kept> kept_;
    std::string text_;
};

}  // namespace batch
