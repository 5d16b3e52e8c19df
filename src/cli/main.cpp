// The communique command: argument parsing around the subcommands.
#include "cli/commands.hpp"

#include <communique/communique.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

int main(int argc, char** argv) {
    using namespace cli;
    CLI::App app{"communique: read, check and convert official press releases.\n"
                 "A release is a draft (plain text with Markdown emphasis) or canonical release XML."};
    app.set_version_flag("--version", std::string(communique::version()));
    app.require_subcommand(1);
    app.footer("Exit status: 0 success, 1 a release is invalid, 2 usage, configuration or I/O error.");

    settings how;
    std::vector<std::string> files;
    auto add_common = [&](CLI::App* sub) {
        sub->add_option("files", files, "Drafts or release XML files; - reads standard input");
        sub->add_option("--config", how.config,
                        "Configuration file (default: the nearest .communique.toml above each file)");
        sub->add_option("--date-order", how.date_order, "How numeric dates like 12/04/2024 are read (default day-first)")
            ->check(CLI::IsMember({"day-first", "month-first"}));
    };

    // check
    bool rules_only = false;
    std::string format = "human", fail_on = "error";
    CLI::App* check = app.add_subcommand("check", "Check releases against the schema and the house rules");
    add_common(check);
    check->add_flag("--list-rules", rules_only, "List every rule ID with its default severity and exit");
    check->add_option("--format", format,
                      "human: file:line:col: severity[rule]: message with the source line, on stderr\n"
                      "json: a versioned report on stdout; sarif: SARIF 2.1.0 on stdout;\n"
                      "github: workflow annotations on stdout")
        ->check(CLI::IsMember({"human", "json", "sarif", "github"}))
        ->capture_default_str();
    check->add_option("--fail-on", fail_on, "Exit 1 on errors only (error) or on warnings too (warning)")
        ->check(CLI::IsMember({"error", "warning"}))
        ->capture_default_str();
    check->footer("Exit status: 0 all valid (warnings allowed unless --fail-on warning), 1 some release\n"
                  "has an error, 2 usage, configuration or I/O error.");

    // convert
    std::vector<std::string> to;
    std::string out_dir;
    std::string format_help = "Output formats, comma-separated (default xml):";
    for (const communique::format_info& f : communique::formats())
        format_help += fmt::format("\n  {:<6} {} ({})", f.name, f.description, f.extension);
    CLI::App* convert = app.add_subcommand("convert", "Convert releases to other formats");
    add_common(convert);
    convert->add_option("--to,-t", to, format_help)->delimiter(',');
    convert->add_option("-o,--output", out_dir, "Output folder (created if needed), or - for standard output")
        ->required();
    convert->add_option("--stylesheet", how.stylesheets,
                        "FORMAT=PATH: your own stylesheet for a format; it may\n"
                        "<xsl:import href=\"communique:xslt/html.xsl\"/> and override templates");
    convert->add_option("--param", how.params, "NAME=VALUE: a string parameter for the stylesheets");
    convert->add_option("--allow-read", how.readable,
                        "A folder stylesheets may read with document() or xsl:include (nothing else\n"
                        "is readable; stylesheets never write files or reach the network)");
    convert->add_option("--width", how.width, "Line width of the txt format in terminal columns (default 72)")
        ->check(CLI::Range(20u, 1000u));
    convert->footer("Each input gives one file per format in the output folder, named after the input\n"
                    "(drafts/x.md -> OUT/x.html, x.txt, x.xml, x.md, x.nitf.xml). Invalid releases are\n"
                    "reported and not written; outputs are written whole or not at all; an output that\n"
                    "would overwrite its input is refused.\n"
                    "Exit status: 0 all converted, 1 some release invalid, 2 usage or I/O error.");

    // fmt
    bool fmt_check = false;
    CLI::App* format_cmd = app.add_subcommand("fmt", "Rewrite drafts in the canonical draft form");
    add_common(format_cmd);
    format_cmd->add_flag("--check", fmt_check, "Only report which files would change (exit 1 if any)");
    format_cmd->footer("A draft is rewritten only when it reads without errors, and only when its\n"
                       "canonical form reads back to the same release; files are replaced atomically\n"
                       "and keep their permissions.\n"
                       "Exit status: 0 nothing to do or all rewritten, 1 a file has errors or (with\n"
                       "--check) would change, 2 usage or I/O error.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? exit_ok : exit_usage;
    }
    try {
        if (check->parsed()) {
            if (rules_only) return list_rules();
            report_format f = format == "json"    ? report_format::json
                              : format == "sarif" ? report_format::sarif
                              : format == "github" ? report_format::github
                                                   : report_format::human;
            return run_check(files, how, f, fail_on == "warning");
        }
        if (convert->parsed()) return run_convert(files, to, out_dir, how);
        if (format_cmd->parsed()) return run_fmt(files, how, fmt_check);
    } catch (const std::exception& e) {
        fmt::print(stderr, "communique: {}\n", e.what());
    }
    return exit_usage;
}
