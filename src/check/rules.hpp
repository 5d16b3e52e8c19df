// House rules over the release tree, and the table of every rule ID that a
// diagnostic can carry, whichever stage reports it.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

#include <vector>

namespace communique::detail {

// The rule table (also behind communique::rules()).
std::span<const rule_info> rule_table() noexcept;
const rule_info* find_rule(std::string_view id) noexcept;

// Structure rules: header, issuer, genre label, headline, body, dateline,
// and the house's lists of issuers and genre labels.
void check_structure(const release_tree& tree, const options& opts, std::vector<diagnostic>& out);

// Date rules: real dates, body dates not after the dateline.
void check_dates(const release_tree& tree, std::vector<diagnostic>& out);

}  // namespace communique::detail
