// `communique preview FILE|DIR`: the release as it will be published, in a
// browser, following the draft as it is saved.
#pragma once

#include "cli/commands.hpp"

#include <string>

namespace cli {

// Serves FILE (or DIR's releases) on 127.0.0.1:port (0: any free port)
// until Ctrl-C or SIGTERM; 0 then, 2 when it cannot serve.
int run_preview(const std::string& target, unsigned port, bool open_browser, const settings& cli_settings);

}  // namespace cli
