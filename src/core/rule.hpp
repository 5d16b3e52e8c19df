// The rules a diagnostic can name, as an enum made from core/rules.def (the
// one list of rule IDs): code names a rule as rule::dateline_missing, so a
// misspelt rule is a compile error, and rule_id() gives the stable ID string
// that diagnostics carry.
#pragma once

#include <communique/diagnostic.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace communique::detail {

enum class rule : std::uint8_t {
#define COMMUNIQUE_RULE(name, id, general, kh_ministry, description) name,
#include "core/rules.def"
#undef COMMUNIQUE_RULE
};

inline constexpr std::string_view rule_ids[] = {
#define COMMUNIQUE_RULE(name, id, general, kh_ministry, description) id,
#include "core/rules.def"
#undef COMMUNIQUE_RULE
};

// The stable ID of a rule, e.g. "dateline-missing".
constexpr std::string_view rule_id(rule r) noexcept { return rule_ids[static_cast<std::size_t>(r)]; }

// A diagnostic naming `r` (its ID is what the public API carries).
inline diagnostic make_diagnostic(severity level, rule r, std::string message, source_position begin = {},
                                  source_position end = {}) {
    return {level, std::string(rule_id(r)), std::move(message), begin, end};
}

}  // namespace communique::detail
