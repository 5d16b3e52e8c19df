// Which engine checks which file: the nearest .communique.toml above a file
// (or the one given with --config) sets its options, the command line
// overrides them, and one engine is built per configuration and input
// format (--from, or a .docx, .html or .htm file's extension).
#pragma once

#include "batch/io.hpp"

#include <communique/communique.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace batch {

inline constexpr const char* config_name = ".communique.toml";

// The format an input is read as: --from's, or its extension's for the
// formats a file name tells reliably (.docx, .html, .htm), or automatic:
// left to its content.
communique::input_format input_format_of(const std::string& name, communique::input_format from);

// What is wrong with a configuration file (or why it cannot be read), as
// diagnostics on that file: rule `config` for its mistakes, `io` when it
// cannot be read.
struct config_problem {
    std::string file;
    std::string text;  // the file's content, for the source line under a human diagnostic
    std::vector<communique::diagnostic> diagnostics;
};

// The engines of a run, made on first use: one per configuration file and
// input format, shared by every input they apply to.
class engine_cache {
public:
    // `overrides` applies the command line's settings on top of a file's.
    // An explicit config path is used for every file.
    // `from` is --from's format; automatic reads .docx, .html and .htm files
    // by their extension and anything else by its content.
    // `base`: the options a configuration file is applied on top of.
    // `find_configs`: false reads no configuration file but the explicit one.
    engine_cache(std::optional<std::filesystem::path> explicit_config,
                 std::function<void(communique::options&)> overrides,
                 communique::input_format from = communique::input_format::automatic, communique::options base = {},
                 bool find_configs = true);

    // The engine for an input (by its path; "-" looks from the current
    // folder). What is wrong with a configuration is appended to `problems`
    // (once per configuration file, the first time an input needs it,
    // warnings included). When there is no engine, the problem says why
    // ("its configuration file X has errors") for the input's own
    // diagnostic; its rule is config when the configuration file was at
    // fault (what is wrong with it is then in `problems`), stylesheet when
    // the engine could not be built (a stylesheet it names cannot be
    // loaded). Nothing here prints.
    expected<const communique::engine*> for_input(const std::string& name, std::vector<config_problem>& problems);
    // The options the engine for_input() gave for `name` was made with.
    const communique::options* options_for_input(const std::string& name);

    // The configuration file that applies to an input: the explicit one, or
    // the nearest .communique.toml above it; nothing when there is none.
    std::optional<std::filesystem::path> config_for_input(const std::string& name);

private:
    std::optional<std::filesystem::path> find_config(const std::filesystem::path& folder);
    std::string config_key_of(const std::string& name);

    std::optional<std::filesystem::path> explicit_;
    std::function<void(communique::options&)> overrides_;
    communique::input_format from_;
    communique::options base_;
    bool find_configs_;
    // By the folder's path as a string: every input asks, and comparing
    // paths goes component by component.
    std::unordered_map<std::string, std::optional<std::filesystem::path>> config_of_folder_;
    // By the folder as an input's name writes it ("a/b/" of "a/b/c.md", ""
    // for "c.md", "-" for standard input).
    std::unordered_map<std::string, std::optional<std::filesystem::path>> config_of_written_folder_;
    // By configuration file ("" = none) and input format.
    std::map<std::string, std::unique_ptr<communique::engine>> by_config_;
    std::map<std::string, communique::options> options_by_key_;  // what each of by_config_ was made with
    std::map<std::string, communique::options> options_of_config_;  // as the file sets them
    // Why a configuration cannot be used (empty: it can), and whether that is
    // the configuration file's fault (reported as its diagnostics) or the
    // engine's (a stylesheet that cannot be loaded).
    struct failure {
        std::string why;
        bool in_file = false;
    };
    std::map<std::string, failure> broken_;
};

}  // namespace batch
