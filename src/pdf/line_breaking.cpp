#include "pdf/line_breaking.hpp"

#include <hyphen.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace communique::detail::pdf {

// ---- break opportunities -------------------------------------------------------------------

namespace {

// Prototypes made once per process per language (creating one loads rule
// and dictionary data); threads clone them.
std::unique_ptr<icu::BreakIterator> make_iterator(const std::string& lang) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<icu::BreakIterator>> prototypes;
    std::lock_guard lock(mutex);
    auto it = prototypes.find(lang);
    if (it == prototypes.end()) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> bi(
            icu::BreakIterator::createLineInstance(icu::Locale::forLanguageTag(lang, status), status));
        if (U_FAILURE(status)) {
            status = U_ZERO_ERROR;
            bi.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
        }
        if (U_FAILURE(status)) bi.reset();
        it = prototypes.emplace(lang, std::move(bi)).first;
    }
    return it->second ? std::unique_ptr<icu::BreakIterator>(it->second->clone()) : nullptr;
}

icu::BreakIterator* thread_iterator(const std::string& lang) {
    thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
    auto it = iterators.find(lang);
    if (it == iterators.end()) it = iterators.emplace(lang, make_iterator(lang)).first;
    return it->second.get();
}

}  // namespace

std::vector<std::uint32_t> break_opportunities(std::u16string_view text, const std::string& lang) {
    std::vector<std::uint32_t> out;
    icu::BreakIterator* bi = thread_iterator(lang);
    if (bi && !text.empty()) {
        // An alias: ICU reads the caller's buffer, nothing is copied.
        icu::UnicodeString s(false, text.data(), static_cast<int32_t>(text.size()));
        bi->setText(s);
        for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next())
            out.push_back(static_cast<std::uint32_t>(b));
        // Drop the alias before the caller's buffer goes away.
        bi->setText(icu::UnicodeString());
    }
    if (out.empty() || out.back() != text.size()) out.push_back(static_cast<std::uint32_t>(text.size()));
    return out;
}

// ---- hyphenation ----------------------------------------------------------------------------

