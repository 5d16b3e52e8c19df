// How the command reports diagnostics: for people (human), for programs
// (json, sarif) and for CI annotations (github).
#pragma once

#include <communique/diagnostic.hpp>

#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace cli {

enum class report_format { human, json, sarif, github };

class reporter {
public:
    // Human reports go to standard error, the others to standard output.
    // Colour only for human reports on a terminal, and never with NO_COLOR.
    explicit reporter(report_format format);
    ~reporter();

    // The diagnostics of one file; `text` is the file's content (for the
    // source line under a human diagnostic).
    void add(std::string_view file, std::string_view text, std::span<const communique::diagnostic> diagnostics);
    // Writes what the format keeps until the end (json, sarif).
    void finish();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace cli
