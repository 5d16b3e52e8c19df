#include "cli/commands.hpp"

#include "batch/runner.hpp"
#include "cli/configs.hpp"
#include "cli/files.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

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
        if (how.content) opts.html_content = *how.content;
        for (const std::string& item : how.stylesheets) {
            auto [format, path] = split_pair(item, "--stylesheet");
            opts.stylesheets[format] = path;
        }
        for (const std::string& item : how.params) {
            auto [name, value] = split_pair(item, "--param");
            opts.parameters[name] = value;
        }
        opts.readable_folders.insert(opts.readable_folders.end(), how.readable.begin(), how.readable.end());
        if (how.accept_invalid) opts.write_invalid = true;
        if (how.max_input_bytes) opts.max_input_bytes = *how.max_input_bytes;
        if (how.max_nesting) opts.max_nesting = *how.max_nesting;
        if (how.max_elements) opts.max_elements = *how.max_elements;
        if (how.max_pages) opts.max_pages = *how.max_pages;
    };
}

engines make_engines(const settings& how) {
    // Bad NAME=VALUE pairs are usage errors: find them before any input is read.
    options probe;
    overrides(how)(probe);
    return engines(how.config ? std::optional<fs::path>(*how.config) : std::nullopt, overrides(how),
                   communique::input_format_named(how.from).value_or(communique::input_format::automatic));
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

namespace {

// Release XML with each date's printed text left out (its ISO value stays):
// what `fmt` must keep word for word, since the configuration may ask it to
// write dates another way ([dates] format). Dates hold text only.
std::string without_date_text(std::string_view xml) {
    constexpr std::string_view open = "<date when=\"", close = "</date>";
    std::string out;
    out.reserve(xml.size());
    std::size_t at = 0;
    for (std::size_t d; (d = xml.find(open, at)) != std::string_view::npos;) {
        std::size_t end_of_tag = xml.find('>', d), closing = xml.find(close, d);
        if (end_of_tag == std::string_view::npos || closing == std::string_view::npos || closing < end_of_tag) break;
        out.append(xml.substr(at, end_of_tag + 1 - at));
        at = closing;
    }
    out.append(xml.substr(at));
    return out;
}

// "K/N" with 1 <= K <= N.
std::optional<std::pair<unsigned, unsigned>> parse_shard(const std::string& text) {
    unsigned k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &k, &slash, &n, &extra) != 3 || slash != '/' || k < 1 || k > n)
        return std::nullopt;
    return std::pair{k, n};
}

// -o -: one release in one format to standard output, as before bulk runs.
int convert_to_stdout(const std::string& name, const std::string& format, const settings& how) {
    engines pick = make_engines(how);
    reporter report(report_format::human);
    auto in = read_input(name);
    const engine* e = in ? pick.for_input(name) : nullptr;
    if (!e) return exit_usage;
    result r = e->convert(in->bytes, std::vector<std::string>{format});
    report.add(display_name(name), in->bytes, r.diagnostics);
    // Invalid: nothing written, unless --accept-invalid (then it is exit 0,
    // as in bulk runs: the user asked for it).
    if (r.outputs.empty()) return exit_invalid;
    std::fwrite(r.outputs[0].data(), 1, r.outputs[0].size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        fmt::print(stderr, "communique convert: cannot write to standard output\n");
        return exit_usage;
    }
    return exit_ok;
}

}  // namespace

int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out_dir,
                const settings& how, const convert_flags& flags) {
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
    if (files.empty() && !flags.files_from) {
        fmt::print(stderr, "communique convert: no files given (use - for standard input)\n");
        return exit_usage;
    }
    if (out_dir == "-") {
        if (files.size() != 1 || names.size() != 1 || flags.files_from) {
            fmt::print(stderr, "communique convert: -o - writes one result: give one file and one format\n");
            return exit_usage;
        }
        return convert_to_stdout(files[0], names[0], how);
    }
    if (flags.files_from && *flags.files_from == "-" && std::find(files.begin(), files.end(), "-") != files.end()) {
        fmt::print(stderr, "communique convert: standard input cannot be both --files-from - and an input\n");
        return exit_usage;
    }
    batch::request req;
    if (flags.shard) {
        auto shard = parse_shard(*flags.shard);
        if (!shard) {
            fmt::print(stderr, "communique convert: --shard expects K/N with 1 <= K <= N, got '{}'\n", *flags.shard);
            return exit_usage;
        }
        std::tie(req.shard_index, req.shard_count) = *shard;
    }
    req.args = files;
    req.files_from = flags.files_from;
    req.formats = names;
    req.out_dir = out_dir;
    req.threads = flags.jobs ? flags.jobs : std::max(1u, std::thread::hardware_concurrency());
    if (!flags.include.empty()) req.walk.include = flags.include;
    req.walk.exclude = flags.exclude;
    req.walk.follow_symlinks = flags.follow_symlinks;
    req.report = flags.report;
    req.force = flags.force;
    req.catalog = flags.catalog;
    req.quiet = flags.quiet;
    engines pick = make_engines(how);
    return batch::run(req, how, pick);
}

int run_catalog(const std::vector<std::string>& reports, const std::string& out_dir) {
    return batch::run_catalog(reports, out_dir);
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
        if (in) {
            // fmt writes a Markdown draft over its input: anything else (a
            // .docx, a web page, release XML) would be lost.
            std::string ext = fs::path(name).extension().string();
            input_format kind = communique::input_format_named(how.from).value_or(input_format::automatic);
            if (kind == input_format::automatic)
                kind = ext == ".docx" ? input_format::docx
                       : ext == ".html" || ext == ".htm" ? input_format::html
                                                         : communique::detect_input_format(in->bytes);
            if (kind != input_format::markdown) {
                fmt::print(stderr, "communique fmt: {}: is {}, not a draft; fmt rewrites Markdown drafts only "
                                   "(left as it is)\n",
                           name, communique::to_string(kind));
                status = exit_usage;
                continue;
            }
        }
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
        // The formatted draft must read to the same release, word for word
        // (dates to the same day, however they are written).
        result again = e->convert(formatted, xml);
        if (!again.ok() || without_date_text(again.outputs[0]) != without_date_text(r.outputs[1])) {
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
