#include "cli/commands.hpp"

#include "write/catalog.hpp"
#include "batch/configs.hpp"
#include "batch/inputs.hpp"
#include "batch/paths.hpp"
#include "batch/report.hpp"
#include "batch/runner.hpp"
#include "cli/console.hpp"
#include "cli/diff.hpp"
#include "cli/files.hpp"
#include "cli/signals.hpp"
#include "cli/writers_module.hpp"
#include "write/formats.hpp"

#include <communique/communique.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <deque>
#include <pthread.h>
#include <sched.h>
#include <exception>
#include <cstdio>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace fs = std::filesystem;
using namespace communique;

namespace cli {

namespace {

// "a=b" split at the first '='.
std::pair<std::string, std::string> split_pair(const std::string& item, const char* option, const char* usage) {
    std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
        throw std::invalid_argument(fmt::format("{} expects {}, got '{}'", option, usage, item));
    return {item.substr(0, eq), item.substr(eq + 1)};
}

// The catalog's parameters (every --param: its stylesheets take what they
// declare) and base URL, which must be an absolute http(s) URL.
communique::catalog_options catalog_options_of(const std::vector<std::string>& params,
                                               const std::optional<std::string>& base_url) {
    communique::catalog_options out;
    for (const std::string& item : params) {
        auto [name, value] = split_pair(item, "--param", "NAME=VALUE, e.g. lang=km");
        out.parameters[name] = value;
    }
    if (base_url) {
        if (!base_url->starts_with("https://") && !base_url->starts_with("http://"))
            throw std::invalid_argument(fmt::format("--base-url expects an absolute http or https URL, got '{}'",
                                                    *base_url));
        out.base_url = *base_url;
    }
    return out;
}

// The command line's settings, applied over a configuration file's.
std::function<void(options&)> overrides(const settings& cli_settings) {
    return [cli_settings](options& opts) {
        if (cli_settings.profile)  // checked by the parser
            opts.profile = *communique::house_profile_named(*cli_settings.profile);
        if (cli_settings.date_order)
            opts.numeric_dates =
                *cli_settings.date_order == "month-first" ? date_order::month_first : date_order::day_first;
        if (cli_settings.width) opts.text_width = *cli_settings.width;
        if (cli_settings.content) opts.html_content = *cli_settings.content;
        for (const std::string& item : cli_settings.stylesheets) {
            auto [format, path] = split_pair(item, "--stylesheet", "FORMAT=PATH, e.g. html=house.xsl");
            opts.stylesheets[format] = path;
        }
        for (const std::string& item : cli_settings.params) {
            auto [name, value] = split_pair(item, "--param", "NAME=VALUE, e.g. lang=km");
            opts.parameters[name] = value;
        }
        opts.readable_folders.insert(opts.readable_folders.end(), cli_settings.readable.begin(),
                                     cli_settings.readable.end());
        if (cli_settings.accept_invalid) opts.write_invalid = true;
        if (cli_settings.max_input_bytes) opts.max_input_bytes = *cli_settings.max_input_bytes;
        if (cli_settings.max_nesting) opts.max_nesting = *cli_settings.max_nesting;
        if (cli_settings.max_elements) opts.max_elements = *cli_settings.max_elements;
        if (cli_settings.max_pages) opts.max_pages = *cli_settings.max_pages;
    };
}

batch::engine_cache make_engines(const settings& cli_settings) {
    // Bad NAME=VALUE pairs are usage errors: find them before any input is read.
    options probe;
    overrides(cli_settings)(probe);
    std::optional<fs::path> config = cli_settings.config ? std::optional<fs::path>(*cli_settings.config) : std::nullopt;
    return batch::engine_cache(
        config, overrides(cli_settings),
        communique::input_format_named(cli_settings.from).value_or(communique::input_format::automatic));
}

bool has(std::span<const diagnostic> diags, severity level) {
    return std::any_of(diags.begin(), diags.end(), [&](const diagnostic& d) { return d.level == level; });
}

// What a quiet human report shows: what fails the run, nothing else.
std::vector<diagnostic> failing(std::span<const diagnostic> diags, bool fail_on_warning) {
    std::vector<diagnostic> out;
    for (const diagnostic& d : diags)
        if (d.level == severity::error || (fail_on_warning && d.level == severity::warning)) out.push_back(d);
    return out;
}

// An input's engine, its configuration's problems reported; nothing (after
// reporting why on the input) when the configuration cannot be used. The
// input is `shown` in the report (default: by its name).
template <class Report>
const engine* engine_for(batch::engine_cache& engines_by_config, const std::string& name, std::string_view text,
                         Report& report, const char* not_done, bool only_failing, const std::string& shown = {}) {
    std::vector<batch::config_problem> problems;
    expected<const engine*> e = engines_by_config.for_input(name, problems);
    for (const batch::config_problem& p : problems) {
        if (only_failing)
            report.add(p.file, p.text, failing(p.diagnostics, false));
        else
            report.add(p.file, p.text, p.diagnostics);
    }
    if (!e) {
        diagnostic d;
        d.rule = communique::detail::rule_id(communique::detail::rule::config);
        d.message = fmt::format("{}: {}", not_done, e.error().message);
        report.add(shown.empty() ? display_name(name) : shown, text, std::span(&d, 1));
        return nullptr;
    }
    return *e;
}

// An input's engine, its configuration's mistakes printed for people; an
// engine that could not be built (a stylesheet that cannot be loaded) is
// said once (`told` remembers).
const engine* engine_or_say_why(batch::engine_cache& engines_by_config, const std::string& name,
                                std::set<std::string>& told) {
    std::vector<batch::config_problem> problems;
    expected<const engine*> e = engines_by_config.for_input(name, problems);
    reporter r(report_format::human);
    for (const batch::config_problem& p : problems) r.add(p.file, p.text, p.diagnostics);
    if (e) return *e;
    // A configuration's mistakes are its diagnostics above.
    if (e.error().id != communique::detail::rule::config && told.insert(e.error().message).second)
        fmt::print(stderr, "communique: {}\n", e.error().message);
    return nullptr;
}

// An input as check and fmt see it: read from `path`, its configuration and
// format found from `key`, called `shown` in messages. They differ for
// standard input named with --stdin-filename.
struct named_input {
    std::string path, key, shown;
};

named_input name_input(const std::string& path, const std::optional<std::string>& stdin_filename) {
    if (path == "-" && stdin_filename) return {path, *stdin_filename, *stdin_filename};
    return {path, path, display_name(path)};
}

// --stdin-filename names standard input: without "-" it would name nothing.
bool stdin_named_in_vain(const char* command, const std::vector<std::string>& files,
                         const std::optional<std::string>& stdin_filename) {
    if (!stdin_filename || std::find(files.begin(), files.end(), "-") != files.end()) return false;
    fmt::print(stderr, "communique {}: --stdin-filename names standard input; give - among the files\n", command);
    return true;
}

// The files check reads for a folder given as an argument, walked as convert
// walks one. What the walk could not read is a diagnostic of the folder
// (rule io), as is a folder with nothing to check: errors, or warnings when
// the walk read everything (a symbolic link left alone; left out of the
// report unless `warnings`).
template <class Report>
std::vector<std::string> folder_inputs(const std::string& folder, const batch::walk_options& walk, bool warnings,
                                       Report& report, int& status) {
    std::vector<diagnostic> problems;
    batch::gathered found = batch::gather({folder}, std::nullopt, walk,
                                          [&](const std::string& m) { problems.push_back(io_diagnostic(m)); });
    if (found.jobs.empty() && !found.io_error)
        problems.push_back(io_diagnostic("no files to check in the folder (see --include, --exclude)"));
    const bool error = found.io_error || found.jobs.empty();
    for (diagnostic& d : problems) d.level = error ? severity::error : severity::warning;
    if (!problems.empty() && (error || warnings)) report.add(folder, {}, problems);
    if (error) status = exit_usage;
    std::vector<std::string> out;
    for (batch::job& j : found.jobs) out.push_back(std::move(j.path));
    return out;
}

}  // namespace

int list_rules() {
    // A rule's level under each profile, general first: what `profile` and
    // `--profile` choose between.
    auto level = [](std::optional<severity> s) { return s ? to_string(*s) : std::string_view("off"); };
    for (const rule_info& r : rules())
        fmt::print("{:<24} {:<8} {:<8} {}\n", r.id, level(r.level(house_profile::general)),
                   level(r.level(house_profile::kh_ministry)), r.description);
    return exit_ok;
}

namespace {

// What check says of one input (a file it cannot read, its configuration's
// mistakes, its diagnostics), held until the inputs before it are reported:
// inputs are checked on several threads but reported in the order given.
class held_report {
public:
    void add(std::string_view file, std::string_view text, std::span<const diagnostic> diagnostics) {
        entries_.push_back({std::string(file), std::string(text), {diagnostics.begin(), diagnostics.end()}});
    }
    void flush_to(reporter& report) const {
        for (const entry& e : entries_) report.add(e.file, e.text, e.diagnostics);
    }

private:
    struct entry {
        std::string file, text;
        std::vector<diagnostic> diagnostics;
    };
    std::vector<entry> entries_;
};

struct check_input {
    std::optional<std::string> path;  // none: only what walking a folder with nothing to check said
    named_input name;
    std::string bytes;
    const engine* checker = nullptr;  // null: not checked (said in `held`)
    result checked;
    std::exception_ptr failure;  // what a checking thread threw, thrown again on this one
    held_report held;  // what walking its folder said, then what reading it or its configuration did
};

}  // namespace

namespace {

// A core of its own for each of check's threads, among those the process may
// use, when there are enough. Linux wakes a thread on its waker's core when
// the cores share no cache (this project's VM), and check's threads meet
// twice a window: a sched_switch trace showed the two sharing one core for
// tens of milliseconds while the other stood idle. The command's thread
// gets its own mask back when the checking is done.
class cores_for_threads {
public:
    explicit cores_for_threads(std::size_t threads) {
        if (threads < 2 || ::sched_getaffinity(0, sizeof mask_, &mask_) != 0) return;
        for (int c = 0; c < CPU_SETSIZE && cores_.size() < threads; ++c)
            if (CPU_ISSET(c, &mask_)) cores_.push_back(c);
        if (cores_.size() < threads) cores_.clear();
    }
    ~cores_for_threads() {
        if (pinned_here_) (void)::pthread_setaffinity_np(::pthread_self(), sizeof mask_, &mask_);
    }
    cores_for_threads(const cores_for_threads&) = delete;
    cores_for_threads& operator=(const cores_for_threads&) = delete;

