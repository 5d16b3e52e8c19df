// House rules over the release tree, and the table of every rule ID that a
// diagnostic can carry, whichever stage reports it.
#pragma once

#include "tree/release.hpp"

#include <communique/communique.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace communique::detail {

// A release with thousands of one mistake is told the first of them and a
// count (the engine sorts every diagnostic, then keeps this many of each
// rule): the rest would bury every other diagnostic.
inline constexpr std::size_t listed_per_rule = 100;

// Diagnostics a rule counted without writing them, by rule ID: a rule that
// reports in document order writes its first listed_per_rule + 1 (the last
// one marks where the unlisted ones begin) and only counts the rest.
using unlisted_counts = std::map<std::string, std::size_t, std::less<>>;

// The rule table (also behind communique::rules()).
std::span<const rule_info> rule_table() noexcept;
const rule_info* find_rule(std::string_view id) noexcept;

// Structure rules: header, issuer, genre label, headline, body, dateline,
// and the house's lists of issuers and genre labels.
void check_structure(const release_tree& tree, const options& opts, std::vector<diagnostic>& out);

// Date rules: real dates, body dates not after the dateline. Dates come in
// document order: past the first listed_per_rule + 1 of a rule, they are
// counted in `unlisted` (a paragraph of 150,000 dates has as many warnings).
void check_dates(const release_tree& tree, std::vector<diagnostic>& out, unlisted_counts& unlisted);

}  // namespace communique::detail
