// The communique command: argument parsing around the subcommands.
#include "cli/commands.hpp"
#include "cli/lsp.hpp"
#include "cli/manual.hpp"
#include "cli/preview.hpp"

#include <communique/communique.hpp>

#include <CLI/CLI.hpp>
#include <cmark-gfm.h>
#include <fmt/core.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <unicode/uversion.h>

// The writers module's libraries, as their headers (the same Debian -dev
// packages the module was built with) say: reading them from the module
// would load it, and --version must stay as quick as check.
#if __has_include(<libxslt/xsltconfig.h>)
#include <libxslt/xsltconfig.h>
#endif
// Only the version macros are wanted, not the whole of hb.h or PoDoFo's
// headers: each lets its version header be read alone this way.
#if __has_include(<harfbuzz/hb-version.h>)
#define HB_NO_SINGLE_HEADER_ERROR
#include <harfbuzz/hb-version.h>
#endif
#if __has_include(<podofo/base/podofo_config.h>)
#define _PDF_COMPILERCOMPAT_H
#include <podofo/base/podofo_config.h>
#undef _PDF_COMPILERCOMPAT_H
#endif
#if __has_include(<fontconfig/fontconfig.h>)
#include <fontconfig/fontconfig.h>
#endif
#if __has_include(<zipconf.h>)
#include <zipconf.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr std::array<std::string_view, 6> subcommands{"check", "convert", "catalog", "fmt", "lsp", "preview"};

// communique's version, then the libraries': those linked into the command
// as they report themselves, those of the writers module and libzip (loaded
// on the first .docx) as the headers they were built with say.
std::string version_text() {
    std::string out = fmt::format("communique {}", communique::version());
    if (const char* v = xmlParserVersion) {  // "20914": 2.9.14
        long n = std::strtol(v, nullptr, 10);
        out += fmt::format("\nlibxml2 {}.{}.{}", n / 10000, n / 100 % 100, n % 100);
    }
    UVersionInfo icu{};
    char icu_text[U_MAX_VERSION_STRING_LENGTH] = {};
    u_getVersion(icu);
    u_versionToString(icu, icu_text);
    out += fmt::format("\nICU {}", icu_text);
    out += fmt::format("\ncmark-gfm {}", cmark_version_string());
#ifdef LIBXSLT_DOTTED_VERSION
    out += "\nlibxslt " LIBXSLT_DOTTED_VERSION " (writers module)";
#endif
#ifdef HB_VERSION_STRING
    out += "\nHarfBuzz " HB_VERSION_STRING " (writers module)";
#endif
#ifdef PODOFO_VERSION_MAJOR
    out += fmt::format("\nPoDoFo {}.{}.{} (writers module)", PODOFO_VERSION_MAJOR, PODOFO_VERSION_MINOR,
                       PODOFO_VERSION_PATCH);
#endif
#ifdef FC_MAJOR
    out += fmt::format("\nfontconfig {}.{}.{} (writers module)", FC_MAJOR, FC_MINOR, FC_REVISION);
#endif
#ifdef LIBZIP_VERSION
    out += "\nlibzip " LIBZIP_VERSION " (loaded on the first .docx)";
#endif
    return out;
}

// Edits with adjacent transpositions (Damerau's optimal string alignment):
// "chekc" is one edit from "check", as a typist sees it.
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// "unknown subcommand 'chek'; did you mean 'check'?" on standard error.
int unknown_subcommand(std::string_view word) {
    std::string_view best;
    std::size_t best_distance = 3;  // at most two edits, or a prefix
    for (std::string_view s : subcommands) {
        std::size_t d = word.size() >= 2 && s.starts_with(word) ? 1 : distance(word, s);
        if (d < best_distance && d < std::max<std::size_t>(s.size(), 2)) best = s, best_distance = d;
    }
    if (best.empty())
        fmt::print(stderr, "communique: unknown subcommand '{}'; the subcommands are check, convert, catalog, fmt, "
                           "lsp and preview (communique --help)\n",
                   word);
    else
        fmt::print(stderr, "communique: unknown subcommand '{}'; did you mean '{}'?\n", word, best);
    return cli::exit_usage;
}

