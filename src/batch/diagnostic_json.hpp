// A diagnostic as the command's JSON reports write it (check --format json,
// convert --report): lines and columns from 1, null when unknown.
#pragma once

#include <communique/communique.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

namespace batch {

inline nlohmann::ordered_json diagnostic_json(std::string_view file, const communique::diagnostic& d) {
    using json = nlohmann::ordered_json;
    auto position = [](std::uint32_t v) { return v == 0 ? json(nullptr) : json(v); };
    return {{"file", file},
            {"line", position(d.begin.line)},
            {"column", position(d.begin.column)},
            {"end_line", position(d.end.line)},
            {"end_column", position(d.end.column)},
            {"severity", communique::to_string(d.level)},
            {"rule", d.rule},
            {"message", d.message}};
}

}  // namespace batch