    // Keeps the calling thread, the k-th, to its core (the command's thread
    // is the 0th, and is given its mask back at the end).
    void keep(std::size_t k) {
        if (k >= cores_.size()) return;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cores_[k], &one);
        if (::pthread_setaffinity_np(::pthread_self(), sizeof one, &one) == 0 && k == 0) pinned_here_ = true;
    }

private:
    cpu_set_t mask_{};
    std::vector<int> cores_;
    bool pinned_here_ = false;
};

}  // namespace

int run_check(const std::vector<std::string>& files, const settings& cli_settings, const input_flags& inputs,
              report_format format, bool fail_on_warning, bool quiet) {
    if (files.empty()) {
        fmt::print(stderr, "communique check: no files given (use - for standard input)\n");
        return exit_usage;
    }
    if (stdin_named_in_vain("check", files, inputs.stdin_filename)) return exit_usage;
    batch::engine_cache engines_by_config = make_engines(cli_settings);
    reporter report(format);
    // Every error, a file that cannot be read or a configuration that
    // cannot be used too, is a diagnostic: json, sarif and github reports
    // then carry it.
    const bool only_failing = quiet && format == report_format::human;
    batch::walk_options walk;
    if (!inputs.include.empty()) walk.include = inputs.include;
    walk.exclude = inputs.exclude;
    walk.follow_symlinks = inputs.follow_symlinks;
    const unsigned threads = inputs.jobs > 0 ? inputs.jobs : std::max(1u, std::thread::hardware_concurrency());
    int status = exit_ok;
    // The inputs in order: each argument, or a folder's files in its place.
    // An argument is found to be a folder when it cannot be read as a file,
    // so that a file's path is walked once (by open), not twice.
    std::size_t next_arg = 0;
    std::deque<std::string> folder_files;  // of the folder reached last, not yet read
    held_report walked;                     // what walking it said, for its first file
    auto more = [&] { return next_arg < files.size() || !folder_files.empty(); };
    // A window at a time: read and given their engines in order on this
    // thread (the engine cache is not shared), checked on `threads` threads,
    // then reported in order. This thread is one of them: it reads the next
    // window first, then checks what the others have not taken, so that no
    // thread waits for the reading and no more threads run than asked. The
    // others live for the whole run: a thread's first check sets up its
    // parsing state, which threads started for each window paid again. The
    // first window has a file a thread, so that checking starts at once;
    // each window then doubles, up to 64 files a thread or 16 MiB read, so
    // that memory does not grow with the files (two windows are held).
    const std::size_t most_files = threads == 1 ? 1 : std::size_t{threads} * 64;
    constexpr std::size_t window_bytes = std::size_t{16} << 20;
    std::size_t window_files = threads;
    auto read_window = [&](std::vector<check_input>& into) {
        for (std::size_t bytes = 0; more() && into.size() < window_files && bytes < window_bytes;) {
            const bool in_folder = !folder_files.empty();
            std::string path;
            if (in_folder) {
                path = std::move(folder_files.front());
                folder_files.pop_front();
            } else {
                path = files[next_arg++];
            }
            check_input& c = into.emplace_back();
            c.held = std::move(walked);
            walked = {};
            c.name = name_input(path, inputs.stdin_filename);
            auto in = read_input(c.name.path);
            std::error_code ec;
            if (!in && !in_folder && path != "-" && fs::is_directory(path, ec)) {
                std::vector<std::string> found = folder_inputs(path, walk, !only_failing, c.held, status);
                if (found.empty()) continue;  // the entry holds what the walk said
                walked = std::move(c.held);
                into.pop_back();
                folder_files.assign(std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
                continue;
            }
            c.path = std::move(path);
            if (!in) {
                diagnostic d = in.error().at_level();
                c.held.add(c.name.shown, {}, std::span(&d, 1));
                status = exit_usage;
                continue;
            }
            c.bytes = std::move(in->bytes);
            bytes += c.bytes.size();
            c.checker = engine_for(engines_by_config, c.name.key, c.bytes, c.held, "not checked", only_failing,
                                   c.name.shown);
            if (!c.checker) status = exit_usage;
        }
        window_files = std::min(window_files * 2, most_files);
    };
    struct window {
        std::span<check_input> inputs;
        std::atomic<std::size_t> taken{0};
        bool last = false;
    } current;
    auto check_some = [&current] {
        for (std::size_t i; (i = current.taken.fetch_add(1)) < current.inputs.size();) {
            check_input& c = current.inputs[i];
            if (!c.checker) continue;
            try {
                c.checked = c.checker->check(c.bytes);
            } catch (...) {
                c.failure = std::current_exception();
            }
        }
    };
    // Each window: every thread arrives once when it is set out, once when
    // it is checked; after the last, the others leave. An exception on this
    // thread is thrown only where the others wait for the next window,
    // caught, and thrown again once they have left.
    std::vector<check_input> this_window, next_window;
    read_window(this_window);
    // No more threads than inputs: one file (a pre-commit hook, an editor)
    // starts none.
    const std::size_t checking = more() ? threads : std::min<std::size_t>(threads, this_window.size());
    std::barrier<> sync(static_cast<std::ptrdiff_t>(std::max<std::size_t>(checking, 1)));
    cores_for_threads cores(checking);
    cores.keep(0);
    std::vector<std::jthread> others;
    for (std::size_t t = 1; t < checking; ++t) {
        try {
            others.emplace_back([&, t] {
                cores.keep(t);
                for (;;) {
                    sync.arrive_and_wait();
                    if (current.last) return;
                    check_some();
                    sync.arrive_and_wait();
                }
            });
        } catch (const std::system_error&) {
            // No more threads to be had: the barrier waits for those started.
            for (std::size_t missing = t; missing < checking; ++missing) (void)sync.arrive_and_drop();
            break;
        }
    }
    std::exception_ptr failure;
    try {
        while (!this_window.empty()) {
            current.inputs = this_window;
            current.taken = 0;
            sync.arrive_and_wait();
            std::exception_ptr reading;  // thrown once this window is checked
            try {
                read_window(next_window);
            } catch (...) {
                reading = std::current_exception();
            }
            check_some();
            sync.arrive_and_wait();
            if (reading) std::rethrow_exception(reading);
            for (check_input& c : this_window) {
                if (c.failure) std::rethrow_exception(c.failure);
                c.held.flush_to(report);
                if (c.checker) {
                    const std::vector<diagnostic>& found = c.checked.diagnostics;
                    if (only_failing)
                        report.add(c.name.shown, c.bytes, failing(found, fail_on_warning));
                    else
                        report.add(c.name.shown, c.bytes, found);
                    bool failed = !c.checked.ok() || (fail_on_warning && has(found, severity::warning));
                    if (failed && status == exit_ok) status = exit_invalid;
                }
            }
            this_window.clear();  // the files' bytes and results are not kept past their window
            std::swap(this_window, next_window);
        }
    } catch (...) {
        failure = std::current_exception();
    }
    current.last = true;
    sync.arrive_and_wait();
    others.clear();  // joined
    if (failure) std::rethrow_exception(failure);
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

// Runs of spaces and tabs as one space.
std::string spaces_squeezed(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        bool space = c == ' ' || c == '\t';
        if (!space)
            out += c;
        else if (out.empty() || out.back() != ' ')
            out += ' ';
    }
    return out;
}

// Do two release XMLs say the same? Word for word, dates to the same day
// however they are written, and spacing aside: the canonical draft has one
// space where the draft may have had several.
bool same_release(std::string_view a, std::string_view b) {
    return spaces_squeezed(without_date_text(a)) == spaces_squeezed(without_date_text(b));
}

// The first line of the draft holding something the release leaves out and
// writing the canonical form would therefore delete: a line the reader took
// for a web page's (a page-remnant note), or an HTML comment with something
// in it (a note to the editors; fmt's own "<!-- -->" between two lists is
// empty). 0 when there is none.
std::uint32_t left_out_line(std::span<const diagnostic> diags, std::string_view draft) {
    for (const diagnostic& d : diags)
        if (d.rule == communique::detail::rule_id(communique::detail::rule::page_remnant))
            return std::max<std::uint32_t>(d.begin.line, 1);
    for (std::size_t at = draft.find("<!--"); at != std::string_view::npos; at = draft.find("<!--", at + 4)) {
        if (at > 0 && draft[at - 1] == '\\') continue;  // "\<!--" is text
        std::size_t end = draft.find("-->", at + 4);
        std::string_view inside = draft.substr(at + 4, end == std::string_view::npos ? end : end - at - 4);
        if (inside.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
        std::string_view above = draft.substr(0, at);
        return static_cast<std::uint32_t>(std::count(above.begin(), above.end(), '\n') + 1);
    }
    return 0;
}

// The canonical draft dressed as the draft was: with its byte order mark, if
// it had one, and with CRLF line ends if its first line ends so. fmt changes
// only what it says it changes.
std::string as_found(std::string_view formatted, std::string_view original) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    std::string out;
    if (original.starts_with(bom)) out += bom;
    std::size_t nl = original.find('\n');
    if (nl == std::string_view::npos || nl == 0 || original[nl - 1] != '\r') return out.append(formatted);
    out.reserve(formatted.size() + formatted.size() / 16);
    for (char c : formatted) {
        if (c == '\n') out += '\r';
        out += c;
    }
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

// --report for one release written to standard output or -o FILE: the
// report of a bulk run, with that one release; its output is `out` as given.
bool write_one_report(const std::string& file, const std::string& name, const std::string& format,
                      const std::string& out, const batch::release_result& r, double seconds) {
    batch::job j{name, batch::safe_relative(name == "-" ? "stdin" : fs::path(name).filename().string())};
    fs::path folder = fs::path(file).parent_path();
    batch::release_log log(folder.empty() ? fs::path(".") : folder, 1, true);
    log.record(0, j, r);
    batch::outcome o{r.state, r.io_error};
    batch::run_facts facts{out, {format}, 0, 0, 0, seconds};
    expected<void> written = batch::write_report(file, facts, std::span(&j, 1), std::span(&o, 1), log);
    if (!written) fmt::print(stderr, "communique convert: {}\n", written.error().message);
    return written.has_value();
}

// One release in one format, handed to `deliver` (standard output, or -o
// FILE): the command as it was before bulk runs, and as pandoc's -o. With
// `report_file`, what became of it is written there as --report does.
int convert_one(const std::string& name, const std::string& format, const std::string& out,
                const settings& cli_settings, bool quiet, const std::optional<std::string>& report_file,
                const std::function<int(const std::string&)>& deliver) {
    const auto t0 = std::chrono::steady_clock::now();
    batch::release_result outcome;
    auto finish = [&](int status) {
        outcome.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (report_file && !write_one_report(*report_file, name, format, out, outcome, outcome.ms / 1000))
            return exit_usage;
        return status;
    };
    auto failed_io = [&](const std::string& why) {
        outcome.state = batch::status::failed;
        outcome.io_error = true;
        outcome.error = why;
        return finish(exit_usage);
    };
    batch::engine_cache engines_by_config = make_engines(cli_settings);
    reporter report(report_format::human);
    auto in = read_input(name);
    if (!in) {
        diagnostic d = in.error().at_level();
        report.add(display_name(name), {}, std::span(&d, 1));
        return failed_io(in.error().message);
    }
    const engine* e = engine_for(engines_by_config, name, in->bytes, report, "not converted", quiet);
    if (!e) return failed_io("not converted: its configuration has errors");
    result r = e->convert(in->bytes, std::vector<std::string>{format});
    if (quiet)
        report.add(display_name(name), in->bytes, failing(r.diagnostics, false));
    else
        report.add(display_name(name), in->bytes, r.diagnostics);
    outcome.diagnostics = r.diagnostics;
    outcome.info = r.info;
    // Invalid: nothing written, unless --accept-invalid (then it is exit 0,
    // as in bulk runs: the user asked for it).
    if (r.outputs.empty()) {
        outcome.state = batch::status::failed;
        return finish(exit_invalid);
    }
    int status = deliver(r.outputs[0]);
    if (status != exit_ok) return failed_io(fmt::format("{}: cannot be written", out == "-" ? "<stdout>" : out));
    outcome.state = r.ok() ? batch::status::converted : batch::status::converted_invalid;
    outcome.outputs.emplace_back(format, out);
    return finish(exit_ok);
}

int write_stdout(const std::string& bytes) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        fmt::print(stderr, "communique convert: cannot write to standard output\n");
        return exit_usage;
    }
    return exit_ok;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// The format whose extension a file name ends with, the longest that fits
// (x.nitf.xml is nitf, x.xml xml); nothing for other names.
const format_info* format_of_name(const std::string& path) {
    std::string name = lower(fs::path(path).filename().string());
    const format_info* best = nullptr;
    for (const format_info& f : formats())
        if (name.size() > f.extension.size() && name.ends_with(f.extension) &&
            (!best || f.extension.size() > best->extension.size()))
            best = &f;
    return best;
}

// Does the file name suit the format? Its own extension, or one the
// format's ends with (NITF is XML: out.xml suits --to nitf).
bool name_suits(const std::string& path, const format_info& format, const format_info& by_name) {
    return lower(fs::path(path).filename().string()).ends_with(format.extension) ||
           format.extension.ends_with(by_name.extension);
}

// -o FILE: one input (not a folder), and a name with a format's extension
// that is not an existing folder. A trailing slash always means a folder.
const format_info* output_file_format(const std::vector<std::string>& files, const std::string& out,
                                      const convert_flags& flags) {
    if (files.size() != 1 || flags.files_from || out.empty() || out.back() == '/') return nullptr;
    std::error_code ec;
    if (files[0] != "-" && fs::is_directory(files[0], ec)) return nullptr;
    if (fs::is_directory(out, ec)) return nullptr;
    return format_of_name(out);
}

// The input and the output are the same file (by device and inode, so a
// symbolic link or `dir/../x.md` is seen through).
bool same_file(const std::string& input, const std::string& output) {
    struct stat a {}, b {};
    return input != "-" && ::stat(input.c_str(), &a) == 0 && ::stat(output.c_str(), &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int convert_to_file(const std::string& name, const std::string& format, const std::string& out,
                    const settings& cli_settings, const convert_flags& flags) {
    if (same_file(name, out)) {
        fmt::print(stderr, "communique convert: {}: refusing to overwrite the input\n", out);
        return exit_usage;
    }
    return convert_one(name, format, out, cli_settings, flags.quiet, flags.report, [&](const std::string& bytes) {
        fs::path target(out);
        std::error_code ec;
        if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
        if (ec) {
            fmt::print(stderr, "communique: {}: cannot create the folder: {}\n", target.parent_path().string(),
                       ec.message());
            return exit_usage;
        }
        expected<void> written = write_atomically(target, bytes);
        if (!written) say_problem(target.string(), written.error());
        return written ? exit_ok : exit_usage;
    });
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

void warn(const convert_flags& flags, const std::string& message) {
    if (!flags.quiet) fmt::print(stderr, "communique convert: warning: {}\n", message);
}

// Options that would do nothing say so: a stylesheet for a format not
// written, a --param no stylesheet in use declares, folder options when
// `single` (-o - or -o FILE) converts one input to one output.
void warn_unused(const settings& cli_settings, const std::vector<std::string>& formats, const convert_flags& flags,
                 const std::string& single) {
    auto written = [&](const std::string& format) {
        // A user's fo stylesheet serves the pdf format too (the table says pdf is rendered from fo).
        return std::any_of(formats.begin(), formats.end(), [&](const std::string& f) {
            const detail::format_entry* entry = detail::find_format(f);
            return f == format || (entry && entry->rendered_from && entry->rendered_from == std::string_view(format));
        });
    };
    for (const std::string& item : cli_settings.stylesheets) {
        auto [format, path] = split_pair(item, "--stylesheet", "FORMAT=PATH, e.g. html=house.xsl");
        if (!written(format))
            warn(flags, fmt::format("--stylesheet {}: not used, {} is not among the formats written ({})", item,
                                    format, joined(formats)));
    }
    if (!cli_settings.params.empty()) {
        options opts;
        overrides(cli_settings)(opts);
        std::optional<std::vector<std::string>> declared;
        try {
            declared = communique::detail::stylesheet_parameters(opts, formats, flags.catalog && single.empty());
        } catch (const std::exception&) {
            // A stylesheet that does not load: the conversion says why.
        }
        for (const std::string& item : cli_settings.params) {
            std::string name = split_pair(item, "--param", "NAME=VALUE, e.g. lang=km").first;
            if (declared && std::find(declared->begin(), declared->end(), name) == declared->end())
                warn(flags, fmt::format("--param {}: no stylesheet in use declares a parameter '{}' (formats: {}{}); "
                                        "not used",
                                        item, name, joined(formats), flags.catalog ? ", and the catalog" : ""));
        }
    }
    if (flags.base_url && !flags.catalog && single.empty())
        warn(flags, "--base-url is for the catalog's feed: not used without --catalog");
    if (single.empty()) return;
    std::vector<std::string> idle;
    if (!flags.include.empty()) idle.push_back("--include");
    if (!flags.exclude.empty()) idle.push_back("--exclude");
    if (flags.follow_symlinks) idle.push_back("--follow-symlinks");
    if (flags.jobs) idle.push_back("--jobs");
    if (flags.force) idle.push_back("--force");
    if (flags.base_url) idle.push_back("--base-url");
    if (!idle.empty())
        warn(flags, fmt::format("{} not used: {} converts one input to one output (they are for folders)",
                                joined(idle), single));
}

std::string signal_text(int signo) {
    return signo == 15 ? "SIGTERM" : signo == 2 ? "SIGINT" : fmt::format("signal {}", signo);
}

std::string catalog_summary(const fs::path& out_dir, std::size_t count) {
    using communique::detail::catalog_files;
    return fmt::format("catalog: {} release{} in {}, {}, {}", count, count == 1 ? "" : "s",
                       (out_dir / catalog_files[0]).string(), (out_dir / catalog_files[1]).string(),
                       (out_dir / catalog_files[2]).string());
}

std::string summary_line(const job_summary& sum, int signo, const job_options& opts) {
    std::size_t processed = sum.total - sum.not_started;
    std::string summary;
    if (signo) summary += fmt::format("interrupted by {}: ", signal_text(signo));
    if (opts.shard_count) summary += fmt::format("shard {}/{}: ", opts.shard_index, opts.shard_count);
    summary += fmt::format("{} converted", sum.converted);
    if (sum.converted_invalid)
        summary += fmt::format(", {} converted with errors (--accept-invalid)", sum.converted_invalid);
    summary += fmt::format(", {} skipped (up to date), {} failed", sum.up_to_date, sum.invalid + sum.failed);
    if (sum.not_started) summary += fmt::format(", {} not started", sum.not_started);
    summary += fmt::format(" in {:.1f} s ({:.1f} releases/s)", sum.seconds,
                           sum.seconds > 0 ? static_cast<double>(processed) / sum.seconds : 0.0);
    return summary;
}

// A bulk run (convert ... -o DIR): the job does the work; what it tells
// goes to the console, and the summary to standard output. The exit status
// is the job's, or 128 + the signal that interrupted it (130 Ctrl-C, 143
// SIGTERM).
int run_job(job_options opts, const settings& cli_settings, bool quiet) {
    const auto t0 = std::chrono::steady_clock::now();
    console out(::isatty(STDOUT_FILENO) == 1 && !quiet);
    job conversion(opts);
    conversion.on_message([&](std::string_view m) { out.error(m); });
    // -q: only what fails a release, and what is wrong with a configuration.
    auto is_config = [&](std::string_view file) {
        return fs::path(file).filename() == batch::config_name || (cli_settings.config && file == *cli_settings.config);
    };
    conversion.on_diagnostics([&](std::string_view file, std::string_view text, std::span<const diagnostic> diags) {
        if (quiet && !is_config(file))
            out.diagnostics(file, text, failing(diags, false));
        else
            out.diagnostics(file, text, diags);
    });
    bool told = false;
    conversion.on_progress([&](const job_progress& p) {
        if (stop_signals::caught() && !told) {
            out.error(fmt::format("{}: finishing the releases in progress (again to stop at once)",
                                  signal_text(stop_signals::caught())));
            told = true;
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        out.draw({p.done, p.total, p.failed, seconds});
    });
    job_summary sum;
    {
        stop_signals signals(conversion);
        sum = conversion.run();
    }
    out.clear();
    if (!sum.started) return exit_usage;  // the job said why
    const int signo = stop_signals::caught();

    std::string catalog_line;
    if (opts.catalog && !sum.finished) {
        catalog_line = "catalog: not written (the run did not finish)";
    } else if (sum.catalog_releases) {
        catalog_line = catalog_summary(opts.output_dir, *sum.catalog_releases);
        if (opts.shard_count) catalog_line += " (this shard only: merge the shards' reports with communique catalog)";
    }
    int status = signo ? 128 + signo : sum.status;
    if (sum.total == 0 && sum.all_shards > 0 && !quiet)
        out.error(fmt::format("shard {}/{} was empty: none of the {} releases falls to it", opts.shard_index,
                              opts.shard_count, sum.all_shards));
    // -q: nothing at all on success.
    if (!quiet || status != exit_ok) {
        fmt::print("{}\n", summary_line(sum, signo, opts));
        if (!catalog_line.empty()) fmt::print("{}\n", catalog_line);
    }
    std::fflush(stdout);
    return status;
}

}  // namespace

int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out,
                const settings& cli_settings, const convert_flags& flags) {
    std::vector<std::string> names;
    for (const std::string& n : to)
        if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    const bool to_given = !names.empty();
    if (!to_given) names.push_back("xml");
    for (const std::string& n : names) {
        if (!detail::find_format(n)) {
            fmt::print(stderr, "communique convert: unknown format '{}' (see communique convert --help)\n", n);
            return exit_usage;
        }
    }
    if (files.empty() && !flags.files_from) {
        fmt::print(stderr, "communique convert: no files given (use - for standard input)\n");
        return exit_usage;
    }
    if (out == "-") {
        if (files.size() != 1 || names.size() != 1 || flags.files_from) {
            fmt::print(stderr, "communique convert: -o - writes one result: give one file and one format\n");
            return exit_usage;
        }
        if (detail::find_format(names[0])->binary && ::isatty(STDOUT_FILENO) == 1) {
            fmt::print(stderr, "communique convert: {} is binary output to a terminal; redirect it or use -o FILE\n",
                       names[0]);
            return exit_usage;
        }
        for (auto [given, flag] : {std::pair{flags.catalog, "--catalog"}, std::pair{flags.shard.has_value(), "--shard"}}) {
            if (given) {
                fmt::print(stderr, "communique convert: {} needs an output folder, and -o - is standard output\n", flag);
                return exit_usage;
            }
        }
        warn_unused(cli_settings, names, flags, "-o -");
        return convert_one(files[0], names[0], "-", cli_settings, flags.quiet, flags.report, write_stdout);
    }
    if (const format_info* by_name = output_file_format(files, out, flags)) {
        // -o FILE, as pandoc's: the format is --to's, else the extension's;
        // when they disagree nothing is guessed.
        if (to_given && names.size() > 1) {
            fmt::print(stderr,
                       "communique convert: -o {} names one file, but --to asks for {} formats ({}); give one "
                       "format, or an output folder (-o DIR/)\n",
                       out, names.size(), joined(names));
            return exit_usage;
        }
        const format_info& format = to_given ? detail::find_format(names[0])->info : *by_name;
        if (!name_suits(out, format, *by_name)) {
            fmt::print(stderr,
                       "communique convert: -o {} has the extension of {} ({}), but --to asks for {} ({}); "
                       "name the file for one of them, or end -o with / for a folder\n",
                       out, by_name->name, by_name->extension, format.name, format.extension);
            return exit_usage;
        }
        for (auto [given, flag] : {std::pair{flags.catalog, "--catalog"}, std::pair{flags.shard.has_value(), "--shard"}}) {
            if (given) {
                fmt::print(stderr,
                           "communique convert: {} needs an output folder, and -o {} names a file (end it with / "
                           "for a folder)\n",
                           flag, out);
                return exit_usage;
            }
        }
        warn_unused(cli_settings, {std::string(format.name)}, flags, "-o " + out);
        return convert_to_file(files[0], std::string(format.name), out, cli_settings, flags);
    }
    if (flags.files_from && *flags.files_from == "-" && std::find(files.begin(), files.end(), "-") != files.end()) {
        fmt::print(stderr, "communique convert: standard input cannot be both --files-from - and an input\n");
        return exit_usage;
    }
    job_options opts;
    if (flags.shard) {
        auto shard = parse_shard(*flags.shard);
        if (!shard) {
            fmt::print(stderr, "communique convert: --shard expects K/N with 1 <= K <= N, got '{}'\n", *flags.shard);
            return exit_usage;
        }
        std::tie(opts.shard_index, opts.shard_count) = *shard;
    }
    opts.inputs = files;
    opts.files_from = flags.files_from.value_or("");
    opts.formats = names;
    opts.output_dir = out;
    opts.jobs = flags.jobs;
    opts.include = flags.include;
    opts.exclude = flags.exclude;
    opts.follow_symlinks = flags.follow_symlinks;
    opts.report = flags.report.value_or("");
    opts.force = flags.force;
    opts.catalog = flags.catalog;
    opts.catalog_settings = catalog_options_of(cli_settings.params, flags.base_url);
    opts.accept_invalid = cli_settings.accept_invalid;
    // Each input's nearest .communique.toml (or --config's), and the command
    // line over it.
    opts.engine.input = communique::input_format_named(cli_settings.from).value_or(input_format::automatic);
    opts.find_config_files = true;
    opts.config_file = cli_settings.config.value_or("");
    opts.adjust_options = overrides(cli_settings);
    warn_unused(cli_settings, names, flags, "");
    // Bad NAME=VALUE pairs are usage errors: found before any input is read.
    options probe;
    overrides(cli_settings)(probe);
    return run_job(std::move(opts), cli_settings, flags.quiet);
}

int run_catalog(const std::vector<std::string>& reports, const std::string& out_dir,
                const std::vector<std::string>& params, const std::optional<std::string>& base_url) {
    communique::catalog_options opts = catalog_options_of(params, base_url);
    if (!params.empty()) {
        std::vector<std::string> declared = communique::detail::stylesheet_parameters({}, {}, true);
        for (const auto& [name, value] : opts.parameters)
            if (std::find(declared.begin(), declared.end(), name) == declared.end())
                fmt::print(stderr, "communique catalog: warning: --param {}: the catalog's stylesheets declare no "
                                   "parameter '{}'; not used\n",
                           name, name);
    }
    console out(false);
    std::vector<communique::catalog_entry> entries;
    for (const std::string& file : reports) {
        if (expected<void> read = batch::read_report(file, entries); !read) {
            out.error(read.error().message);
            return exit_usage;
        }
    }
    // A release in several reports (a shard run twice): the last one given wins.
    std::unordered_map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < entries.size(); ++i) last[entries[i].source] = i;
    std::vector<communique::catalog_entry> unique;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (last[entries[i].source] == i) unique.push_back(std::move(entries[i]));

    const fs::path folder(out_dir);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder)) {
        out.error(fmt::format("{}: cannot create the output folder: {}", folder.string(),
                              ec ? ec.message() : "not a folder"));
        return exit_usage;
    }
    // The links are relative to the catalog: say so when they lead nowhere
    // (the shards' outputs have not been gathered under DIR yet).
    std::size_t missing = 0;
    for (const auto& e : unique)
        for (const auto& [format, path] : e.outputs)
            if (!fs::exists(folder / path, ec)) ++missing;
    if (missing > 0)
        out.error(fmt::format("warning: {} linked output{} not under {} (copy the shards' outputs there)", missing,
                              missing == 1 ? " is" : "s are", folder.string()));
    if (!batch::write_catalog_files(folder, communique::detail::catalog_span(unique), opts,
                                    [&](std::string_view m) { out.error(m); }))
        return exit_usage;
    fmt::print("{}\n", catalog_summary(folder, unique.size()));
    return exit_ok;
}