bool is_subcommand(std::string_view word) {
    return std::find(subcommands.begin(), subcommands.end(), word) != subcommands.end();
}

}  // namespace

int main(int argc_in, char** argv_in) {
    using namespace cli;
    // `communique help [SUBCOMMAND]` is `communique [SUBCOMMAND] --help`.
    std::vector<char*> args(argv_in, argv_in + argc_in);
    static char help_flag[] = "--help";
    if (args.size() > 1 && std::string_view(args[1]) == "help") {
        if (args.size() > 2 && args[2][0] != '-') {
            if (!is_subcommand(args[2])) return unknown_subcommand(args[2]);
            args = {args[0], args[2], help_flag};
        } else {
            args = {args[0], help_flag};
        }
    }
    // A word where the subcommand belongs that is none: CLI11 would only say
    // that a subcommand is required.
    if (args.size() > 1 && args[1][0] != '-' && !is_subcommand(args[1])) return unknown_subcommand(args[1]);
    const int argc = static_cast<int>(args.size());
    char** argv = args.data();

    CLI::App app{"communique: read, check and convert official press releases.\n"
                 "A release is a draft (Markdown or plain text), a Word document (.docx), an HTML page\n"
                 "or canonical release XML."};
    app.set_version_flag("--version", version_text, "Print the version (and the libraries') and exit");
    app.require_subcommand(1);
    app.footer("communique help SUBCOMMAND is communique SUBCOMMAND --help.\n"
               "Exit status: 0 success, 1 a release is invalid, 2 usage, configuration or I/O error\n"
               "(convert: 130/143 when interrupted by Ctrl-C/SIGTERM).");

    settings cli_settings;
    std::vector<std::string> files;
    auto add_common = [&](CLI::App* sub, const char* files_help = "Drafts (Markdown or text), .docx, HTML pages or release XML files; - reads standard input") {
        sub->add_option("files", files, files_help);
        sub->add_option("--from,-f", cli_settings.from,
                        "What the inputs are written in: auto (default: .docx, .html and .htm files by their "
                        "extension, anything else by its content), markdown, docx, html or xml")
            ->check(CLI::IsMember({"auto", "markdown", "docx", "html", "xml"}));
        sub->add_option("--content", cli_settings.content,
                        "XPATH: the element of an HTML page that holds the release (default: <main>, <article>, "
                        "or the element with most of the text; also [html] content in .communique.toml)");
        sub->add_option("--config", cli_settings.config,
                        "Configuration file (default: the nearest .communique.toml above each file)");
        sub->add_option("--profile", cli_settings.profile,
                        "What a valid release must have: general (default: an issuer or a genre label, a headline, "
                        "a body, a dated dateline) or kh-ministry (national header, motto, issuer, genre, dateline "
                        "place and date all required); also profile in .communique.toml")
            ->check(CLI::IsMember({"general", "kh-ministry"}));
        sub->add_option("--date-order", cli_settings.date_order,
                        "How numeric dates like 12/04/2024 are read (default day-first)")
            ->check(CLI::IsMember({"day-first", "month-first"}));
        sub->add_option("--max-input-size", cli_settings.max_input_bytes,
                        "Refuse inputs larger than this (default 1MiB; e.g. 16MiB)")
            ->transform(CLI::AsSizeValue(false));
        sub->add_option("--max-depth", cli_settings.max_nesting,
                        "Refuse quotes and lists nested deeper than this (default 64)")
            ->check(CLI::Range(1u, 10000u));
        sub->add_option("--max-elements", cli_settings.max_elements,
                        "Refuse releases of more elements than this: paragraphs, list items, names, dates, links, "
                        "line breaks... (default 5000)")
            ->check(CLI::Range(1u, 100000000u));
    };

    // Every subcommand is named, but only the one on the command line gets
    // its options: CLI11 builds each option with its strings and validators,
    // and building all of them took longer than checking a draft.
    CLI::App* check = app.add_subcommand("check", "Check releases against the schema and the house rules");
    CLI::App* convert = app.add_subcommand("convert", "Convert releases (or whole archives) to other formats");
    CLI::App* catalog_cmd =
        app.add_subcommand("catalog", "Write one catalog from the reports of several convert runs (shards)");
    CLI::App* format_cmd = app.add_subcommand("fmt", "Rewrite drafts in the canonical draft form");
    const std::string_view chosen = argc > 1 ? argv[1] : "";
    // The manual page and the completions (hidden options, run by the build)
    // describe every subcommand: all of them get their options.
    const bool every = is_generator_option(chosen);

    // check and fmt: standard input's name; check: folders walked as convert walks them
    input_flags inputs;
    auto add_stdin_filename = [&](CLI::App* sub) {
        sub->add_option("--stdin-filename", inputs.stdin_filename,
                        "NAME: the name of standard input (-) in messages; its configuration is the\n"
                        "nearest .communique.toml above NAME, its format NAME's extension's");
    };

    // lsp
    CLI::App* lsp_cmd = app.add_subcommand("lsp", "Run the language server (LSP over standard input and output)");
    if (every || chosen == lsp_cmd->get_name()) {
        lsp_cmd->add_option("--config", cli_settings.config,
                            "Configuration file (default: the nearest .communique.toml above each document)");
        lsp_cmd->footer("Editors start it: see the README's Editors section for Neovim, Helix, Emacs and VS Code.\n"
                        "Exit status: 0 after shutdown and exit, 1 on exit without shutdown or when input ends.");
    }

    // preview
    CLI::App* preview_cmd =
        app.add_subcommand("preview", "Show a release in a browser, following the draft as it is saved");
    std::string preview_target;
    unsigned preview_port = 8040;
    bool preview_open = false;
    if (every || chosen == preview_cmd->get_name()) {
        preview_cmd->add_option("target", preview_target, "FILE|DIR: a release, or a folder of them (an index)")
            ->required();
        preview_cmd->add_option("--port", preview_port, "Port on 127.0.0.1 (0: any free one)")
            ->check(CLI::Range(0u, 65535u))
            ->capture_default_str();
        preview_cmd->add_flag("--open", preview_open, "Open the page in the desktop's browser (xdg-open)");
        preview_cmd->add_option("--config", cli_settings.config,
                                "Configuration file (default: the nearest .communique.toml above each file)");
        preview_cmd->footer("Serves on 127.0.0.1 only: the release as HTML (and PDF on a second tab), its\n"
                            "diagnostics at their lines; the page follows each save (inotify, Server-Sent\n"
                            "Events). Ctrl-C stops it.\n"
                            "Exit status: 0 stopped by Ctrl-C or SIGTERM, 2 cannot serve (port in use, no such file).");
    }

    // check
    bool rules_only = false, check_quiet = false;
    std::string format = "human", fail_on = "error";
    if (every || chosen == check->get_name()) {
        add_common(check, "Drafts (Markdown or text), .docx, HTML pages, release XML files or folders\n"
                          "(walked recursively, as convert walks them); - reads standard input");
        add_stdin_filename(check);
        check->add_option("--include", inputs.include,
                          "GLOB: check only files that match, when walking folders (repeatable;\n"
                          "default *.md *.markdown *.txt *.xml *.docx *.html *.htm). A glob with a / is matched\n"
                          "against the path below the walked folder, one without against the file name")
            ->allow_extra_args(false);
        check->add_option("--exclude", inputs.exclude, "GLOB: skip files and folders that match (repeatable)")
            ->allow_extra_args(false);
        check->add_flag("--follow-symlinks", inputs.follow_symlinks,
                        "Follow symbolic links when walking folders (each folder is walked once)");
        check->add_option("-j,--jobs", inputs.jobs,
                          every ? std::string("Threads checking files (default: one per core); the report keeps\n"
                                              "the order of the files")
                                : fmt::format("Threads checking files (default: one per core, {} here); the report\n"
                                              "keeps the order of the files",
                                              std::max(1u, std::thread::hardware_concurrency())))
            ->check(CLI::Range(1u, 4096u));
        check->add_flag("--list-rules", rules_only, "List every rule ID with its level under each profile (general, kh-ministry) and exit");
        check->add_option("--format", format,
                          "human: file:line:col: severity[rule]: message with the source line, on stderr\n"
                          "json: a versioned report on stdout; sarif: SARIF 2.1.0 on stdout;\n"
                          "github: workflow annotations on stdout")
            ->check(CLI::IsMember({"human", "json", "sarif", "github"}))
            ->capture_default_str();
        check->add_option("--fail-on", fail_on, "Exit 1 on errors only (error) or on warnings too (warning)")
            ->check(CLI::IsMember({"error", "warning"}))
            ->capture_default_str();
        check->add_flag("-q,--quiet", check_quiet,
                        "Print nothing on success: a human report shows only what fails the run (errors,\n"
                        "and warnings with --fail-on warning); json, sarif and github reports are whole");
        check->footer("A folder is walked like convert's: hidden files and folders, and folders holding a\n"
                      ".communique-manifest (convert's outputs), are skipped. A folder with nothing to\n"
                      "check is an error.\n"
                      "Exit status: 0 all valid (warnings allowed unless --fail-on warning), 1 some release\n"
                      "has an error, 2 usage, configuration or I/O error.");
    }

    // convert
    std::vector<std::string> to;
    std::string out_dir;
    convert_flags convert_args;
    if (every || chosen == convert->get_name()) {
        std::string format_help = "Output formats, comma-separated (default xml):";
        for (const communique::format_info& f : communique::formats())
            format_help += fmt::format("\n  {:<6} {} ({})", f.name, f.description, f.extension);
        add_common(convert, "Drafts, release XML files or folders (walked recursively); - reads standard input");
        // One value per occurrence (comma-separated or repeated), so that
        // `-t html,txt archive/` does not take the folder for a format.
        convert->add_option("--to,-t", to, format_help)->delimiter(',')->allow_extra_args(false);
        convert->add_option("-o,--output", out_dir,
                            "Output folder (created if needed), or - for standard output. With one input\n"
                            "file, a name with a format's extension (fish.html, x.nitf.xml, x.pdf) is the\n"
                            "output file itself, in --to's one format or else the extension's; a trailing\n"
                            "/ or an existing folder is always a folder")
            ->required();
        convert->add_option("--stylesheet", cli_settings.stylesheets,
                            "FORMAT=PATH: your own stylesheet for a format; it may\n"
                            "<xsl:import href=\"communique:xslt/html.xsl\"/> and override templates")
            ->allow_extra_args(false);
        convert->add_option("--param", cli_settings.params,
                            "NAME=VALUE: a string parameter for the stylesheets (page-size=a4|a5|letter for\n"
                            "pdf and fo; title=... for --catalog); a NAME no stylesheet in use declares is a\n"
                            "warning")
            ->allow_extra_args(false);
        convert->add_option("--allow-read", cli_settings.readable,
                            "A folder stylesheets may read with document() or xsl:include, besides their\n"
                            "own folder (nothing else is readable; stylesheets never write files or reach\n"
                            "the network)")
            ->allow_extra_args(false);
        convert->add_option("--max-pages", cli_settings.max_pages,
                            "Refuse a PDF longer than this many pages (default 500)")
            ->check(CLI::Range(1u, 100000u));
        convert->add_option("--width", cli_settings.width,
                            "Line width of the txt format in terminal columns (default 72)")
            ->check(CLI::Range(20u, 1000u));
        convert->add_option("-j,--jobs", convert_args.jobs,
                            every ? std::string("Worker threads (default: one per core)")
                                  : fmt::format("Worker threads (default: one per core, {} here)",
                                                std::max(1u, std::thread::hardware_concurrency())))
            ->check(CLI::Range(1u, 4096u));
        convert->add_option("--include", convert_args.include,
                            "GLOB: convert only files that match, when walking folders (repeatable;\n"
                            "default *.md *.markdown *.txt *.xml *.docx *.html *.htm). A glob with a / is matched against\n"
                            "the path below the walked folder, one without against the file name")
            ->allow_extra_args(false);
        convert->add_option("--exclude", convert_args.exclude, "GLOB: skip files and folders that match (repeatable)")
            ->allow_extra_args(false);
        convert->add_flag("--follow-symlinks", convert_args.follow_symlinks,
                          "Follow symbolic links when walking folders (each folder is walked once, so\n"
                          "link loops end)");
        convert->add_option("--files-from", convert_args.files_from,
                            "FILE: convert the files listed in FILE (- standard input), one a line or\n"
                            "NUL-separated (find -print0); each keeps its listed path under OUT");
        convert->add_option("--report", convert_args.report,
                            "FILE.json: write what became of every input (status, diagnostics, outputs,\n"
                            "time, release info; with -o - or -o FILE too); versioned, keys are only\n"
                            "ever added");
        convert->add_flag("--accept-invalid", cli_settings.accept_invalid,
                          "Convert releases that break house rules or the schema too, when they can be\n"
                          "read (reported as converted-invalid; they do not make the exit status 1)");
        convert->add_flag("--force", convert_args.force,
                          "Convert everything again, even what the manifest says is up to date");
        convert->add_flag("--catalog", convert_args.catalog,
                          "Also write OUT/index.html, OUT/catalog.json and OUT/feed.atom (Atom, newest 50);\n"
                          "--param title=... titles the page and the feed");
        convert->add_option("--base-url", convert_args.base_url,
                            "URL: where OUT is published (https://example.org/releases/); the feed's links\n"
                            "are then absolute, as feed readers need (with --catalog)");
        convert->add_option("--shard", convert_args.shard,
                            "K/N: convert only the K-th of N parts of the inputs (split by a hash of each\n"
                            "path, the same on every machine); merge shard reports with communique catalog");
        convert->add_flag("-q,--quiet", convert_args.quiet,
                          "Print nothing on success: no progress or summary line, no warnings or notes\n"
                          "(errors still go to standard error)");
        convert->footer("Each input gives one file per format in the output folder. A file argument is\n"
                        "named after the file (drafts/x.md -> OUT/x.html); a folder argument is walked and\n"
                        "its tree mirrored (archive/2019/03/x.md -> OUT/2019/03/x.html). Invalid releases\n"
                        "are reported and not written; outputs are written whole or not at all; an output\n"
                        "that would overwrite its input is refused. OUT/.communique-manifest records what\n"
                        "was converted from what, so a second run converts only what changed.\n"
                        "A folder given as its own output (convert drafts -o drafts) is converted in\n"
                        "place: the outputs go beside the drafts and are never read as inputs. Nothing\n"
                        "to convert (an empty folder, globs that match nothing) is an error.\n"
                        "Details: docs/bulk.md.\n"
                        "Exit status: 0 all converted or up to date, 1 some release invalid, 2 usage or\n"
                        "I/O error (unreadable input, unwritable output), 130/143 interrupted by\n"
                        "Ctrl-C/SIGTERM (the releases in progress are finished, the report is written).");
    }

    // catalog
    std::vector<std::string> reports, catalog_params;
    std::string catalog_dir;
    std::optional<std::string> catalog_base_url;
    if (every || chosen == catalog_cmd->get_name()) {
        catalog_cmd->add_option("reports", reports, "Reports written by convert --report")->required();
        catalog_cmd->add_option("-o,--output", catalog_dir,
                                "The folder the releases' outputs are in; index.html, catalog.json and\n"
                                "feed.atom are written there")
            ->required();
        catalog_cmd->add_option("--param", catalog_params,
                                "NAME=VALUE: a parameter of the catalog's stylesheets: title (of the page and\n"
                                "the feed), feed-id, limit (the feed's entries, default 50)")
            ->allow_extra_args(false);
        catalog_cmd->add_option("--base-url", catalog_base_url,
                                "URL: where DIR is published; the feed's links are then absolute");
        catalog_cmd->footer("Releases listed in several reports are taken from the last.\n"
                            "Exit status: 0 written, 2 a report cannot be read or the catalog written.");
    }

    // fmt
    fmt_flags fmt_args;
    if (every || chosen == format_cmd->get_name()) {
        add_common(format_cmd, "Markdown drafts, rewritten in place; - formats standard input to standard output");
        add_stdin_filename(format_cmd);
        format_cmd->add_flag("--check", fmt_args.check, "Only report which files would change (exit 1 if any)");
        format_cmd->add_flag("--diff", fmt_args.diff,
                             "Only show what would change, as a unified diff on standard output (exit 1\n"
                             "if anything would; patch -p0 applies it)");
        format_cmd->add_flag("-q,--quiet", fmt_args.quiet,
                             "Name a file left for its errors in one line, without the errors (communique\n"
                             "check shows them: the pre-commit hooks run both)");
        format_cmd->footer("The canonical form: blank lines, spacing (a run of spaces is one, no trailing\n"
                           "spaces), emphasis (**bold**, *italic*), list markers and escapes normalised.\n"
                           "Paragraphs stay in the order they were written; the byte order mark and CRLF\n"
                           "line ends stay as they were. A draft is rewritten only when it reads without\n"
                           "errors, when nothing of it would be deleted (a comment, a line read as a web\n"
                           "page's), and only when its canonical form reads back to the same release; files\n"
                           "are replaced atomically and keep their permissions.\n"
                           "Exit status: 0 nothing to do or all rewritten, 1 a file has errors, would lose\n"
                           "a line, or (with --check or --diff) would change, 2 usage or I/O error.");
    }

    if (every) return generate(app, std::vector<std::string>(argv + 1, argv + argc));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? exit_ok : exit_usage;
    }
    int status = exit_usage;
    try {
        if (check->parsed()) {
            report_format f = format == "json"    ? report_format::json
                              : format == "sarif" ? report_format::sarif
                              : format == "github" ? report_format::github
                                                   : report_format::human;
            status = rules_only ? list_rules()
                                : run_check(files, cli_settings, inputs, f, fail_on == "warning", check_quiet);
        } else if (convert->parsed()) {
            status = run_convert(files, to, out_dir, cli_settings, convert_args);
        } else if (catalog_cmd->parsed()) {
            status = run_catalog(reports, catalog_dir, catalog_params, catalog_base_url);
        } else if (format_cmd->parsed()) {
            fmt_args.stdin_filename = inputs.stdin_filename;
            status = run_fmt(files, cli_settings, fmt_args);
        } else if (lsp_cmd->parsed()) {
            status = run_lsp(cli_settings);
        } else if (preview_cmd->parsed()) {
            status = run_preview(preview_target, preview_port, preview_open, cli_settings);
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "communique: {}\n", e.what());
        status = exit_usage;
    }
    // A report that did not reach standard output (a full disk, a closed
    // pipe) must not pass for a clean run.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        fmt::print(stderr, "communique: cannot write standard output: {}\n", std::strerror(errno));
        return exit_usage;
    }
    return status;
}
