#include "check/rules.hpp"
#include "core/rule.hpp"

namespace communique::detail {

namespace {

// The levels of core/rules.def, as rule_info holds them.
#define COMMUNIQUE_LEVEL_error severity::error
#define COMMUNIQUE_LEVEL_warning severity::warning
#define COMMUNIQUE_LEVEL_note severity::note
#define COMMUNIQUE_LEVEL_off std::nullopt

constexpr rule_info table[] = {
#define COMMUNIQUE_RULE(name, id, general, kh_ministry, description) \
    {id, {COMMUNIQUE_LEVEL_##general, COMMUNIQUE_LEVEL_##kh_ministry}, description},
#include "core/rules.def"
#undef COMMUNIQUE_RULE
};

// The enum and the table come from the same list; this holds them to it.
static_assert(std::size(table) == std::size(rule_ids));
static_assert(table[static_cast<std::size_t>(rule::glyph_missing)].id == "glyph-missing");

}  // namespace

std::span<const rule_info> rule_table() noexcept { return table; }

const rule_info* find_rule(std::string_view id) noexcept {
    for (const rule_info& r : table)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace communique::detail
