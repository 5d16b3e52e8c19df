// The subcommands, each a short loop over its inputs around the engine.
#pragma once

#include "cli/report.hpp"

#include <communique/communique.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

// Exit codes, as documented in the README.
inline constexpr int exit_ok = 0;       // every release valid (warnings allowed)
inline constexpr int exit_invalid = 1;  // a release has an error (or, for fmt --check, would change)
inline constexpr int exit_usage = 2;    // bad command line or config, unreadable input, unwritable output

// What the command line says about reading and writing releases; unset
// values come from the configuration file, then from the defaults.
struct settings {
    std::optional<std::string> config;
    std::optional<std::string> date_order;  // "day-first" or "month-first"
    std::optional<std::string> profile;     // --profile: general or kh-ministry
    std::string from = "auto";              // --from: auto, markdown, docx, html or xml
    std::optional<std::string> content;     // --content: XPath of the release in HTML pages
    std::optional<unsigned> width;
    std::vector<std::string> stylesheets;  // FORMAT=PATH
    std::vector<std::string> params;       // NAME=VALUE
    std::vector<std::string> readable;     // folders stylesheets may read
    bool accept_invalid = false;           // convert: options::write_invalid
    // Limits (options::max_*), raised for the odd huge release.
    std::optional<std::size_t> max_input_bytes;
    std::optional<unsigned> max_nesting;
    std::optional<unsigned> max_elements;
    std::optional<unsigned> max_pages;
};

// convert's bulk options (docs/bulk.md); the defaults convert every input.
struct convert_flags {
    unsigned jobs = 0;  // worker threads; 0: one per core
    std::vector<std::string> include, exclude;
    bool follow_symlinks = false;
    std::optional<std::string> files_from;
    std::optional<std::string> report;
    std::optional<std::string> shard;  // "K/N"
    bool force = false;
    bool catalog = false;
    bool quiet = false;
    std::optional<std::string> base_url;  // --base-url, for the catalog's feed
};

// check's and fmt's inputs: folders are walked as convert walks them (the
// same globs, the same folders left out), standard input may be named.
struct input_flags {
    std::vector<std::string> include, exclude;  // empty include: convert's defaults
    bool follow_symlinks = false;
    // The name of standard input ("-") in diagnostics, and the path its
    // configuration file and its format are found from.
    std::optional<std::string> stdin_filename;
    unsigned jobs = 0;  // check's threads; 0: one per core
};

// fmt's flags; with check or diff no file is written.
struct fmt_flags {
    bool check = false;  // list the files that would change
    bool diff = false;   // show the changes as a unified diff
    std::optional<std::string> stdin_filename;  // as input_flags'
    // A file left for its errors is named, its diagnostics not shown
    // (communique check shows them: the pre-commit hooks run both).
    bool quiet = false;
};

// quiet: a human report shows only what fails the run (errors, and warnings
// with --fail-on warning), so that a successful run prints nothing.
int run_check(const std::vector<std::string>& files, const settings& cli_settings, const input_flags& inputs,
              report_format format, bool fail_on_warning, bool quiet = false);
int list_rules();
// `out` is a folder, "-" (standard output), or, with one input file, the
// output file itself when its extension is a format's (fish.html).
int run_convert(const std::vector<std::string>& files, const std::vector<std::string>& to, const std::string& out,
                const settings& cli_settings, const convert_flags& flags);
int run_catalog(const std::vector<std::string>& reports, const std::string& out_dir,
                const std::vector<std::string>& params, const std::optional<std::string>& base_url);
// Files are rewritten in place; "-" is formatted from standard input to
// standard output.
// What fmt makes of a draft: its canonical form (`text`) when the draft
// reads without errors, leaves no line out, and that form reads back to the
// same release.
struct formatted_draft {
    enum { has_errors, leaves_out_line, unchanged, changed, not_same_release } outcome;
    std::string text;  // the canonical form, when unchanged, changed or not_same_release
    std::vector<communique::diagnostic> diagnostics;
    std::uint32_t left_out_line = 0;  // leaves_out_line: the first line the release leaves out
};
formatted_draft format_draft(const communique::engine& e, std::string_view bytes);

int run_fmt(const std::vector<std::string>& files, const settings& cli_settings, const fmt_flags& flags);

}  // namespace cli
