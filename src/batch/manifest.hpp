// The manifest: what an output folder holds and what it was made from, so
// that a second run converts only what changed.
//
// OUT/.communique-manifest is JSON Lines. The first line says what the file
// is ({"communique-manifest": 1}); every other line is one release:
//
//   {"source": "2019/03/x.md", "input": "<hash of the input's bytes>",
//    "settings": "<hash of everything else that shapes the outputs>",
//    "status": "converted", "outputs": [{"format": "html",
//    "path": "2019/03/x.html", "size": 5123}, ...], "info": {...},
//    "earlier": ["2019/03/x.txt"]}   (only when there are any)
//
// A line is appended as soon as a release's outputs are all in place, with
// one write(2) in O_APPEND mode, so a killed run loses at most the releases
// that were in flight; the last line for a source wins; a line that does not
// parse (torn by a crash) is ignored. At the end of a run the file is
// compacted to one line per source, sorted, and swapped in by rename.
//
// Several runs may share an output folder (shards on one machine): appends
// take a shared flock, compaction an exclusive one and re-reads the file
// under it (the file then under the name: one another run compacted while
// this one waited is opened again), and an appender whose file was swapped
// away reopens it.
#pragma once

#include "batch/io.hpp"

#include <communique/communique.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace batch {

inline constexpr const char* manifest_name = ".communique-manifest";

struct output_record {
    std::string format;
    std::string path;  // relative to the output folder
    std::uint64_t size = 0;
};

struct manifest_record {
    std::string source;
    std::uint64_t input_hash = 0;
    std::uint64_t settings_hash = 0;
    std::string status;  // "converted" or "converted-invalid"
    std::vector<output_record> outputs;
    communique::release_info info;
    // Outputs of earlier runs in formats no longer asked for, still on disk:
    // in a folder converted in place they must not be read as inputs.
    std::vector<std::string> earlier;
};

// The record under which a run with --catalog lists the catalog's files (no
// input's source starts with '.').
inline constexpr const char* catalog_source = ".catalog";

// release_info as JSON (also in the report, where `communique catalog`
// reads it back): {"headline", "date", "place", "issuer", "genre", "kind",
// "language"}; a date that is not known is null.
nlohmann::ordered_json info_to_json(const communique::release_info& info);
communique::release_info info_from_json(const nlohmann::ordered_json& j);

class manifest {
public:
    explicit manifest(std::filesystem::path out_dir);
    ~manifest();
    manifest(const manifest&) = delete;
    manifest& operator=(const manifest&) = delete;

    // Where a record's line is in the file.
    struct line_at {
        off_t offset = 0;
        std::size_t length = 0;
    };

    // Indexes what earlier runs recorded (only where each source's last
    // line is stays in memory). Call before the workers start: find() is
    // then safe from any number of threads.
    void load();
    // The last record for `source`, read from the file loaded.
    std::optional<manifest_record> find(const std::string& source) const;

    // Opens the file for appending (creating it). A problem (rule io) when
    // the output folder cannot be written: the run cannot go on.
    expected<void> open();
    // Thread-safe. A problem when the line could not be written.
    expected<void> append(const manifest_record& record);
    // One line per source, sorted; only when this process appended anything.
    expected<void> compact();

    // Every path the manifest in `out_dir` records as an output (earlier
    // ones too), relative to the folder; empty when there is no manifest.
    // With `beside_sources`, only those of releases whose source is there
    // too (the folder was converted in place).
    static std::vector<std::string> recorded_outputs(const std::filesystem::path& out_dir, bool beside_sources);

private:
    expected<void> reopen();
    // Compacts the file open as `fd` under an exclusive lock: false when it
    // is no longer the one under the name (try again).
    expected<bool> compact_locked(int fd);

    std::filesystem::path path_;
    int read_fd_ = -1;  // the file load() indexed
    std::map<std::string, line_at> loaded_;
    std::mutex mutex_;  // fd_, appended_ and the three below
    int fd_ = -1;
    bool appended_ = false;
    // fd_ is the file load() read, and known_end_ is where its lines end
    // when no one else has written to it since: load() read to there, and
    // this process appended appended_lines_ after.
    bool trusted_ = false;
    off_t known_end_ = 0;
    std::vector<std::pair<std::string, line_at>> appended_lines_;
};

}  // namespace batch
