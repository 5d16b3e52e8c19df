// Line breaking in two independent halves: where a line may end (ICU's
// line-break rules, with the Khmer, Thai, Lao and Burmese dictionaries) and
// where lines should end (Knuth and Plass's total-fit algorithm, which
// chooses all of a paragraph's breaks together so that its lines are evenly
// spaced; first-fit for paragraphs too long for it).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace communique::detail::pdf {

// Offsets at which a new line may start, ascending, ending with the text's
// size. ICU break iterators are not thread-safe: each thread keeps its own
// (one per language), cloned from one created once per process.
std::vector<std::uint32_t> break_opportunities(std::u16string_view text, const std::string& lang);

// Where a word may be hyphenated, by the TeX/LibreOffice patterns Debian
// ships for the language (/usr/share/hyphen/hyph_ll_CC.dic, read with
// libhyphen): offsets into `word` (letters only) before which a line may
// end with a hyphen, ascending, at least two letters from the word's start
// and three from its end. Empty for a language without patterns. Patterns
// are loaded once per process and language; any thread may ask.
std::vector<std::uint32_t> hyphenation_points(std::u16string_view word, const std::string& lang);

// Whether patterns exist for the language ("en", "en-GB", "fr", "id").
bool can_hyphenate(const std::string& lang);

// A place where a line may end. Totals run from the paragraph's start:
// *_to up to the end of a line ending here (spaces before the break left
// out), *_from up to where the following line begins (spaces skipped).
// The paragraph's start is candidate 0 (only its *_from totals are read);
// its end is the last candidate.
struct break_candidate {
    double width_to = 0, stretch_to = 0, shrink_to = 0;
    double width_from = 0, stretch_from = 0, shrink_from = 0;
    double penalty = 0;    // cost of breaking here (after a hyphen, inside a word or a phrase)
    // A cost that may choose between the ways of setting the paragraph in
    // as many lines as it takes without it, but never adds a line (parting
    // a person's name): where larger than `penalty`, it replaces it unless
    // that lengthens the paragraph. total_fit only.
    double soft_penalty = 0;
    bool flagged = false;  // the line ends with a hyphen: two in a row cost extra, three are not allowed
};

struct fit_params {
    double first_width = 0;  // the first line's measure (text-indent taken off)
    double width = 0;        // every other line's
    // Extra stretch every line has: 0 for justified text; for ragged
    // (start, centre, end) text the room a line may leave empty without
    // being "bad", which keeps ragged lines even too.
    double line_stretch = 0;
    bool justify_last = false;  // the last line is stretched too (text-align-last="justify")
    // The last line is weighed like the others instead of being free to end
    // short: centred text (a headline) then comes out in balanced lines.
    bool balance_last = false;
    // A last line holding a single piece (one word) narrower than this is
    // a runt: it costs runt_demerits, so that a better break before it
    // wins when one exists. 0: no such cost.
    double runt_width = 0;
};

struct line_fit {
    std::size_t end = 0;  // index of the candidate the line ends at
    double ratio = 0;     // how much of its stretch (> 0) or shrink (< 0) the line uses
};

// Total fit: minimises the sum of demerits over the paragraph (badness of
// each line, penalties, and changes between tight and loose lines). A line
// that cannot fit even when fully shrunk is allowed only when no other
// choice exists (a word wider than the measure), so a result always exists.
// A paragraph with soft penalties is set twice, with and without them; the
// setting with them is kept unless it has more lines.
std::vector<line_fit> total_fit(std::span<const break_candidate> candidates, const fit_params& params);

// total_fit without its first passes (which weigh only lines that are not
// too loose, and fall back on this when they cannot prove their answer the
// same): for tests, which compare the two.
std::vector<line_fit> total_fit_full_search(std::span<const break_candidate> candidates, const fit_params& params);

// First fit: each line takes as much as fits. For paragraphs with more
// break opportunities than total_fit should be asked to weigh.
std::vector<line_fit> first_fit(std::span<const break_candidate> candidates, const fit_params& params);

// Paragraphs with more candidates than this are set first-fit.
inline constexpr std::size_t total_fit_limit = 2000;

}  // namespace communique::detail::pdf
