// The manual page and the shell completions, made from the command's own
// option definitions (the CLI11 tree main.cpp builds), so that they say what
// --help says. Hidden options, run by the build:
//
//   communique --generate-man README.md           the communique(1) page, in roff
//   communique --generate-completion bash|zsh|fish a completion script
//
// The page's prose (exit codes, configuration, environment, files, examples)
// is taken from README.md's sections of those names, its one source.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cli {

// Is `word` (argv[1]) one of the hidden generator options? main then builds
// every subcommand's options, not only the chosen one's, and calls generate.
bool is_generator_option(std::string_view word);

// Prints to standard output what `args` (argv[1] on) asks for; the exit
// status: 0, or 2 (exit_usage) for a bad request or an unreadable README.
int generate(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace cli
