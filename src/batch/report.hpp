// The outcome of each release in a bulk run, and the JSON report that keeps
// it (--report FILE.json) for people, CI and `communique catalog`.
//
// The report is versioned like check's: {"version": 1, ...}; later versions
// only ever add keys. Its shape:
//
//   {"version": 1, "tool": {"name", "version"}, "output": OUT as given,
//    "formats": [...], "shard": null | {"index", "count"},
//    "interrupted": null | "SIGINT" | "SIGTERM",
//    "summary": {"inputs", "converted", "converted_invalid", "skipped",
//                "failed", "not_started", "ms"},
//    "releases": [{"source", "input", "status", "error", "diagnostics",
//                  "outputs", "ms", "info"}, ...]}
//
// in the order the inputs were given and walked, whatever -j was, one
// release a line.
#pragma once

#include "batch/inputs.hpp"

#include <communique/communique.hpp>

#include <cstdint>
#include <filesystem>
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

// Kept for every release until the end of the run, so it holds no text of
// the release, only what the report and the catalog need.
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

struct counts {
    std::size_t converted = 0, converted_invalid = 0, skipped = 0, failed = 0, not_started = 0;
    static counts of(std::span<const release_result> results);
};

struct run_facts {
    std::string output;  // the output folder as given
    std::vector<std::string> formats;
    unsigned shard_index = 0, shard_count = 0;  // 0: not sharded
    int signal = 0;                             // the signal that interrupted the run
    double seconds = 0;
};

// Written to a temporary file and renamed into place, like every output.
bool write_report(const std::filesystem::path& file, const run_facts& facts, std::span<const job> jobs,
                  std::span<const release_result> results, std::string& error);

// The releases of a report that are in its output folder (converted,
// converted-invalid or skipped), as catalog entries.
bool read_report(const std::filesystem::path& file, std::vector<communique::catalog_entry>& into, std::string& error);

// Catalog entries for the releases of this run that have outputs, their
// info and outputs moved out of `results` (the last use of them).
std::vector<communique::catalog_entry> take_catalog_entries(std::span<const job> jobs,
                                                            std::span<release_result> results);

}  // namespace batch
