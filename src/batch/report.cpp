#include "batch/report.hpp"

#include "batch/io.hpp"
#include "batch/manifest.hpp"
#include "cli/diagnostic_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace batch {

namespace {

using json = nlohmann::ordered_json;

constexpr int report_version = 1;

// Milliseconds to a tenth: timings are for people, not for diffing.
double tenths(double ms) { return std::round(ms * 10) / 10; }

const char* signal_name(int signo) {
    switch (signo) {
        case 2: return "SIGINT";
        case 15: return "SIGTERM";
        default: return "signal";
    }
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

counts counts::of(std::span<const release_result> results) {
    counts c;
    for (const release_result& r : results) {
        switch (r.state) {
            case status::not_started: ++c.not_started; break;
            case status::converted: ++c.converted; break;
            case status::converted_invalid: ++c.converted_invalid; break;
            case status::skipped: ++c.skipped; break;
            case status::failed: ++c.failed; break;
        }
    }
    return c;
}

bool write_report(const std::filesystem::path& file, const run_facts& facts, std::span<const job> jobs,
                  std::span<const release_result> results, std::string& error) {
    counts c = counts::of(results);
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
    // Input paths are the user's bytes and may not be UTF-8: replaced, not
    // thrown on.
    auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
    // Written release by release, one a line: a report of a large archive
    // is never held whole in memory, and it stays easy to grep.
    auto produce = [&](std::FILE* f) {
        std::string text = "{\n";
        for (const auto& [key, value] : head.items()) text += "  " + dump(key) + ": " + dump(value) + ",\n";
        text += "  \"releases\": [";
        if (std::fputs(text.c_str(), f) < 0) return false;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const release_result& r = results[i];
            json diagnostics = json::array();
            for (const communique::diagnostic& d : r.diagnostics)
                diagnostics.push_back(cli::diagnostic_json(jobs[i].path, d));
            json outputs = json::object();
            for (const auto& [format, path] : r.outputs) outputs[format] = path;
            json release{{"source", jobs[i].source},
                         {"input", jobs[i].path},
                         {"status", to_string(r.state)},
                         {"error", r.error.empty() ? json(nullptr) : json(r.error)},
                         {"diagnostics", diagnostics},
                         {"outputs", outputs},
                         {"ms", tenths(r.ms)},
                         {"info", r.info ? info_to_json(*r.info) : json(nullptr)}};
            std::string line = (i ? ",\n    " : "\n    ") + dump(release);
            if (std::fputs(line.c_str(), f) < 0) return false;
        }
        return std::fputs(jobs.empty() ? "]\n}\n" : "\n  ]\n}\n", f) >= 0;
    };
    if (write_atomically(file, produce, error) != 0) {
        error = file.string() + ": " + error;
        return false;
    }
    return true;
}

bool read_report(const std::filesystem::path& file, std::vector<communique::catalog_entry>& into,
                 std::string& error) {
    auto bytes = read_file(file.string(), error);
    if (!bytes) {
        error = file.string() + ": " + error;
        return false;
    }
    json report = json::parse(*bytes, nullptr, false);
    if (report.is_discarded() || !report.is_object() || !report.contains("releases") ||
        !report["version"].is_number_integer() || report["version"].get<int>() < 1) {
        error = file.string() + ": not a communique convert report (--report FILE.json)";
        return false;
    }
    for (const json& r : report["releases"]) {
        std::string state = r.value("status", "");
        if (state != "converted" && state != "converted-invalid" && state != "skipped") continue;
        if (!r.contains("info") || !r["info"].is_object() || !r.contains("outputs") || !r["outputs"].is_object())
            continue;
        communique::catalog_entry e;
        e.source = r.value("source", "");
        e.info = info_from_json(r["info"]);
        for (const auto& [format, path] : r["outputs"].items())
            if (path.is_string()) e.outputs.emplace_back(format, path.get<std::string>());
        into.push_back(std::move(e));
    }
    return true;
}

std::vector<communique::catalog_entry> take_catalog_entries(std::span<const job> jobs,
                                                            std::span<release_result> results) {
    std::vector<communique::catalog_entry> out;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        release_result& r = results[i];
        bool listed = r.state == status::converted || r.state == status::converted_invalid || r.state == status::skipped;
        if (!listed || !r.info || r.outputs.empty()) continue;
        out.push_back({jobs[i].source, std::move(*r.info), std::move(r.outputs)});
    }
    return out;
}

}  // namespace batch
