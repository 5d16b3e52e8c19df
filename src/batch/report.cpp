#include "batch/report.hpp"

#include "batch/io.hpp"
#include "batch/manifest.hpp"
#include "batch/diagnostic_json.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace batch {

namespace {

using json = nlohmann::ordered_json;

constexpr int report_version = 1;

// Milliseconds to a tenth: timings are for people, not for diffing.
double tenths(double ms) { return std::round(ms * 10) / 10; }

const char* signal_name(int signo) {
    switch (signo) {
        case -1: return "cancelled";
        case 2: return "SIGINT";
        case 15: return "SIGTERM";
        default: return "signal";
    }
}

// Input paths are the user's bytes and may not be UTF-8: replaced, not
// thrown on.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json release_json(const job& j, const release_result& r) {
    json diagnostics = json::array();
    for (const communique::diagnostic& d : r.diagnostics) diagnostics.push_back(batch::diagnostic_json(j.path, d));
    json outputs = json::object();
    for (const auto& [format, path] : r.outputs) outputs[format] = path;
    return {{"source", j.source},
            {"input", j.path},
            {"status", to_string(r.state)},
            {"error", r.error.empty() ? json(nullptr) : json(r.error)},
            {"diagnostics", diagnostics},
            {"outputs", outputs},
            {"ms", tenths(r.ms)},
            {"info", r.info ? info_to_json(*r.info) : json(nullptr)}};
}

// A report's release as a catalog entry: only one whose outputs are in the
// output folder (converted, converted-invalid or skipped).
std::optional<communique::catalog_entry> catalog_entry_of(const json& r) {
    if (!r.is_object()) return std::nullopt;
    std::string state = r.value("status", "");
    if (state != "converted" && state != "converted-invalid" && state != "skipped") return std::nullopt;
    auto info = r.find("info"), outputs = r.find("outputs");
    if (info == r.end() || !info->is_object() || outputs == r.end() || !outputs->is_object() || outputs->empty())
        return std::nullopt;
    communique::catalog_entry e;
    e.source = r.value("source", "");
    e.info = info_from_json(*info);
    for (const auto& [format, path] : outputs->items())
        if (path.is_string()) e.outputs.emplace_back(format, path.get<std::string>());
    return e;
}

}  // namespace

std::string_view to_string(status s) {
    switch (s) {
        case status::not_started: return "not-started";
        case status::converted: return "converted";
        case status::converted_invalid: return "converted-invalid";
        case status::skipped: return "skipped";
        case status::failed: return "failed";
    }
    return "failed";
}

counts counts::of(std::span<const outcome> outcomes) {
    counts c;
    for (const outcome& o : outcomes) {
        switch (o.state) {
            case status::not_started: ++c.not_started; break;
            case status::converted: ++c.converted; break;
            case status::converted_invalid: ++c.converted_invalid; break;
            case status::skipped: ++c.skipped; break;
            case status::failed: ++c.failed; break;
        }
    }
    return c;
}

release_log::release_log(const std::filesystem::path& folder, std::size_t releases, bool enabled) {
    if (!enabled) return;
    where_.resize(releases);
    // Unnamed, so that nothing of it outlives the run, however it ends; in
    // the output folder, where the user chose to put what the run writes.
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        if (std::FILE* f = std::tmpfile()) {
            fd_ = ::dup(::fileno(f));
            std::fclose(f);
        }
    }
    if (fd_ < 0) error_ = "cannot make a temporary file for the report: " + std::generic_category().message(errno);
}

release_log::~release_log() {
    if (fd_ >= 0) ::close(fd_);
}

void release_log::record(std::size_t index, const job& j, const release_result& r) {
    if (fd_ < 0) return;
    std::string text = dump(release_json(j, r)) + '\n';
    std::lock_guard lock(mutex_);
    if (!error_.empty()) return;
    if (!write_all(fd_, text)) {
        error_ = "cannot write the report's temporary file: " + std::generic_category().message(errno);
        return;
    }
    where_[index] = {end_, static_cast<std::uint32_t>(text.size() - 1)};
    end_ += text.size();
}