formatted_draft format_draft(const engine& e, std::string_view bytes) {
    // Only a release that reads cleanly is rewritten: formatting a broken
    // one could turn a typo (an unclosed **) into text.
    result r = e.convert(bytes, std::vector<std::string>{"draft", "xml"});
    const bool readable = r.ok() && r.outputs.size() == 2;
    formatted_draft f{formatted_draft::has_errors, {}, std::move(r.diagnostics)};
    if (!readable) return f;
    if ((f.left_out_line = left_out_line(f.diagnostics, bytes))) {
        f.outcome = formatted_draft::leaves_out_line;
        return f;
    }
    f.text = as_found(r.outputs[0], bytes);
    if (f.text == bytes) {
        f.outcome = formatted_draft::unchanged;
        return f;
    }
    // The formatted draft must read to the same release, word for word
    // (dates to the same day, however they are written; spacing aside).
    result again = e.convert(f.text, std::vector<std::string>{"xml"});
    bool same = again.ok() && same_release(again.outputs[0], r.outputs[1]);
    f.outcome = same ? formatted_draft::changed : formatted_draft::not_same_release;
    return f;
}

int run_fmt(const std::vector<std::string>& files, const settings& cli_settings, const fmt_flags& flags) {
    if (files.empty()) {
        fmt::print(stderr, "communique fmt: no files given (use - for standard input)\n");
        return exit_usage;
    }
    if (stdin_named_in_vain("fmt", files, flags.stdin_filename)) return exit_usage;
    batch::engine_cache engines_by_config = make_engines(cli_settings);
    std::set<std::string> told;
    reporter report(report_format::human);
    int status = exit_ok;
    for (const std::string& path : files) {
        const named_input name = name_input(path, flags.stdin_filename);
        // Standard input is formatted to standard output, unless only
        // checked; on any error nothing is written there.
        const bool to_stdout = path == "-" && !flags.check && !flags.diff;
        auto in = read_input(path);
        if (!in) say_problem(path, in.error());
        if (in) {
            // fmt writes a Markdown draft over its input: anything else (a
            // .docx, a web page, release XML) would be lost.
            input_format kind = batch::input_format_of(
                name.key, communique::input_format_named(cli_settings.from).value_or(input_format::automatic));
            if (kind == input_format::automatic) kind = communique::detect_input_format(in->bytes);
            if (kind != input_format::markdown) {
                fmt::print(stderr, "communique fmt: {}: is {}, not a draft; fmt rewrites Markdown drafts only "
                                   "(left as it is)\n",
                           name.shown, communique::to_string(kind));
                status = exit_usage;
                continue;
            }
        }
        const engine* e = in ? engine_or_say_why(engines_by_config, name.key, told) : nullptr;
        if (!e) {
            status = exit_usage;
            continue;
        }
        formatted_draft f = format_draft(*e, in->bytes);
        if (!flags.quiet) report.add(name.shown, in->bytes, f.diagnostics);
        if (f.outcome == formatted_draft::has_errors) {
            // -q (the pre-commit hook, beside communique check): the errors
            // are check's to show, once.
            if (flags.quiet)
                fmt::print(stderr, "communique fmt: {}: left as it is: it has errors (communique check shows them)\n",
                           name.shown);
            else
                fmt::print(stderr, "communique fmt: {}: left as it is (fix the errors above first)\n", name.shown);
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        if (f.outcome == formatted_draft::leaves_out_line) {
            fmt::print(stderr, "communique fmt: {}: left as it is: the release leaves out line {} (a comment, or text "
                               "read as a web page's), which the canonical form would delete\n",
                       name.shown, f.left_out_line);
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        const std::string& formatted = f.text;
        if (f.outcome == formatted_draft::unchanged) {
            if (to_stdout) std::fwrite(formatted.data(), 1, formatted.size(), stdout);
            continue;
        }
        if (f.outcome == formatted_draft::not_same_release) {
            fmt::print(stderr, "communique fmt: {}: the canonical form would not read back the same; left as it is "
                               "(please report this)\n",
                       name.shown);
            status = exit_usage;
            continue;
        }
        if (flags.check || flags.diff) {
            if (flags.diff)
                fmt::print("{}", unified_diff(name.shown, in->bytes, formatted));
            else
                fmt::print("{}: would be reformatted\n", name.shown);
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        // A write error on standard output is found (and reported) at exit.
        if (to_stdout) {
            std::fwrite(formatted.data(), 1, formatted.size(), stdout);
            continue;
        }
        std::error_code ec;
        fs::perms mode = fs::status(path, ec).permissions();
        expected<void> written = write_atomically(path, formatted, ec ? std::nullopt : std::optional<fs::perms>(mode));
        if (!written) {
            say_problem(path, written.error());
            status = exit_usage;
        }
    }
    return status;
}

}  // namespace cli
