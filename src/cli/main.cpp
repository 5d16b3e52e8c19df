// The communique command: a thin shell over the library's engine.
#include "cli/output.hpp"

#include <communique/communique.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace communique;

namespace {

// Exit codes, as documented in the README.
constexpr int exit_ok = 0;       // every release valid (warnings allowed)
constexpr int exit_invalid = 1;  // at least one release has an error
constexpr int exit_usage = 2;    // bad command line, unreadable input, unwritable output

struct input {
    std::string name;  // as given; "-" is stdin
    std::string bytes;
};

// Reads one input; false (with a message) when it cannot be read.
bool read_input(const std::string& name, input& in) {
    in.name = name;
    if (name == "-") {
        in.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::error_code ec;
    if (fs::is_directory(name, ec)) {
        fmt::print(stderr, "communique: {}: is a directory\n", name);
        return false;
    }
    std::ifstream file(name, std::ios::binary);
    if (!file) {
        fmt::print(stderr, "communique: {}: cannot open: {}\n", name, std::strerror(errno));
        return false;
    }
    in.bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    if (file.bad()) {
        fmt::print(stderr, "communique: {}: read error\n", name);
        return false;
    }
    return true;
}

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

options make_options(const std::string& date_order_name) {
    options opts;
    opts.numeric_dates = date_order_name == "month-first" ? date_order::month_first : date_order::day_first;
    return opts;
}

int run_check(const std::vector<std::string>& files, const std::string& order, bool list_rules) {
    if (list_rules) {
        for (const rule_info& r : rules())
            fmt::print("{:<22} {:<8} {}\n", r.id, to_string(r.default_level), r.description);
        return exit_ok;
    }
    if (files.empty()) {
        fmt::print(stderr, "communique check: no files given (use - for standard input)\n");
        return exit_usage;
    }
    engine e(make_options(order));
    bool color = cli::use_color(stderr);
    int status = exit_ok;
    for (const std::string& name : files) {
        input in;
        if (!read_input(name, in)) {
            status = exit_usage;
            continue;
        }
        result r = e.check(in.bytes);
        cli::print_human(stderr, display_name(name), in.bytes, r.diagnostics, color);
        if (!r.ok() && status == exit_ok) status = exit_invalid;
    }
    return status;
}

// Writes bytes to path through a temporary file in the same folder, so that
// a reader never sees a half-written output.
bool write_atomically(const fs::path& path, std::string_view bytes) {
    fs::path tmp = path;
    tmp += fmt::format(".tmp-{}", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            fmt::print(stderr, "communique: {}: cannot write: {}\n", path.string(), std::strerror(errno));
            return false;
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            fmt::print(stderr, "communique: {}: write failed: {}\n", path.string(), std::strerror(errno));
            out.close();
            fs::remove(tmp);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fmt::print(stderr, "communique: {}: {}\n", path.string(), ec.message());
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

std::vector<std::string> split_formats(const std::vector<std::string>& to) {
    std::vector<std::string> names;
    for (const std::string& item : to) {
        std::stringstream ss(item);
        for (std::string name; std::getline(ss, name, ',');)
            if (!name.empty()) names.push_back(name);
    }
    return names;
}

int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out_dir,
                const std::string& order) {
    std::vector<std::string> names = split_formats(to);
    if (names.empty()) names.push_back("xml");
    for (const std::string& n : names) {
        bool known = false;
        for (const format_info& f : formats()) known |= f.name == n;
        if (!known) {
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
    engine e(make_options(order));
    bool color = cli::use_color(stderr);
    int status = exit_ok;
    for (const std::string& name : files) {
        input in;
        if (!read_input(name, in)) {
            status = exit_usage;
            continue;
        }
        result r = e.convert(in.bytes, names);
        cli::print_human(stderr, display_name(name), in.bytes, r.diagnostics, color);
        if (!r.ok()) {
            if (status == exit_ok) status = exit_invalid;
            continue;
        }
        if (to_stdout) {
            std::fwrite(r.outputs[0].data(), 1, r.outputs[0].size(), stdout);
            if (std::fflush(stdout) != 0) return exit_usage;
            continue;
        }
        std::string stem = name == "-" ? "stdin" : fs::path(name).stem().string();
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::string_view ext;
            for (const format_info& f : formats())
                if (f.name == names[i]) ext = f.extension;
            fs::path target = fs::path(out_dir) / (stem + std::string(ext));
            std::error_code ec;
            if (name != "-" && fs::exists(target, ec) && fs::equivalent(target, name, ec)) {
                fmt::print(stderr, "communique convert: {}: refusing to overwrite the input\n", target.string());
                return exit_usage;
            }
            if (!write_atomically(target, r.outputs[i])) status = exit_usage;
        }
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"communique: read, check and convert official press releases.\n"
                 "A release is a draft (plain text with Markdown emphasis) or canonical release XML."};
    app.set_version_flag("--version", std::string(version()));
    app.require_subcommand(1);

    std::string order = "day-first";
    auto add_date_order = [&](CLI::App* sub) {
        sub->add_option("--date-order", order, "How numeric dates like 12/04/2024 are read")
            ->check(CLI::IsMember({"day-first", "month-first"}))
            ->capture_default_str();
    };

    std::vector<std::string> files;
    bool list_rules = false;
    CLI::App* check = app.add_subcommand("check", "Check releases against the schema and the house rules");
    check->add_option("files", files, "Drafts or release XML files; - reads standard input");
    check->add_flag("--list-rules", list_rules, "List every rule ID with its default severity and exit");
    add_date_order(check);
    check->footer("Exit status: 0 all valid (warnings allowed), 1 some release has an error, 2 usage or I/O error.\n"
                  "Diagnostics go to standard error as file:line:col: severity[rule]: message.");

    std::vector<std::string> to;
    std::string out_dir;
    std::string format_help = "Output formats, comma-separated:";
    for (const format_info& f : formats()) format_help += fmt::format("\n  {:<6} {} ({})", f.name, f.description, f.extension);
    CLI::App* convert = app.add_subcommand("convert", "Convert releases to other formats");
    convert->add_option("files", files, "Drafts or release XML files; - reads standard input");
    convert->add_option("--to,-t", to, format_help)->delimiter(',')->default_str("xml");
    convert->add_option("-o,--output", out_dir, "Output folder (created if needed), or - for standard output")
        ->required();
    add_date_order(convert);
    convert->footer("Each input gives one file per format in the output folder, named after the input\n"
                    "(drafts/x.md -> OUT/x.xml). Invalid releases are reported and not written.\n"
                    "Exit status: 0 all converted, 1 some release invalid, 2 usage or I/O error.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    try {
        if (check->parsed()) return run_check(files, order, list_rules);
        if (convert->parsed()) return run_convert(files, to, out_dir, order);
    } catch (const std::exception& e) {
        fmt::print(stderr, "communique: {}\n", e.what());
        return exit_usage;
    }
    return exit_usage;
}
