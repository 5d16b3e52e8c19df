#include "cli/commands.hpp"

#include "cli/configs.hpp"
#include "cli/files.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;
using namespace communique;

namespace cli {

namespace {

// "a=b" split at the first '='.
std::pair<std::string, std::string> split_pair(const std::string& item, const char* option) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
        throw std::invalid_argument(fmt::format("{} expects NAME=VALUE, got '{}'", option, item));
    return {item.substr(0, eq), item.substr(eq + 1)};
}

// The command line's settings, applied over a configuration file's.
std::function<void(options&)> overrides(const settings& how) {
    return [how](options& opts) {
        if (how.date_order)
            opts.numeric_dates = *how.date_order == "month-first" ? date_order::month_first : date_order::day_first;
        if (how.width) opts.text_width = *how.width;
        for (const std::string& item : how.stylesheets) {
            auto [format, path] = split_pair(item, "--stylesheet");
            opts.stylesheets[format] = path;
        }
        for (const std::string& item : how.params) {
            auto [name, value] = split_pair(item, "--param");
            opts.parameters[name] = value;
        }
        opts.readable_folders.insert(opts.readable_folders.end(), how.readable.begin(), how.readable.end());
    };
}

engines make_engines(const settings& how) {
    // Bad NAME=VALUE pairs are usage errors: find them before any input is read.
    options probe;
    overrides(how)(probe);
    return engines(how.config ? std::optional<fs::path>(*how.config) : std::nullopt, overrides(how));
}

bool has(std::span<const diagnostic> diags, severity level) {
    return std::any_of(diags.begin(), diags.end(), [&](const diagnostic& d) { return d.level == level; });
}

const format_info* find_format(std::string_view name) {
    for (const format_info& f : formats())
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace

int list_rules() {
    for (const rule_info& r : rules()) fmt::print("{:<22} {:<8} {}\n", r.id, to_string(r.default_level), r.description);
    return exit_ok;
}

int run_check(const std::vector<std::string>& files, const settings& how, report_format format, bool fail_on_warning) {
    if (files.empty()) {
        fmt::print(stderr, "communique check: no files given (use - for standard input)\n");
        return exit_usage;
    }
    engines pick = make_engines(how);
    reporter report(format);
    int status = exit_ok;
    for (const std::string& name : files) {
        auto in = read_input(name);
        const engine* e = in ? pick.for_input(name) : nullptr;
        if (!e) {
            status = exit_usage;
            continue;
        }
        result r = e->check(in->bytes);
        report.add(display_name(name), in->bytes, r.diagnostics);
        bool failed = !r.ok() || (fail_on_warning && has(r.diagnostics, severity::warning));
        if (failed && status == exit_ok) status = exit_invalid;
    }
    report.finish();
    return status;
}

int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out_dir,
                const settings& how) {
    std::vector<std::string> names;
    for (const std::string& n : to)
        if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    if (names.empty()) names.push_back("xml");
    for (const std::string& n : names) {
        if (!find_format(n)) {
            fmt::print(stderr, "communique convert: unknown format '{}' (see communique convert --help)\n", n);
            return exit_usage;
        }
    }
    if (files.empty()) {
        fmt::print(stderr, "communique convert: no files given (use - for standard input)\n");
        return exit_usage;
    }
    bool to_stdout = out_dir == "-";
    if (to_stdout && (files.size() != 1 || names.size() != 1)) {
        fmt::print(stderr, "communique convert: -o - writes one result: give one file and one format\n");
        return exit_usage;
    }
    if (!to_stdout) {
        std::error_code ec;
        fs::create_directories(out_dir, ec);
        if (ec || !fs::is_directory(out_dir)) {
            fmt::print(stderr, "communique convert: {}: cannot create the output folder: {}\n", out_dir,
                       ec ? ec.message() : "not a directory");
            return exit_usage;
        }
    }
    engines pick = make_engines(how);
    reporter report(report_format::human);
    int status = exit_ok;
    for (const std::string& name : files) {
        auto in = read_input(name);
        const engine* e = in ? pick.for_input(name) : nullptr;
        if (!e) {
            status = exit_usage;
            continue;
        }
        // Where each output goes; an output that is the input itself is refused
        // before anything is converted.
        std::string stem = name == "-" ? "stdin" : fs::path(name).stem().string();
        std::vector<fs::path> targets;
        bool clash = false;
        for (const std::string& n : names) {
            targets.push_back(fs::path(out_dir) / (stem + std::string(find_format(n)->extension)));
            std::error_code ec;
            if (!to_stdout && name != "-" && fs::equivalent(targets.back(), name, ec)) {
                fmt::print(stderr, "communique convert: {}: refusing to overwrite the input\n", targets.back().string());
                clash = true;
            }
        }
        if (clash) {
            status = exit_usage;
            continue;
        }
        result r = e->convert(in->bytes, names);
        report.add(display_name(name), in->bytes, r.diagnostics);
        if (!r.ok()) {
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        if (to_stdout) {
            std::fwrite(r.outputs[0].data(), 1, r.outputs[0].size(), stdout);
            if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
                fmt::print(stderr, "communique convert: cannot write to standard output\n");
                return exit_usage;
            }
            continue;
        }
        for (std::size_t i = 0; i < names.size(); ++i)
            if (!write_atomically(targets[i], r.outputs[i])) status = exit_usage;
    }
    return status;
}

int run_fmt(const std::vector<std::string>& files, const settings& how, bool check_only) {
    if (files.empty()) {
        fmt::print(stderr, "communique fmt: no files given\n");
        return exit_usage;
    }
    engines pick = make_engines(how);
    reporter report(report_format::human);
    int status = exit_ok;
    const std::vector<std::string> draft{"draft"}, xml{"xml"};
    for (const std::string& name : files) {
        if (name == "-") {
            fmt::print(stderr, "communique fmt: files are rewritten in place; give paths, not -\n");
            status = exit_usage;
            continue;
        }
        auto in = read_input(name);
        const engine* e = in ? pick.for_input(name) : nullptr;
        if (!e) {
            status = exit_usage;
            continue;
        }
        // Only a release that reads cleanly is rewritten: formatting a broken
        // one could turn a typo (an unclosed **) into text.
        result r = e->convert(in->bytes, std::vector<std::string>{"draft", "xml"});
        report.add(name, in->bytes, r.diagnostics);
        if (!r.ok()) {
            fmt::print(stderr, "communique fmt: {}: left as it is (fix the errors above first)\n", name);
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        const std::string& formatted = r.outputs[0];
        if (formatted == in->bytes) continue;
        // The formatted draft must read to the same release, word for word.
        result again = e->convert(formatted, xml);
        if (!again.ok() || again.outputs[0] != r.outputs[1]) {
            fmt::print(stderr, "communique fmt: {}: the canonical form would not read back the same; left as it is "
                               "(please report this)\n",
                       name);
            status = exit_usage;
            continue;
        }
        if (check_only) {
            fmt::print("{}: would be reformatted\n", name);
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        std::error_code ec;
        fs::perms mode = fs::status(name, ec).permissions();
        if (!write_atomically(name, formatted, ec ? std::nullopt : std::optional<fs::perms>(mode))) status = exit_usage;
    }
    return status;
}

}  // namespace cli
