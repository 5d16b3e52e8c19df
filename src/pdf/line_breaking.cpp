#include "pdf/line_breaking.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

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

// ---- choosing the breaks ---------------------------------------------------------------------

namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();
constexpr double line_penalty = 10;      // Knuth's \linepenalty: prefers fewer lines
constexpr double flagged_demerits = 3000;  // two hyphen breaks in a row
constexpr double fitness_demerits = 100;   // a tight line next to a loose one
constexpr double overfull_demerits = 1e10;  // a line wider than the measure

struct measured {
    double ratio = 0;
    bool overfull = false;
};

measured measure(const break_candidate& from, const break_candidate& to, double width, const fit_params& p,
                 bool last) {
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
    double ratio = 0;
    double demerits = 0;
};

}  // namespace

std::vector<line_fit> total_fit(std::span<const break_candidate> c, const fit_params& p) {
    std::vector<line_fit> out;
    if (c.size() < 2) return out;
    std::vector<fit_node> nodes{fit_node{}};
    std::vector<std::size_t> active{0};
    const std::size_t last = c.size() - 1;

    for (std::size_t b = 1; b <= last; ++b) {
        struct best {
            double demerits = infinite;
            std::size_t from = 0;
            double ratio = 0;
        } best_by_class[4];
        for (std::size_t k = 0; k < active.size();) {
            const fit_node& a = nodes[active[k]];
            const double width = a.line == 0 ? p.first_width : p.width;
            measured m = measure(c[a.candidate], c[b], width, p, b == last);
            bool deactivate = false;
            double extra = 0;
            if (m.overfull) {
                deactivate = true;
                // A line from a to its very next break is allowed even when
                // too wide: nothing narrower exists.
                if (b != a.candidate + 1) {
                    active.erase(active.begin() + std::ptrdiff_t(k));
                    continue;
                }
                m.ratio = -1;
                extra = overfull_demerits;
            }
            const double base = line_penalty + badness(m.ratio);
            double d = base * base;
            if (c[b].penalty > 0) d += c[b].penalty * c[b].penalty;
            else if (c[b].penalty < 0) d -= c[b].penalty * c[b].penalty;
            if (c[b].flagged && c[a.candidate].flagged) d += flagged_demerits;
            const int fit = fitness_class(m.ratio);
            if (std::abs(fit - a.fitness) > 1) d += fitness_demerits;
            d += a.demerits + extra;
            if (d < best_by_class[fit].demerits) best_by_class[fit] = {d, active[k], m.ratio};
            if (deactivate) active.erase(active.begin() + std::ptrdiff_t(k));
            else ++k;
        }
        for (int fit = 0; fit < 4; ++fit) {
            const best& bb = best_by_class[fit];
            if (std::isinf(bb.demerits)) continue;
            fit_node node;
            node.candidate = b;
            node.previous = bb.from;
            node.line = nodes[bb.from].line + 1;
            node.fitness = fit;
            node.ratio = bb.ratio;
            node.demerits = bb.demerits;
            nodes.push_back(node);
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
    for (std::size_t i = end; i != 0; i = nodes[i].previous) out.push_back({nodes[i].candidate, nodes[i].ratio});
    std::reverse(out.begin(), out.end());
    return out;
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