std::optional<std::string> release_log::line(std::size_t index) const {
    if (fd_ < 0 || index >= where_.size() || where_[index].length == 0) return std::nullopt;
    // Written by a worker that has finished, before the caller's join().
    std::string text(where_[index].length, '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::pread(fd_, text.data() + done, text.size() - done,
                            static_cast<off_t>(where_[index].offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        done += static_cast<std::size_t>(n);
    }
    return text;
}

std::string release_log::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

expected<void> write_report(const std::filesystem::path& file, const run_facts& facts, std::span<const job> jobs,
                            std::span<const outcome> outcomes, const release_log& log) {
    if (std::string why = log.error(); !why.empty())
        return problem{communique::detail::rule::io, file.string() + ": " + why};
    counts c = counts::of(outcomes);
    json shard = facts.shard_count ? json{{"index", facts.shard_index}, {"count", facts.shard_count}} : json(nullptr);
    json head{{"version", report_version},
              {"tool", {{"name", "communique"}, {"version", communique::version()}}},
              {"output", facts.output},
              {"formats", facts.formats},
              {"shard", shard},
              {"interrupted", facts.signal ? json(signal_name(facts.signal)) : json(nullptr)},
              {"summary",
               {{"inputs", jobs.size()},
                {"converted", c.converted},
                {"converted_invalid", c.converted_invalid},
                {"skipped", c.skipped},
                {"failed", c.failed},
                {"not_started", c.not_started},
                {"ms", tenths(facts.seconds * 1000)}}}};
    // Written release by release, one a line, from the log: a report of a
    // large archive is never held whole in memory, and it stays easy to grep.
    bool lost = false;
    auto produce = [&](std::FILE* f) {
        std::string text = "{\n";
        for (const auto& [key, value] : head.items()) text += "  " + dump(key) + ": " + dump(value) + ",\n";
        text += "  \"releases\": [";
        if (std::fputs(text.c_str(), f) < 0) return false;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            std::optional<std::string> line = log.line(i);
            if (!line) {
                if (outcomes[i].state != status::not_started) return !(lost = true);
                line = dump(release_json(jobs[i], release_result{}));
            }
            if (std::fputs(i ? ",\n    " : "\n    ", f) < 0 || std::fputs(line->c_str(), f) < 0) return false;
        }
        return std::fputs(jobs.empty() ? "]\n}\n" : "\n  ]\n}\n", f) >= 0;
    };
    if (expected<void> written = write_atomically(file, produce); !written) {
        problem p = std::move(written).error();
        p.message = file.string() + ": " + (lost ? "cannot read the report's temporary file back" : p.message);
        return p;
    }
    return {};
}

expected<void> read_report(const std::filesystem::path& file, std::vector<communique::catalog_entry>& into) {
    auto bytes = read_file(file.string());
    if (!bytes) {
        problem p = std::move(bytes).error();
        p.message = file.string() + ": " + p.message;
        return p;
    }
    json report = json::parse(*bytes, nullptr, false);
    if (report.is_discarded() || !report.is_object() || !report.contains("releases") ||
        !report["version"].is_number_integer() || report["version"].get<int>() < 1) {
        return problem{communique::detail::rule::io,
                       file.string() + ": not a communique convert report (--report FILE.json)"};
    }
    for (const json& r : report["releases"])
        if (auto e = catalog_entry_of(r)) into.push_back(std::move(*e));
    return {};
}

logged_releases::logged_releases(const release_log& log, std::size_t releases) : log_(log) {
    // Room for every release made once: doubling would hold two arrays at once.
    kept_.reserve(releases);
    for (std::size_t i = 0; i < releases; ++i)
        if (std::optional<std::string> line = log.line(i))
            if (auto e = catalog_entry_of(json::parse(*line, nullptr, false))) {
                const std::size_t date_at = text_.size();
                text_ += e->info.date;
                const std::size_t source_at = text_.size();
                text_ += e->source;
                kept_.push_back({i, date_at, source_at, text_.size()});
            }
}

communique::catalog_entry logged_releases::entry(std::size_t i) const {
    std::optional<std::string> line = log_.line(kept_[i].index);
    std::optional<communique::catalog_entry> e;
    if (line) e = catalog_entry_of(json::parse(*line, nullptr, false));
    if (!e) throw std::runtime_error("the log of this run's releases could not be read back");
    return std::move(*e);
}

}  // namespace batch