namespace {

struct dict_deleter {
    void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
};

// The patterns for a language: hyph_ll_CC.dic for "ll-CC", else
// hyph_ll.dic, else hyph_ll_LL.dic (Indonesian ships only hyph_id_ID.dic).
// Loaded once per process; libhyphen only reads a dictionary once loaded,
// so threads share it.
const HyphenDict* load_dictionary(const std::string& lang) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<HyphenDict, dict_deleter>> loaded;
    std::lock_guard lock(mutex);
    auto it = loaded.find(lang);
    if (it != loaded.end()) return it->second.get();
    std::string ll, cc;
    const std::size_t dash = lang.find_first_of("-_");
    ll = lang.substr(0, dash);
    for (char& c : ll) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (dash != std::string::npos) {
        // The region: the last subtag of two letters ("en-Latn-GB" -> GB).
        for (std::size_t at = dash; at != std::string::npos;) {
            const std::size_t next = lang.find_first_of("-_", at + 1);
            const std::string tag = lang.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
            if (tag.size() == 2) {
                cc = tag;
                for (char& c : cc) c = char(std::toupper(static_cast<unsigned char>(c)));
            }
            at = next;
        }
    }
    std::string upper = ll;
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    std::unique_ptr<HyphenDict, dict_deleter> dict;
    const bool plain = !ll.empty() && std::all_of(ll.begin(), ll.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (plain) {
        std::vector<std::string> names;
        if (!cc.empty()) names.push_back(ll + "_" + cc);
        names.push_back(ll);
        names.push_back(ll + "_" + upper);
        for (const std::string& name : names) {
            const std::string path = "/usr/share/hyphen/hyph_" + name + ".dic";
            dict.reset(hnj_hyphen_load(path.c_str()));
            if (dict) break;
        }
    }
    return loaded.emplace(lang, std::move(dict)).first->second.get();
}

// Each thread remembers the answers it got, without taking the lock again.
const HyphenDict* dictionary(const std::string& lang) {
    thread_local std::map<std::string, const HyphenDict*, std::less<>> known;
    auto it = known.find(lang);
    if (it == known.end()) it = known.emplace(lang, load_dictionary(lang)).first;
    return it->second;
}

// The word lower-cased in the dictionary's encoding (UTF-8, or ISO 8859-1);
// false when it cannot be written. Every character is one code point, so
// libhyphen's answers, which it gives per character (it folds UTF-8 bytes
// back into characters), are indexed like the word.
bool encode(std::u16string_view word, bool utf8, std::string& out) {
    for (char16_t u : word) {
        if (U16_IS_SURROGATE(u)) return false;
        const auto c = static_cast<UChar32>(u_tolower(u));
        if (c > 0xFFFF) return false;
        if (!utf8) {
            if (c > 0xFF) return false;
            out += char(c);
        } else if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return true;
}

}  // namespace

bool can_hyphenate(const std::string& lang) { return dictionary(lang) != nullptr; }

namespace {

std::vector<std::uint32_t> hyphenate(std::u16string_view word, const std::string& lang) {
    std::vector<std::uint32_t> out;
    constexpr std::size_t left_min = 2, right_min = 3;  // TeX's \lefthyphenmin and \righthyphenmin for English
    if (word.size() < left_min + right_min) return out;
    const HyphenDict* dict = dictionary(lang);
    if (!dict) return out;
    std::string bytes;
    if (!encode(word, std::strcmp(dict->cset, "UTF-8") == 0, bytes)) return out;
    std::vector<char> hyphens(bytes.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    // libhyphen's signature is not const-correct; it does not change the dictionary.
    hnj_hyphen_hyphenate3(const_cast<HyphenDict*>(dict), bytes.data(), int(bytes.size()), hyphens.data(), nullptr,
                          &rep, &pos, &cut, int(left_min), int(right_min), int(left_min), int(right_min));
    for (std::size_t k = left_min - 1; k + right_min < word.size(); ++k) {
        // Odd: a break after this character. A non-standard one (a
        // replacement, as in German "ck" -> "k-k") is not taken.
        if ((hyphens[k] & 1) && !(rep && rep[k])) out.push_back(static_cast<std::uint32_t>(k + 1));
    }
    if (rep) {
        for (std::size_t i = 0; i < bytes.size(); ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return out;
}

}  // namespace

std::vector<std::uint32_t> hyphenation_points(std::u16string_view word, const std::string& lang) {
    // Releases repeat their words (and a batch its releases' words): each
    // thread keeps the answers, forgetting them all when it holds many.
    thread_local std::unordered_map<std::u16string, std::vector<std::uint32_t>> known;
    std::u16string key(lang.begin(), lang.end());
    key += u'\0';
    key += word;
    auto it = known.find(key);
    if (it != known.end()) return it->second;
    if (known.size() >= 50000) known.clear();
    return known.emplace(std::move(key), hyphenate(word, lang)).first->second;
}

// ---- choosing the breaks ---------------------------------------------------------------------

namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();
constexpr double line_penalty = 10;      // Knuth's \linepenalty: prefers fewer lines
constexpr double flagged_demerits = 3000;  // two hyphen breaks in a row
constexpr double fitness_demerits = 100;   // a tight line next to a loose one
constexpr double overfull_demerits = 1e10;  // a line wider than the measure
constexpr int max_flagged_run = 2;          // hyphenated lines in a row, at most
constexpr double runt_demerits = 10000;     // a paragraph ending in one short word alone

struct measured {
    double ratio = 0;
    bool overfull = false;
};

// Inlined: best_fit calls it for every line it weighs.
[[gnu::always_inline]] inline measured measure(const break_candidate& from, const break_candidate& to, double width,
                                               const fit_params& p, bool last) {
    const double natural = to.width_to - from.width_from;
    const double stretch = to.stretch_to - from.stretch_from + p.line_stretch;
    const double shrink = to.shrink_to - from.shrink_from;
    measured m;
    if (natural > width + 1e-9) {
        m.ratio = shrink > 0 ? (width - natural) / shrink : -infinite;
        m.overfull = m.ratio < -1;
    } else if (last && !p.justify_last && !p.balance_last) {
        m.ratio = 0;  // the last line ends short, as it should
    } else if (natural < width - 1e-9) {
        m.ratio = stretch > 0 ? (width - natural) / stretch : infinite;
    }
    return m;
}

double badness(double ratio) {
    if (std::isinf(ratio)) return 10000;
    const double r = std::abs(ratio);
    return std::min(10000.0, 100 * r * r * r);
}

int fitness_class(double ratio) {
    if (ratio < -0.5) return 0;  // tight
    if (ratio <= 0.5) return 1;  // decent
    if (ratio <= 1) return 2;    // loose
    return 3;                    // very loose
}

struct fit_node {
    std::size_t candidate = 0;
    std::size_t previous = 0;  // index into the node list
    std::size_t line = 0;      // lines up to here
    int fitness = 1;
    int flagged_run = 0;  // lines ending with a hyphen in a row, up to here
    double ratio = 0;
    double demerits = 0;
};

}  // namespace

namespace {

struct fit_result {
    std::vector<line_fit> lines;
    double demerits = infinite;  // the chosen setting's; infinite when none was found
};

// Total fit, with the soft penalties weighed or not. Lines whose badness
// exceeds `tolerance` are not weighed (overfull ones still are): with
// `infinite`, every setting is. `ordered`: no candidate's width_from or
// stretch_from is less than the one before it's.
fit_result best_fit(std::span<const break_candidate> c, const fit_params& p, bool soft, double tolerance,
                    bool ordered) {
    fit_result result;
    std::vector<line_fit>& out = result.lines;
    if (c.size() < 2) return result;
    // Kept from one paragraph to the next: growing them anew for each cost
    // more than the search itself.
    thread_local std::vector<fit_node> nodes;
    thread_local std::vector<std::size_t> active;
    nodes.assign(1, fit_node{});
    active.assign(1, 0);
    const std::size_t last = c.size() - 1;

    for (std::size_t b = 1; b <= last; ++b) {
        const break_candidate& to = c[b];
        const bool at_end = b == last;
        // What breaking at b costs, the same for every line ending there.
        const double penalty = soft ? std::max(to.penalty, to.soft_penalty) : to.penalty;
        const double penalty_squared = penalty * penalty;
        // The best way to reach b for each fitness class and each count of
        // hyphenated lines in a row ending at b (kept apart so that a
        // cheaper path with two in a row does not hide one with fewer),
        // by fitness * (max_flagged_run + 1) + run. Only the slots marked
        // in `filled` hold a value: b is reached by few of them, and
        // setting all of them up for every b cost more than using them.
        constexpr int slots = 4 * (max_flagged_run + 1);
        struct best {
            double demerits;
            std::size_t from;
            double ratio;
        } best_by_class[slots];
        unsigned filled = 0;
        // Nodes that stay active are compacted in place, in order (one pass
        // instead of an erase per deactivated node).
        std::size_t kept = 0;
        // A line from a candidate to b costs the same whichever node at
        // that candidate it follows (nodes there differ only in fitness,
        // hyphens in a row and demerits so far): it is worked out once per
        // candidate, active nodes at one candidate being neighbours. The
        // terms are added in the same order as before, so every sum is bit
        // for bit what it was.
        struct line_cost {
            std::size_t from = SIZE_MAX;  // the candidate the line starts at
            double ratio = 0;
            bool deactivate = false, skip = false, runt = false;
            bool loose = false;  // looser than the tolerance: not weighed, a stays active
            double extra = 0;
            int fit = 1;
            double demerits = 0;  // badness, penalty and two hyphens in a row
        } lc;
        for (std::size_t k = 0; k < active.size(); ++k) {
            const std::size_t index = active[k];
            const fit_node& a = nodes[index];
            if (a.candidate != lc.from) {
                const break_candidate& from = c[a.candidate];
                lc.from = a.candidate;
                lc.deactivate = lc.skip = false;
                lc.extra = 0;
                // Only node 0 (candidate 0) starts the first line.
                const double width = a.line == 0 ? p.first_width : p.width;
                measured m = measure(from, to, width, p, at_end);
                if (m.overfull) {
                    lc.deactivate = true;
                    // A line from a to its very next break is allowed even
                    // when too wide: nothing narrower exists.
                    lc.skip = b != a.candidate + 1;
                    m.ratio = -1;
                    lc.extra = overfull_demerits;
                }
                lc.ratio = m.ratio;
                const double bad = badness(m.ratio);
                lc.loose = !m.overfull && m.ratio > 0 && bad > tolerance;
                const double base = line_penalty + bad;
                double d = base * base;
                if (penalty > 0) d += penalty_squared;
                else if (penalty < 0) d -= penalty_squared;
                if (to.flagged && from.flagged) d += flagged_demerits;
                lc.demerits = d;
                lc.fit = fitness_class(m.ratio);
                lc.runt = at_end && b == a.candidate + 1 && a.candidate != 0 &&
                          to.width_to - from.width_from < p.runt_width;
            }
            if (lc.skip) continue;
            if (lc.loose) {
                if (ordered && a.candidate != 0) {
                    // Where the totals after each break only grow, a line
                    // from a later candidate to b is no wider and has no
                    // more stretch, so it is at least as loose (the first
                    // line, with its own measure, excepted): the rest stay
                    // active, unweighed.
                    kept = std::copy(active.begin() + k, active.end(), active.begin() + kept) - active.begin();
                    break;
                }
                active[kept++] = index;
                continue;
            }
            int run = to.flagged ? a.flagged_run + 1 : 0;
            if (run > max_flagged_run) {
                // A third hyphenated line in a row: never, unless it is the
                // only line a can start (an overfull one, kept so that a
                // result always exists).
                if (!lc.deactivate) {
                    active[kept++] = index;
                    continue;
                }
                run = max_flagged_run;
            }
            double d = lc.demerits;
            if (std::abs(lc.fit - a.fitness) > 1) d += fitness_demerits;
            if (lc.runt) d += runt_demerits;
            d += a.demerits + lc.extra;
            const int slot = lc.fit * (max_flagged_run + 1) + run;
            if (d < ((filled >> slot) & 1u ? best_by_class[slot].demerits : infinite)) {
                best_by_class[slot] = {d, index, lc.ratio};
                filled |= 1u << slot;
            }
            if (!lc.deactivate) active[kept++] = index;
        }
        active.resize(kept);
        // A node at b that costs more than another with as many hyphenated
        // lines in a row, by more than any change of fitness class can
        // make up, can never be the cheaper way to a later break: every
        // line from b costs both the same but for that change. It is not
        // made active (it stays a node: it may still end the paragraph).
        // The margin (twice the change) is far beyond rounding.
        double least_by_run[max_flagged_run + 1];
        std::fill(std::begin(least_by_run), std::end(least_by_run), infinite);
        for (unsigned bits = filled; bits != 0; bits &= bits - 1) {
            const int slot = std::countr_zero(bits);
            double& least = least_by_run[slot % (max_flagged_run + 1)];
            least = std::min(least, best_by_class[slot].demerits);
        }
        for (unsigned bits = filled; bits != 0; bits &= bits - 1) {
            const int slot = std::countr_zero(bits);
            const best& bb = best_by_class[slot];
            fit_node node;
            node.candidate = b;
            node.previous = bb.from;
            node.line = nodes[bb.from].line + 1;
            node.fitness = slot / (max_flagged_run + 1);
            node.flagged_run = slot % (max_flagged_run + 1);
            node.ratio = bb.ratio;
            node.demerits = bb.demerits;
            nodes.push_back(node);
            if (!(least_by_run[node.flagged_run] + 2 * fitness_demerits < node.demerits))
                active.push_back(nodes.size() - 1);
        }
    }
    // The best way to end the paragraph.
    std::size_t end = 0;
    double least = infinite;
    for (std::size_t i = 1; i < nodes.size(); ++i)
        if (nodes[i].candidate == last && nodes[i].demerits < least) {
            least = nodes[i].demerits;
            end = i;
        }
    if (end == 0) return result;
    result.demerits = least;
    for (std::size_t i = end; i != 0; i = nodes[i].previous) out.push_back({nodes[i].candidate, nodes[i].ratio});
    std::reverse(out.begin(), out.end());
    return result;
}

}  // namespace

namespace {

// The tolerances of the first passes, in turn: lines looser than this
// (1.4 and 3.1 times their stretch) are weighed only when no pass with a
// tolerance can settle the paragraph. Most are settled by the first; the
// second costs less than the full search for most of the others.
constexpr double first_pass_tolerances[] = {300, 3000};

// best_fit over every setting, the same answer taken from a pass that
// weighs only lines no looser than a tolerance where that is provably the
// same. With no term negative (no negative penalty), a setting holding a
// line of badness above the tolerance costs at least (line_penalty +
// tolerance)^2 (floating-point sums of non-negative terms never fall below
// one of them). When that pass's best costs less, every node on its path
// is reached more cheaply than through any looser line, so the full search
// keeps the same nodes, the same predecessors and, on equal demerits, the
// same first of them: both keep active nodes in the same order; the pass,
// whose cheapest nodes at a break cost no less, prunes none that the full
// search keeps; and a node the full search prunes costs more than a line
// can make up, so it is never the first cheapest way on that path. The
// answer is identical.
std::vector<line_fit> settle(std::span<const break_candidate> c, const fit_params& p, bool soft, bool fast,
                             bool ordered) {
    if (fast) {
        for (const double tolerance : first_pass_tolerances) {
            fit_result first = best_fit(c, p, soft, tolerance, ordered);
            const double bound = (line_penalty + tolerance) * (line_penalty + tolerance);
            if (first.demerits < bound) return std::move(first.lines);
        }
    }
    return best_fit(c, p, soft, infinite, ordered).lines;
}

std::vector<line_fit> total_fit(std::span<const break_candidate> c, const fit_params& p, bool fast) {
    // One look at the candidates for what every pass needs to know.
    bool ordered = true, negative = false, negative_soft = false, soft = false;
    for (std::size_t i = 0; i < c.size(); ++i) {
        const break_candidate& b = c[i];
        if (i > 0 && !(b.width_from >= c[i - 1].width_from && b.stretch_from >= c[i - 1].stretch_from)) ordered = false;
        negative |= b.penalty < 0;
        negative_soft |= std::max(b.penalty, b.soft_penalty) < 0;
        soft |= b.soft_penalty > b.penalty;
    }
    std::vector<line_fit> kept = settle(c, p, true, fast && !negative_soft, ordered);
    if (!soft) return kept;
    // Keeping a name whole never costs a paragraph a line. In demerits a
    // line more is almost free (a short last line costs (10 + 0)², 100),
    // so a name's 90,000 would buy one, and with it a fragment of a word on
    // that line or a page more: a worse fault than a name read across a
    // line end. Line counts are compared outside the demerits, as TeX's
    // \looseness does: the setting with the soft penalties stands when it
    // takes no more lines than the one without.
    std::vector<line_fit> parted = settle(c, p, false, fast && !negative, ordered);
    return parted.size() < kept.size() ? parted : kept;
}

}  // namespace

std::vector<line_fit> total_fit(std::span<const break_candidate> c, const fit_params& p) {
    return total_fit(c, p, true);
}

std::vector<line_fit> total_fit_full_search(std::span<const break_candidate> c, const fit_params& p) {
    return total_fit(c, p, false);
}

std::vector<line_fit> first_fit(std::span<const break_candidate> c, const fit_params& p) {
    std::vector<line_fit> out;
    if (c.size() < 2) return out;
    const std::size_t last = c.size() - 1;
    std::size_t from = 0;
    while (from < last) {
        const double width = out.empty() ? p.first_width : p.width;
        std::size_t chosen = from + 1;  // at least one piece per line, fitting or not
        measured chosen_fit = measure(c[from], c[chosen], width, p, chosen == last);
        for (std::size_t b = from + 2; b <= last; ++b) {
            measured m = measure(c[from], c[b], width, p, b == last);
            if (m.ratio < -1) break;
            chosen = b;
            chosen_fit = m;
        }
        out.push_back({chosen, std::max(chosen_fit.ratio, -1.0)});
        from = chosen;
    }
    return out;
}

}  // namespace communique::detail::pdf
