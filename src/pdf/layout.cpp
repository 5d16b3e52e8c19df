#include "pdf/layout.hpp"

#include "pdf/line_breaking.hpp"
#include "pdf/shaping.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace communique::detail::pdf {

namespace {

// The layout stops at the first problem by throwing it, from however deep
// in it the problem is found; lay_out, in this file, returns it. It is never
// seen outside this file.
struct layout_error {
    explicit layout_error(std::string message, rule id = rule::pdf) : why(id, std::move(message)) {}
    problem why;
};

// ---- lines ----------------------------------------------------------------------------------

struct line_run {
    font_use font;
    double size = 12;
    rgb color;
    double x = 0;  // from the region's start edge
    std::vector<placed_glyph> glyphs;
    std::u16string text;
    std::uint32_t text_begin = 0;  // where text starts in the paragraph
    double dy = 0;                 // its baseline this far below the line's (a table cell's line in a row)
    std::int32_t tag = -1;         // the structure element it belongs to
    bool hyphenated = false;       // ends with a hyphen the line breaker added
    std::optional<std::u16string> actual_text;  // as placed_run::actual_text
};

struct line_link {
    double x0 = 0, x1 = 0;
    std::string uri;
    double dy = 0;                   // as line_run::dy
    double ascent = 0, descent = 0;  // of the line it was set in
    std::int32_t tag = -1;
};

// A rule drawn with the line, from its top edge (y down) and the region's
// start edge.
struct line_rule {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double width = 0.5;
    rgb color;
};

struct line_box {
    double ascent = 0, descent = 0;  // above and below the baseline, half-leading included
    std::vector<line_run> runs;
    std::vector<line_link> links;
    std::vector<line_rule> rules;
    bool parts_name = false;  // ends inside a person's name: a page should not end after it
    double height() const { return ascent + descent; }
};

// What the page breaker sees: lines, the spaces between blocks, the ids
// blocks carry, and forced page breaks.
struct element {
    enum class kind : std::uint8_t { line, space, anchor, page_break };
    kind what = kind::line;
    double space = 0;
    line_box line;
    bool keep_with_previous = false;  // no page break just before this line
    std::string id;
};

layout_error page_limit(std::size_t limit) {
    return layout_error("the document needs more than " + std::to_string(limit) + (limit == 1 ? " page" : " pages"),
                        rule::too_many_pages);
}

bool is_space(char16_t c) { return c == u' '; }

// Scripts written without spaces between words.
bool unspaced_script(const std::u16string& text, std::uint32_t at) {
    UChar32 c = 0;
    U16_GET(text.data(), 0, at, text.size(), c);
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
        case USCRIPT_KHMER:
        case USCRIPT_THAI:
        case USCRIPT_LAO:
        case USCRIPT_MYANMAR:
        case USCRIPT_TIBETAN:
        case USCRIPT_HAN:
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
            return true;
        default:
            return false;
    }
}

// The cost of ending a line at a word boundary that is not a space, inside
// a phrase of Khmer or Thai: as much as a hyphen's break costs Latin text
// (TeX's \hyphenpenalty), so a break between phrases wins when the lines
// come out about as even.
constexpr double inside_phrase_penalty = 50;

// How far a justified line with text of those scripts may stretch its
// spaces: a ratio of 4 makes a space three times its width (it grows by
// half its width per unit).
constexpr double unspaced_max_ratio = 4;

// The cost of a line ending in a hyphen the breaker adds (TeX's
// \hyphenpenalty); two in a row cost extra and three are never chosen
// (line_breaking.cpp).
constexpr double hyphen_penalty = 50;

// The cost of a line ending inside a person's name: after an honorific
// ("His / Excellency", "Excellency / SAR", "ឯកឧត្តម / សៀង") or inside a
// name in bold (fo.xsl sets persons' names in bold; "MOEUN / Chanthy",
// "សៀង / ពិសិដ្ឋ", or a dictionary boundary inside a Khmer name). Its
// 90,000 demerits are those of one line at a stretch ratio of 1.43
// (badness 290: spaces at 1.7 times their width), more than seven lines
// going from evenly spaced to the 1.5 limit (12,000 each): the breaker
// keeps a name together whenever the lines around it can take it up
// within that limit (hyphenating a neighbour if they must; a line past
// it sends the paragraph through the hyphenation pass), and parts it only
// where keeping it would open spaces of about 1.7 times or more. Khmer and
// Thai lines are weighed as ragged (an eighth of the measure is ratio 1),
// where the same cost is a line some 18% of the measure short. It is a
// soft penalty (break_candidate::soft_penalty): it never costs the
// paragraph a line, which demerits price at almost nothing; kept whole at
// that price, "ឯកឧត្តម សៀង ពិសិដ្ឋ" gave the bilingual statement's Khmer
// paragraph a fifth line of a word's fragment ("រឡែន។") and the release a
// second page. One cost for both kinds of split: either parts the same name.
constexpr double name_split_penalty = 300;

bool has_unspaced_text(const std::u16string& text) {
    for (std::uint32_t i = 0; i < text.size(); ++i)
        if (text[i] >= 0x0E00 && !U16_IS_SURROGATE(text[i]) && unspaced_script(text, i)) return true;
    return false;
}

bool is_hyphen(char16_t c) { return c == u'-' || c == u'\u2010' || c == u'\u2012' || c == u'\u2013'; }

// Sets paragraphs into lines: shaping, break opportunities, total fit,
// then glyphs placed with justification and alignment.
class paragraph_setter {
public:
    paragraph_setter(const document& doc, font_library& fonts) : doc_(doc), fonts_(fonts) {}

    std::vector<line_box> set(const node& t, double region_width) {
        const block_props& props = t.props;
        std::vector<line_box> lines;
        if (t.para.text.empty()) return lines;
        paragraph_work w{t.para, props, doc_.styles[props.style]};
        if (auto shaped = shape_paragraph(w.para, doc_.styles, fonts_, w.shaped); !shaped)
            throw layout_error(shaped.error().message);
        find_breaks(w);
        make_glue(w);
        make_candidates(w);

        const double measure = region_width - props.start_indent - props.end_indent;
        const double indent = w.para.first_of_block ? props.text_indent : 0;
        fit_params fp;
        fp.first_width = measure - indent;
        fp.width = measure;
        // Ragged lines may end anywhere in the right half of the measure
        // and stay "decent": the breaker then evens their lengths out (a
        // centred headline comes out as balanced lines) instead of filling
        // one line and leaving a word on the next.
        fp.line_stretch = props.align == text_align::justify ? 0 : measure / 2;
        // Khmer or Thai justified at its few spaces only: a line that
        // cannot be filled is set ragged (compose), so the breaker weighs
        // it by the room it leaves, as ragged text, with an eighth of the
        // measure as "decent", instead of finding every such line
        // infinitely bad (it then chose a first line of one word).
        const bool unspaced = props.align == text_align::justify && has_unspaced_text(w.para.text);
        if (unspaced) fp.line_stretch = measure / 8;
        fp.justify_last = props.align_last == text_align::justify;
        fp.balance_last = props.align_last == text_align::center;
        // A justified paragraph should not end in one short word alone.
        if (props.align == text_align::justify && !fp.justify_last) fp.runt_width = measure / 4;
        auto fit = [&] {
            return w.candidates.size() - 1 > total_fit_limit ? first_fit(w.candidates, fp)
                                                             : total_fit(w.candidates, fp);
        };
        std::vector<line_fit> fits = fit();
        // Hyphenation is a second pass, as TeX's: only a paragraph whose
        // lines cannot all keep their spaces within 1.5 times their width
        // (a ratio of 1) without it is set again with its words'
        // hyphenation points; most paragraphs never pay for them (nor the
        // process for loading the patterns, some 37 million instructions).
        if (std::any_of(fits.begin(), fits.end(), [](const line_fit& f) { return !(f.ratio <= 1); })) {
            find_hyphens(w);
            if (!w.hyphens.empty()) {
                make_candidates(w);
                fits = fit();
            }
        }

        const font_use strut = primary_font(w.block_style);
        std::size_t from = 0;
        for (std::size_t li = 0; li < fits.size(); ++li) {
            const bool last = fits[li].end == w.candidates.size() - 1;
            const text_align align = last ? props.align_last : props.align;
            double ratio = fits[li].ratio;
            if (unspaced && ratio > 0) {
                // The share of the spaces' own stretch that fills the line.
                const break_candidate& a = w.candidates[from];
                const break_candidate& b = w.candidates[fits[li].end];
                const double stretch = b.stretch_to - a.stretch_from;
                const double room = (li == 0 ? fp.first_width : fp.width) - (b.width_to - a.width_from);
                ratio = stretch > 0 ? room / stretch : std::numeric_limits<double>::infinity();
            }
            line_box lb = compose(w, w.ends[from].second, w.ends[fits[li].end].first, ratio, align, strut,
                                  w.hyphen_ends[fits[li].end]);
            lb.parts_name = w.candidates[fits[li].end].soft_penalty > 0;
            // Alignment within the measure.
            const double room = (li == 0 ? fp.first_width : fp.width) - line_width(lb);
            double x0 = props.start_indent + (li == 0 ? indent : 0);
            if (align == text_align::center) x0 += room / 2;
            else if (align == text_align::end) x0 += room;
            for (line_run& lr : lb.runs) lr.x += x0;
            for (line_link& l : lb.links) {
                l.x0 += x0;
                l.x1 += x0;
            }
            lines.push_back(std::move(lb));
            from = fits[li].end;
        }
        std::vector<std::pair<std::uint32_t, std::uint32_t>> line_ends;
        for (const line_fit& f : fits) line_ends.push_back(w.ends[f.end]);
        join_line_ends(w.para.text, line_ends, lines);
        return lines;
    }

    font_use primary_font(const text_style& style) {
        std::vector<font_use> faces = fonts_.resolve(style.font);
        if (faces.empty()) {
            std::string family = style.font.families.empty() ? "" : style.font.families.front();
            throw layout_error("missing font: fontconfig finds no font for font-family '" + family + "'");
        }
        return faces.front();
    }

private:
    // One paragraph on its way into lines.
    struct paragraph_work {
        paragraph_work(const paragraph& p, const block_props& b, const text_style& s)
            : para(p), props(b), block_style(s) {}
        const paragraph& para;
        const block_props& props;
        const text_style& block_style;
        shaped_paragraph shaped;
        std::vector<std::uint32_t> breaks;                            // usable break opportunities
        bool justified = false;
        std::vector<double> stretch, shrink;                          // prefix sums over the text
        std::vector<break_candidate> candidates;                      // the start, each break, the end
        std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // per candidate: line end, next line start
        std::vector<std::uint32_t> hyphens;                           // where a word may be hyphenated
        std::vector<bool> hyphen_ends;                                // per candidate: the line ends with a hyphen
    };

    // ICU's opportunities that fall between clusters and outside
    // keep-together.within-line inlines.
    static void find_breaks(paragraph_work& w) {
        const auto n = static_cast<std::uint32_t>(w.para.text.size());
        for (std::uint32_t at : break_opportunities(w.para.text, w.block_style.lang)) {
            if (at == 0 || at >= n || !w.shaped.cluster_start[at]) continue;
            if (std::any_of(w.para.no_break.begin(), w.para.no_break.end(),
                            [&](const auto& r) { return r.first < at && at < r.second; }))
                continue;
            w.breaks.push_back(at);
        }
    }

    // Where words may be hyphenated: in justified text only (never in a
    // centred headline or other ragged text), with the patterns of the
    // word's language, and never in a word the reader must see whole: in
    // bold (fo.xsl sets names of persons and other strong text in bold),
    // in a link, inside keep-together.within-line, in a token with digits,
    // '/', '@' or an inner '.' (URLs, addresses, figures), next to a number
    // (dates: "18 January 2024"), in capitals after the first letter
    // (acronyms), or the paragraph's last word. hyphenate="false" on the
    // block turns it off.
    void find_hyphens(paragraph_work& w) const {
        if (w.props.align != text_align::justify || !w.props.hyphenate) return;
        const std::u16string& text = w.para.text;
        const auto n = static_cast<std::uint32_t>(text.size());
        auto letter = [&](std::uint32_t i) {
            return u_isalpha(text[i]) || (U_GET_GC_MASK(text[i]) & U_GC_M_MASK) != 0;
        };
        // The paragraph's last word is left whole.
        std::uint32_t last_word = n;
        while (last_word > 0 && !letter(last_word - 1)) --last_word;
        while (last_word > 0 && letter(last_word - 1)) --last_word;
        std::size_t span = 0;
        for (std::uint32_t a = 0; a < last_word;) {
            if (!letter(a)) {
                ++a;
                continue;
            }
            std::uint32_t b = a;
            while (b < n && letter(b)) ++b;
            while (span + 1 < w.para.spans.size() && w.para.spans[span].end <= a) ++span;
            if (b - a >= 5 && b <= last_word && hyphenatable(w, a, b, span)) {
                const text_style& style = doc_.styles[w.para.spans[span].style];
                for (std::uint32_t at : hyphenation_points(std::u16string_view(text).substr(a, b - a), style.lang))
                    if (w.shaped.cluster_start[a + at]) w.hyphens.push_back(a + at);
            }
            a = b;
        }
    }

    bool hyphenatable(const paragraph_work& w, std::uint32_t a, std::uint32_t b, std::size_t span) const {
        const std::u16string& text = w.para.text;
        const auto n = static_cast<std::uint32_t>(text.size());
        if (span >= w.para.spans.size() || w.para.spans[span].end < b) return false;  // style changes inside
        const text_style& style = doc_.styles[w.para.spans[span].style];
        if (style.font.weight >= 600 || !can_hyphenate(style.lang)) return false;
        auto inside = [&](const auto& ranges) {
            return std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) {
                return range_begin(r) < b && a < range_end(r);
            });
        };
        if (inside(w.para.links) || inside(w.para.no_break)) return false;
        for (std::uint32_t i = a + 1; i < b; ++i)
            if (u_isupper(text[i])) return false;
        // The space-delimited token around the word.
        std::uint32_t ts = a, te = b;
        while (ts > 0 && !is_space(text[ts - 1])) --ts;
        while (te < n && !is_space(text[te])) ++te;
        for (std::uint32_t i = ts; i < te; ++i) {
            const char16_t c = text[i];
            if (u_isdigit(c) || c == u'/' || c == u'@' || c == u'\\' || c == u'_') return false;
            if (c == u'.' && i + 1 < te && u_isalnum(text[i + 1])) return false;
        }
        // A number in the token before or after: part of a date.
        auto token_has_digit = [&](std::uint32_t from, std::uint32_t to) {
            for (std::uint32_t i = from; i < to; ++i)
                if (u_isdigit(text[i])) return true;
            return false;
        };
        std::uint32_t ps = ts;
        while (ps > 0 && is_space(text[ps - 1])) --ps;
        std::uint32_t pb = ps;
        while (pb > 0 && !is_space(text[pb - 1])) --pb;
        std::uint32_t ns = te;
        while (ns < n && is_space(text[ns])) ++ns;
        std::uint32_t ne = ns;
        while (ne < n && !is_space(text[ne])) ++ne;
        return !token_has_digit(pb, ps) && !token_has_digit(ns, ne);
    }

    static std::uint32_t range_begin(const link_span& l) { return l.begin; }
    static std::uint32_t range_end(const link_span& l) { return l.end; }
    static std::uint32_t range_begin(const std::pair<std::uint32_t, std::uint32_t>& r) { return r.first; }
    static std::uint32_t range_end(const std::pair<std::uint32_t, std::uint32_t>& r) { return r.second; }

    // What a break at the spaces [end, next) costs when it parts a name: inside
    // a bold inline of a paragraph that is not bold itself (fo.xsl sets the
    // names of persons in bold: "Lok Chumteav PEN Sovannary"), or after an
    // honorific ("His / Excellency", "Excellency / SAR", "ឯកឧត្តម / ទេព").
    double name_split_cost(const paragraph_work& w, std::uint32_t end, std::uint32_t next) const {
        const std::u16string& text = w.para.text;
        auto bold_at = [&](std::uint32_t at) {
            auto it = std::upper_bound(w.para.spans.begin(), w.para.spans.end(), at,
                                       [](std::uint32_t x, const style_span& sp) { return x < sp.end; });
            return it != w.para.spans.end() && it->begin <= at && doc_.styles[it->style].font.weight >= 600;
        };
        const bool inside_bold = w.block_style.font.weight < 600 && bold_at(end - 1) && bold_at(next);
        // A break inside a word (after a hard hyphen, or at a dictionary
        // boundary inside a Khmer name: "ហិន / រិក") parts a name only in bold.
        if (end == next) return inside_bold ? name_split_penalty : 0;
        auto word_before = [&](std::uint32_t at) {
            std::uint32_t b = at;
            while (b > 0 && !is_space(text[b - 1])) --b;
            return std::u16string_view(text).substr(b, at - b);
        };
        std::uint32_t after_end = next;
        while (after_end < text.size() && !is_space(text[after_end])) ++after_end;
        const std::u16string_view before = word_before(end);
        const std::u16string_view after = std::u16string_view(text).substr(next, after_end - next);
        static constexpr std::u16string_view honorifics[] = {
            u"Excellency", u"Excellencies", u"Chumteav", u"Samdech", u"Oknha", u"Dr.", u"Mr.", u"Mrs.", u"Ms.",
            u"H.E.", u"Madam", u"Lok", u"ឯកឧត្តម", u"លោកជំទាវ", u"សម្តេច", u"ឧកញ៉ា", u"លោក", u"អ្នកឧកញ៉ា"};
        // None of them starts with a small Latin letter, which most words do.
        const bool may_be_honorific = !before.empty() && !(before[0] >= u'a' && before[0] <= u'z');
        if (may_be_honorific &&
            (std::find(std::begin(honorifics), std::end(honorifics), before) != std::end(honorifics) ||
             ((before == u"His" || before == u"Her") &&
              (after.starts_with(u"Excellenc") || after.starts_with(u"Majesty") || after.starts_with(u"Royal")))))
            return name_split_penalty;
        return inside_bold ? name_split_penalty : 0;
    }

    // The hyphen drawn at the end of a line broken inside a word: the
    // font's '-' at the run's size; 0 when the font has none.
    static double hyphen_advance(const font_use& font, double size, std::uint32_t* gid = nullptr) {
        const std::uint32_t g = font.face->glyph(U'-');
        if (gid) *gid = g;
        return g == 0 ? 0 : font.face->advance(g) * size / font.face->units_per_em();
    }

    // The shaped run holding the character at `at`.
    static const shaped_run* run_at(const paragraph_work& w, std::uint32_t at) {
        auto it = std::upper_bound(w.shaped.runs.begin(), w.shaped.runs.end(), at,
                                   [](std::uint32_t x, const shaped_run& r) { return x < r.end; });
        return it == w.shaped.runs.end() || it->begin > at ? nullptr : &*it;
    }

    // Glue. A justified line's spaces may grow by half their width and
    // shrink by a third (TeX's proportions); nothing else stretches. In
    // scripts written without spaces (Khmer, Thai) a break opportunity is a
    // word boundary inside a phrase, and widening it would open a gap the
    // reader cannot tell from the space between phrases: such a line is
    // justified at its real spaces only, and a line without one is set
    // ragged (its ratio is infinite, compose() sets it at its natural width).
    // Ragged lines keep their spacing.
    static void make_glue(paragraph_work& w) {
        const std::u16string& text = w.para.text;
        const auto n = static_cast<std::uint32_t>(text.size());
        w.justified = w.props.align == text_align::justify || w.props.align_last == text_align::justify;
        w.stretch.assign(n + 1, 0.0);
        w.shrink.assign(n + 1, 0.0);
        for (std::uint32_t i = 0; i < n; ++i) {
            const double space = is_space(text[i]) && w.justified ? advance_at(w, i) : 0;
            w.stretch[i + 1] = w.stretch[i] + space / 2;
            w.shrink[i + 1] = w.shrink[i] + space / 3;
        }
    }

    static double advance_at(const paragraph_work& w, std::uint32_t i) {
        return w.shaped.x_before[i + 1] - w.shaped.x_before[i];
    }

    // Where lines may end: spaces before a break stay at the end of the
    // line (invisible), spaces after it are skipped by the next.
    void make_candidates(paragraph_work& w) const {
        const std::u16string& text = w.para.text;
        const auto n = static_cast<std::uint32_t>(text.size());
        w.candidates.assign(1, break_candidate{});
        w.ends.assign(1, {0, 0});
        w.hyphen_ends.assign(1, false);
        const std::size_t most = w.breaks.size() + w.hyphens.size() + 2;
        w.candidates.reserve(most);
        w.ends.reserve(most);
        w.hyphen_ends.reserve(most);
        auto add = [&](std::uint32_t end, std::uint32_t next, double hyphen) {
            break_candidate c;
            c.width_to = w.shaped.x_before[end] + hyphen;
            c.stretch_to = w.stretch[end];
            c.shrink_to = w.shrink[end];
            // The glue at a break vanishes with it.
            c.width_from = w.shaped.x_before[next];
            c.stretch_from = w.stretch[next];
            c.shrink_from = w.shrink[next];
            if (hyphen > 0) {
                c.penalty = hyphen_penalty;
                c.flagged = true;
            } else if (end > 0 && next < n && is_hyphen(text[end - 1])) {
                c.penalty = 50;
                c.flagged = true;
            } else if (end == next && next < n && unspaced_script(text, end - 1) && unspaced_script(text, next)) {
                // A word boundary inside a phrase of a script written
                // without spaces: allowed, but a break at a space (between
                // phrases) is preferred.
                c.penalty = inside_phrase_penalty;
            }
            // Weighed as a penalty only where it costs the paragraph no line (total_fit).
            c.soft_penalty = name_split_cost(w, end, next);
            w.candidates.push_back(c);
            w.ends.emplace_back(end, next);
            w.hyphen_ends.push_back(hyphen > 0);
        };
        std::size_t h = 0;
        auto add_hyphens_before = [&](std::uint32_t limit) {
            for (; h < w.hyphens.size() && w.hyphens[h] < limit; ++h) {
                const std::uint32_t at = w.hyphens[h];
                if (at <= w.ends.back().second) continue;
                const shaped_run* run = run_at(w, at - 1);
                if (!run) continue;
                const double hyphen = hyphen_advance(run->font, doc_.styles[run->style].size);
                if (hyphen > 0) add(at, at, hyphen);
            }
        };
        for (std::uint32_t at : w.breaks) {
            add_hyphens_before(at);
            std::uint32_t end = at, next = at;
            while (end > w.ends.back().second && is_space(text[end - 1])) --end;
            while (next < n && is_space(text[next])) ++next;
            if (end <= w.ends.back().second || next >= n) continue;  // nothing on the line, or nothing after
            add(end, next, 0);
        }
        add_hyphens_before(n);
        add(n, n, 0);
    }

    // The glyphs of text [s, e) as a line, justified by `ratio` (the share
    // of its glue the line stretches or shrinks), from x = 0.
    line_box compose(const paragraph_work& w, std::uint32_t s, std::uint32_t e, double ratio, text_align align,
                     const font_use& strut, bool hyphen) const {
        const std::u16string& text = w.para.text;
        if (!std::isfinite(ratio) || (ratio > 0 && align != text_align::justify)) ratio = 0;
        // A Khmer or Thai line with one or two phrase spaces would open them
        // into holes: past three times their width the line is set ragged.
        if (ratio > unspaced_max_ratio)
            for (std::uint32_t i = s; i < e && ratio != 0; ++i)
                if (!is_space(text[i]) && unspaced_script(text, i)) ratio = 0;
        line_box lb;
        // The strut: every line is at least as tall as the block's own font makes it.
        extend(lb, strut, w.block_style.size, w.props.leading);
        double pen = 0;
        for (const shaped_run& run : w.shaped.runs) {
            if (run.end <= s || run.begin >= e) continue;
            const text_style& style = doc_.styles[run.style];
            const std::uint32_t pb = std::max(run.begin, s), pe = std::min(run.end, e);
            // A run is cut where a link starts or ends: a link's glyphs are
            // marked content of their own in a tagged PDF.
            line_run lr;
            std::uint32_t piece_begin = pb;
            auto start_piece = [&](std::uint32_t at, std::int32_t tag) {
                lr = line_run{};
                lr.font = run.font;
                lr.size = style.size;
                lr.color = style.color;
                lr.x = pen;
                lr.tag = tag;
                piece_begin = at;
            };
            auto close_piece = [&](std::uint32_t at) {
                if (lr.glyphs.empty()) return;
                lr.text = text.substr(piece_begin, at - piece_begin);
                lr.text_begin = piece_begin;
                for (placed_glyph& pg : lr.glyphs) pg.cluster -= piece_begin;
                lb.runs.push_back(std::move(lr));
            };
            start_piece(pb, tag_at(w.para, pb));
            std::uint32_t previous_cluster = UINT32_MAX;
            // Clusters ascend: only the line's own glyphs are visited, not
            // the whole run's for every line (a paragraph-long run made
            // setting a paragraph quadratic in its length).
            auto g_begin = std::partition_point(run.glyphs.begin(), run.glyphs.end(),
                                                [&](const glyph& g) { return g.cluster < s; });
            for (auto it = g_begin; it != run.glyphs.end() && it->cluster < e; ++it) {
                const glyph& g = *it;
                if (g.cluster != previous_cluster && !w.para.links.empty()) {
                    const std::int32_t tag = tag_at(w.para, g.cluster);
                    if (tag != lr.tag) {
                        close_piece(g.cluster);
                        start_piece(g.cluster, tag);
                    }
                }
                previous_cluster = g.cluster;
                placed_glyph pg;
                pg.gid = g.gid;
                pg.cluster = g.cluster;
                pg.advance = g.advance;
                pg.x_offset = g.x_offset;
                pg.y_offset = g.y_offset;
                if (ratio != 0 && w.justified && is_space(text[g.cluster])) {
                    const double space = advance_at(w, g.cluster);
                    pg.justification = float(ratio > 0 ? ratio * space / 2 : ratio * space / 3);
                    pg.advance += pg.justification;
                }
                pen += pg.advance;
                lr.glyphs.push_back(pg);
            }
            const std::size_t before = lb.runs.size();
            close_piece(pe);
            if (lb.runs.size() == before) continue;
            if (hyphen && pe == e) {
                // The word goes on on the next line: a hyphen ends this one.
                line_run& last = lb.runs.back();
                placed_glyph pg;
                pg.advance = float(hyphen_advance(run.font, style.size, &pg.gid));
                pg.cluster = static_cast<std::uint32_t>(last.text.size());
                last.text += u'-';
                last.hyphenated = true;
                pen += pg.advance;
                last.glyphs.push_back(pg);
            }
            extend(lb, run.font, style.size, w.props.leading);
        }
        move_spaces_forward(lb);
        for (const link_span& link : w.para.links) {
            if (link.end <= s || link.begin >= e) continue;
            line_link l{x_at(lb, std::max(link.begin, s)), x_at(lb, std::min(link.end, e)), link.uri};
            l.tag = link.tag;
            lb.links.push_back(std::move(l));
        }
        for (line_link& l : lb.links) {
            l.ascent = lb.ascent;
            l.descent = lb.descent;
        }
        return lb;
    }

    // Text extraction reads a line end as a line break, that is as a space.
    // Where a line ends without one - inside a Khmer or Thai phrase (not
    // between Chinese or Japanese ideographs, see ideographic()), at a
    // hyphen the breaker added, after a hard hyphen - the line's last run is
    // read (/ActualText) as its own text, without the added hyphen, and the
    // text that follows up to and including the next space; the glyphs of
    // that text, at the next line's start, are read as nothing. pdftotext
    // then breaks its line at a space, and the paragraph reads as its source
    // (poppler 22.12 places a span's text where its glyphs are: the rest of
    // the word lands at the end of the line above). Not across a structure
    // element's edge (a link's): that line end stays as it is.
    static void join_line_ends(const std::u16string& text,
                               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ends,
                               std::vector<line_box>& lines) {
        const auto n = static_cast<std::uint32_t>(text.size());
        std::uint32_t moved_until = 0;  // text before this was read with an earlier line's end
        for (std::size_t li = 0; li + 1 < lines.size() && li < ends.size(); ++li) {
            const auto [end, next] = ends[li];
            if (end != next || next >= n || next < moved_until || lines[li].runs.empty() || ideographic(text, next))
                continue;
            line_run& last = lines[li].runs.back();
            std::uint32_t until = next;
            while (until < n && !is_space(text[until])) ++until;
            if (until < n) ++until;  // the space, read at the line's end
            // Every run the moved text touches must be of the same element.
            for (std::size_t lj = li + 1; lj < lines.size(); ++lj)
                for (const line_run& r : lines[lj].runs)
                    if (r.text_begin < until && r.text_begin + r.text.size() > next && r.tag != last.tag)
                        until = std::min(until, std::max(next, r.text_begin));
            if (until == next) continue;
            std::u16string read = last.actual_text.value_or(last.text);
            if (last.hyphenated && !last.actual_text) read.pop_back();
            last.actual_text = read + text.substr(next, until - next);
            for (std::size_t lj = li + 1; lj < lines.size(); ++lj) silence(lines[lj], next, until);
            moved_until = until;
        }
    }

    // Chinese and Japanese: readers join lines between ideographs without
    // a space already, and a paragraph has no space to carry the rest of
    // a word to (its whole text would be read on its first line).
    static bool ideographic(const std::u16string& text, std::uint32_t at) {
        UChar32 c = 0;
        U16_GET(text.data(), 0, at, text.size(), c);
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
    }

    // The glyphs of the paragraph's text [from, until) on this line are
    // read as nothing; a run that goes on past `until` is cut there.
    static void silence(line_box& lb, std::uint32_t from, std::uint32_t until) {
        for (std::size_t i = 0; i < lb.runs.size(); ++i) {
            line_run& r = lb.runs[i];
            const auto r_end = static_cast<std::uint32_t>(r.text_begin + r.text.size());
            if (r_end <= from || r.text_begin >= until) continue;
            if (r.text_begin < from || r_end <= until || r.glyphs.empty()) {
                if (r.text_begin >= from && r_end <= until) r.actual_text = std::u16string();
                continue;
            }
            // Cut before the first glyph of a cluster at or past `until`.
            const std::uint32_t cut_at = until - r.text_begin;
            const auto g = std::find_if(r.glyphs.begin(), r.glyphs.end(),
                                        [&](const placed_glyph& pg) { return pg.cluster >= cut_at; });
            if (g == r.glyphs.begin() || g == r.glyphs.end()) continue;
            line_run rest = r;
            rest.glyphs.assign(g, r.glyphs.end());
            rest.text = r.text.substr(cut_at);
            rest.text_begin = until;
            rest.actual_text.reset();
            for (placed_glyph& pg : rest.glyphs) pg.cluster -= cut_at;
            r.glyphs.erase(g, r.glyphs.end());
            r.text.resize(cut_at);
            r.hyphenated = false;
            r.actual_text = std::u16string();
            for (const placed_glyph& pg : r.glyphs) rest.x += pg.advance;
            lb.runs.insert(lb.runs.begin() + std::ptrdiff_t(i) + 1, std::move(rest));
            return;
        }
    }

    // The structure element of the text at `at`: its link's, else its paragraph's.
    static std::int32_t tag_at(const paragraph& p, std::uint32_t at) {
        for (const link_span& l : p.links)
            if (l.begin <= at && at < l.end) return l.tag;
        return p.tag;
    }

    // A space between two runs of one face and size (a Khmer name in
    // emboldened bold after regular text) goes to the start of the second
    // run. At the end of the first, a run whose text is given as
    // /ActualText, the space came out of pdftotext twice: once from the
    // text, once for the gap poppler sees after the span's last glyph.
    static void move_spaces_forward(line_box& lb) {
        for (std::size_t i = 0; i + 1 < lb.runs.size(); ++i) {
            line_run& a = lb.runs[i];
            line_run& b = lb.runs[i + 1];
            // Not across a structure element's edge (a link's).
            if (a.font.face != b.font.face || a.size != b.size || a.dy != b.dy || a.tag != b.tag) continue;
            while (a.glyphs.size() > 1 && !a.text.empty() && is_space(a.text.back()) &&
                   a.glyphs.back().cluster == a.text.size() - 1) {
                placed_glyph g = a.glyphs.back();
                a.glyphs.pop_back();
                a.text.pop_back();
                for (placed_glyph& bg : b.glyphs) ++bg.cluster;
                g.cluster = 0;
                b.glyphs.insert(b.glyphs.begin(), g);
                b.text.insert(b.text.begin(), u' ');
                b.text_begin -= 1;
                b.x -= g.advance;
            }
        }
    }

    // Where the line's pen ends.
    static double line_width(const line_box& lb) {
        if (lb.runs.empty()) return 0;
        double x = lb.runs.back().x;
        for (const placed_glyph& g : lb.runs.back().glyphs) x += g.advance;
        return x;
    }

    // Grows the line box to hold text of this font and size: the
    // line-height's leading split evenly above and below the glyphs.
    static void extend(line_box& lb, const font_use& font, double size, const line_height& leading) {
        const double a = font.face->ascender() * size, d = font.face->descender() * size;
        const double half_leading = (leading.for_size(size) - (a + d)) / 2;
        lb.ascent = std::max(lb.ascent, a + half_leading);
        lb.descent = std::max(lb.descent, d + half_leading);
    }

    // The x at which the character at paragraph offset `offset` is drawn
    // (the line's end for the offset just past it).
    static double x_at(const line_box& lb, std::uint32_t offset) {
        double x = lb.runs.empty() ? 0 : lb.runs.front().x;
        for (const line_run& r : lb.runs) {
            x = r.x;
            for (const placed_glyph& g : r.glyphs) {
                if (r.text_begin + g.cluster >= offset) return x;
                x += g.advance;
            }
        }
        return x;
    }

    const document& doc_;
    font_library& fonts_;
};

// ---- blocks into elements ---------------------------------------------------------------------

class flow_builder {
public:
    // region_height: what a page holds (a table row taller than that is
    // set a cell after another); infinite where nothing is paginated.
    flow_builder(paragraph_setter& setter, double region_width,
                 double region_height = std::numeric_limits<double>::infinity())
        : setter_(setter), width_(region_width), height_(region_height) {}

    std::vector<element> build(const node& root) {
        walk(root);
        return std::move(out_);
    }

private:
    void push_space(double amount) {
        if (amount <= 0) return;
        element e;
        e.what = element::kind::space;
        e.space = amount;
        out_.push_back(std::move(e));
    }
    void push_anchor(const std::string& id) {
        if (id.empty()) return;
        element e;
        e.what = element::kind::anchor;
        e.id = id;
        out_.push_back(std::move(e));
    }
    void push_break() {
        element e;
        e.what = element::kind::page_break;
        out_.push_back(std::move(e));
    }
    void push_line(line_box lb, bool keep_with_previous) {
        element e;
        e.what = element::kind::line;
        e.line = std::move(lb);
        e.keep_with_previous = keep_with_previous;
        lines_.push_back(out_.size());
        out_.push_back(std::move(e));
    }

    // Block boundaries: spaces, ids and keeps around the content.
    template <typename Content>
    void boxed(const block_props& p, Content&& content) {
        if (p.break_before) push_break();
        push_space(p.space_before);
        push_anchor(p.id);
        if (p.keep_with_previous) keep_pending_ = true;
        const std::size_t first = lines_.size();
        content();
        if (p.keep_together)
            for (std::size_t i = first + 1; i < lines_.size(); ++i) out_[lines_[i]].keep_with_previous = true;
        push_space(p.space_after);
        if (p.keep_with_next) keep_pending_ = true;
        if (p.break_after) push_break();
    }

    void walk(const node& n) {
        switch (n.what) {
            case node::kind::block:
            case node::kind::list_block:
                boxed(n.props, [&] {
                    for (const node& c : n.children) walk(c);
                });
                break;
            case node::kind::list_item:
                boxed(n.props, [&] { list_item(n); });
                break;
            case node::kind::list_label:
            case node::kind::list_body:
            case node::kind::table_cell:
                push_anchor(n.props.id);
                for (const node& c : n.children) walk(c);
                break;
            case node::kind::table: boxed(n.props, [&] { table(n); }); break;
            case node::kind::table_row: break;  // laid out by table()
            case node::kind::text: {
                std::vector<line_box> lines = setter_.set(n, width_);
                const int count = static_cast<int>(lines.size());
                for (int k = 0; k < count; ++k) {
                    // Orphans: the first lines stay together; widows: the last.
                    bool keep = k == 0 ? keep_pending_ : (k < n.props.orphans || count - k < n.props.widows);
                    push_line(std::move(lines[std::size_t(k)]), keep);
                }
                if (count > 0) keep_pending_ = false;
                break;
            }
        }
    }

    // A table's rows, each one element for the page breaker (a line as
    // tall as the row, its cells' lines on baselines of their own within
    // it), so that a row is never split across pages. Columns too narrow
    // for a word or two make the table too complex to set as a grid: its
    // cells are then set one after another across its width, as is a row
    // taller than a page.
    void table(const node& t) {
        constexpr double narrowest = 18;  // points of text a column must hold
        std::vector<double> edges{t.props.start_indent};
        for (double w : t.columns) edges.push_back(edges.back() + w);
        bool stacked = false;
        for (const node& row : t.children)
            for (std::size_t i = 0; i < row.children.size() && i + 1 < edges.size(); ++i)
                stacked = stacked || edges[i + 1] - edges[i] - 2 * inset(row.children[i]) < narrowest;
        for (const node& row : t.children) boxed(row.props, [&] { table_row(row, edges, stacked); });
    }

    static double inset(const node& cell) { return cell.frame.padding + cell.frame.border; }

    void table_row(const node& row, const std::vector<double>& edges, bool stacked) {
        struct cell_lines {
            double x = 0, inset = 0;
            std::vector<std::pair<line_box, double>> lines;  // each with its top, from the cell's top edge
            double height = 0;
        };
        std::vector<cell_lines> cells;
        double height = 0;
        for (std::size_t i = 0; i < row.children.size() && i + 1 < edges.size(); ++i) {
            const node& cell = row.children[i];
            cell_lines cl;
            cl.inset = inset(cell);
            cl.x = stacked ? edges.front() : edges[i];
            const double width = stacked ? edges.back() - edges.front() : edges[i + 1] - edges[i];
            std::vector<element> els = flow_builder(setter_, std::max(width - 2 * cl.inset, 1.0), height_).build(cell);
            double y = cl.inset, pending = 0;
            for (element& e : els) {
                if (e.what == element::kind::anchor) push_anchor(e.id);
                if (e.what == element::kind::space && !cl.lines.empty()) pending = std::max(pending, e.space);
                if (e.what != element::kind::line) continue;
                y += pending;
                pending = 0;
                cl.lines.emplace_back(std::move(e.line), y);
                y += cl.lines.back().first.height();
            }
            cl.height = y + cl.inset;
            height = std::max(height, cl.height);
            cells.push_back(std::move(cl));
        }
        auto shift = [](line_box& lb, double dx) {
            for (line_run& r : lb.runs) r.x += dx;
            for (line_link& l : lb.links) {
                l.x0 += dx;
                l.x1 += dx;
            }
        };
        if (stacked || height > height_) {
            for (cell_lines& cl : cells) {
                for (auto& [lb, top] : cl.lines) {
                    shift(lb, cl.x + cl.inset);
                    push_line(std::move(lb), keep_pending_);
                    keep_pending_ = false;
                }
            }
            return;
        }
        line_box lb;  // its baseline at the row's top: everything in it hangs below
        lb.descent = height;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            cell_lines& cl = cells[i];
            for (auto& [line, top] : cl.lines) {
                shift(line, cl.x + cl.inset);
                const double baseline = top + line.ascent;
                for (line_run& r : line.runs) {
                    r.dy = baseline;
                    lb.runs.push_back(std::move(r));
                }
                for (line_link& l : line.links) {
                    l.dy = baseline;
                    lb.links.push_back(std::move(l));
                }
            }
            const cell_frame& f = row.children[i].frame;
            if (f.border <= 0) continue;
            const double x0 = edges[i], x1 = edges[i + 1];
            const double sides[4][4] = {{x0, 0, x1, 0}, {x0, height, x1, height}, {x0, 0, x0, height}, {x1, 0, x1, height}};
            for (const auto& side : sides)
                lb.rules.push_back({side[0], side[1], side[2], side[3], f.border, f.border_color});
        }
        push_line(std::move(lb), keep_pending_);
        keep_pending_ = false;
    }

    // The label's lines share baselines with the body's first lines.
    void list_item(const node& item) {
        const node& label = item.children.at(0);
        const node& body = item.children.at(1);
        flow_builder sub(setter_, width_);
        std::vector<element> label_elements = sub.build(label);
        std::vector<line_box> label_lines;
        for (element& e : label_elements) {
            if (e.what == element::kind::line) label_lines.push_back(std::move(e.line));
            else if (e.what == element::kind::anchor) push_anchor(e.id);
        }
        const std::size_t first = lines_.size();
        walk(body);
        for (std::size_t i = 0; i < label_lines.size(); ++i) {
            if (first + i < lines_.size()) {
                line_box& target = out_[lines_[first + i]].line;
                target.ascent = std::max(target.ascent, label_lines[i].ascent);
                target.descent = std::max(target.descent, label_lines[i].descent);
                // The label's runs go first: the content stream then reads
                // in the structure's order (Lbl before LBody).
                target.runs.insert(target.runs.begin(), std::make_move_iterator(label_lines[i].runs.begin()),
                                   std::make_move_iterator(label_lines[i].runs.end()));
                for (line_link& l : label_lines[i].links) target.links.push_back(std::move(l));
            } else {
                push_line(std::move(label_lines[i]), true);
            }
        }
    }

    paragraph_setter& setter_;
    double width_, height_;
    std::vector<element> out_;
    std::vector<std::size_t> lines_;  // indices of the line elements in out_
    bool keep_pending_ = false;       // the next line keeps with the one before it
};

// ---- pages ------------------------------------------------------------------------------------

struct page_slice {
    std::vector<std::pair<std::size_t, double>> lines;  // element index, top of the line from the region's top
};

// Fills pages top to bottom. When a line does not fit, the page ends at the
// last place a break is allowed (no keep, widow or orphan rule against
// it); if the page has none, the keeps give way, as they must. A line
// whose element index is in `forced` (sorted) starts a new page. Spaces at
// the top of a page are dropped. An id belongs to the page its block's
// first line lands on.
std::vector<page_slice> fill_pages(const std::vector<element>& els, double height, std::size_t pages_before,
                                   std::size_t max_pages, const std::vector<std::size_t>& forced,
                                   std::map<std::string, std::size_t>& anchors) {
    std::vector<page_slice> pages(1);
    double y = 0, pending_space = 0;
    std::vector<const std::string*> pending_anchors;
    auto new_page = [&] {
        if (pages_before + pages.size() + 1 > max_pages) throw page_limit(max_pages);
        pages.emplace_back();
        y = 0;
        pending_space = 0;
    };
    auto page_number = [&] { return pages_before + pages.size(); };
    for (std::size_t i = 0; i < els.size();) {
        const element& e = els[i];
        page_slice& page = pages.back();
        switch (e.what) {
            case element::kind::space:
                if (!page.lines.empty()) pending_space = std::max(pending_space, e.space);
                ++i;
                continue;
            case element::kind::anchor:
                pending_anchors.push_back(&e.id);
                ++i;
                continue;
            case element::kind::page_break:
                if (!page.lines.empty()) new_page();
                ++i;
                continue;
            case element::kind::line:
                break;
        }
        if (!page.lines.empty() && std::binary_search(forced.begin(), forced.end(), i)) {
            new_page();
            continue;
        }
        const double gap = page.lines.empty() ? 0 : pending_space;
        if (!page.lines.empty() && y + gap + e.line.height() > height + 0.01) {
            // Where may this page end? Before this line, or before an
            // earlier line of this page (not its first).
            std::size_t cut = i;
            if (e.keep_with_previous) {
                for (std::size_t k = page.lines.size(); k-- > 1;) {
                    if (!els[page.lines[k].first].keep_with_previous) {
                        cut = page.lines[k].first;
                        break;
                    }
                }
            }
            // Nor after a line that ends inside a person's name, when an
            // earlier break leaves the page at least half full: a name the
            // line breaker had to part ("MOEUN / Chanthy": every other
            // break opened wide spaces) should not also be read across a
            // page turn.
            std::size_t stay = page.lines.size();  // lines this page keeps
            while (stay > 0 && page.lines[stay - 1].first >= cut) --stay;
            if (stay > 0 && els[page.lines[stay - 1].first].line.parts_name) {
                for (std::size_t k = stay - 1; k >= 1 && page.lines[k].second >= height / 2; --k) {
                    if (els[page.lines[k].first].keep_with_previous || els[page.lines[k - 1].first].line.parts_name)
                        continue;
                    cut = page.lines[k].first;
                    break;
                }
            }
            std::size_t restart = i;
            if (cut < i) {
                while (!page.lines.empty() && page.lines.back().first >= cut) page.lines.pop_back();
                restart = page.lines.back().first + 1;  // re-read the spaces and ids after the last line kept
            }
            pending_anchors.clear();
            new_page();
            i = restart;
            continue;
        }
        y += gap;
        page.lines.emplace_back(i, y);
        y += e.line.height();
        pending_space = 0;
        for (const std::string* id : pending_anchors) anchors[*id] = page_number();
        pending_anchors.clear();
        ++i;
    }
    for (const std::string* id : pending_anchors) anchors[*id] = page_number();
    return pages;
}

// A page that ends the flow, or a forced break, holding this many lines or
// fewer - a paragraph's last two lines and the dateline kept with them, a
// last line alone - is a runt page: it takes lines from the page before.
constexpr std::size_t short_page_lines = 3;

// Whether a forced page break stands between the elements a and b.
bool forced_break_between(const std::vector<element>& els, std::size_t a, std::size_t b) {
    return std::any_of(els.begin() + std::ptrdiff_t(a), els.begin() + std::ptrdiff_t(b),
                       [](const element& e) { return e.what == element::kind::page_break; });
}

// Pages as fill_pages makes them, then each runt page lengthened: the page
// before it ends at an earlier allowed break (the latest that gives the
// runt more than short_page_lines lines), so long as that page stays at
// least half full and what follows still fits on the pages it had. The
// keeps, widows and orphans hold as before (a break is only taken where a
// line does not keep with the previous one), so the dateline stays with
// the paragraph above it and no page starts with a paragraph's last line.
std::vector<page_slice> paginate(const std::vector<element>& els, double height, std::size_t pages_before,
                                 std::size_t max_pages, std::map<std::string, std::size_t>& anchors) {
    std::vector<std::size_t> forced;
    std::map<std::string, std::size_t> found;
    std::vector<page_slice> pages = fill_pages(els, height, pages_before, max_pages, forced, found);
    for (std::size_t p = 1; p < pages.size(); ++p) {
        const std::vector<std::pair<std::size_t, double>>& before = pages[p - 1].lines;
        const std::vector<std::pair<std::size_t, double>>& runt = pages[p].lines;
        const std::size_t after =
            p + 1 < pages.size() && !pages[p + 1].lines.empty() ? pages[p + 1].lines.front().first : els.size();
        if (runt.empty() || runt.size() > short_page_lines || before.empty() ||
            !(p + 1 == pages.size() || forced_break_between(els, runt.back().first, after)) ||
            forced_break_between(els, before.back().first, runt.front().first))
            continue;
        for (std::size_t k = before.size(); k-- > 1 && before[k].second >= height / 2;) {
            if (els[before[k].first].keep_with_previous || els[before[k - 1].first].line.parts_name) continue;
            if (before.size() - k + runt.size() <= short_page_lines) continue;
            std::vector<std::size_t> tried = forced;
            tried.insert(std::upper_bound(tried.begin(), tried.end(), before[k].first), before[k].first);
            std::map<std::string, std::size_t> tried_anchors;
            std::vector<page_slice> again = fill_pages(els, height, pages_before, max_pages, tried, tried_anchors);
            if (again.size() != pages.size()) continue;
            pages = std::move(again);
            forced = std::move(tried);
            found = std::move(tried_anchors);
            break;
        }
    }
    for (const auto& [id, page] : found) anchors[id] = page;
    return pages;
}

// ---- page numbers in static content -----------------------------------------------------------

std::u16string digits(std::size_t number, char16_t zero) {
    std::u16string out;
    do {
        out.insert(out.begin(), static_cast<char16_t>(zero + number % 10));
        number /= 10;
    } while (number);
    return out;
}

// Inserts `s` (in `style`) into the paragraph at `at`, moving what follows.
void insert_text(paragraph& p, std::uint32_t at, const std::u16string& s, std::uint32_t style) {
    const auto len = static_cast<std::uint32_t>(s.size());
    p.text.insert(at, s);
    std::vector<style_span> spans;
    for (const style_span& sp : p.spans) {
        if (sp.end <= at) {
            spans.push_back(sp);
        } else if (sp.begin >= at) {
            spans.push_back({sp.begin + len, sp.end + len, sp.style});
        } else {
            spans.push_back({sp.begin, at, sp.style});
            spans.push_back({at + len, sp.end + len, sp.style});
        }
    }
    auto pos = std::find_if(spans.begin(), spans.end(), [&](const style_span& sp) { return sp.begin >= at + len; });
    spans.insert(pos, style_span{at, at + len, style});
    // Neighbours of one style are one span again (one run, one shaping).
    p.spans.clear();
    for (const style_span& sp : spans) {
        if (sp.begin == sp.end) continue;
        if (!p.spans.empty() && p.spans.back().style == sp.style && p.spans.back().end == sp.begin)
            p.spans.back().end = sp.end;
        else
            p.spans.push_back(sp);
    }
    for (link_span& l : p.links) {
        if (l.begin >= at) l.begin += len;
        if (l.end > at) l.end += len;
    }
    for (auto& r : p.no_break) {
        if (r.first >= at) r.first += len;
        if (r.second > at) r.second += len;
    }
}

node with_page_numbers(const node& n, std::size_t page, const std::map<std::string, std::size_t>& anchors,
                       char16_t zero) {
    node out = n;
    if (out.what == node::kind::text) {
        std::vector<page_field> fields = std::move(out.para.fields);
        out.para.fields.clear();
        for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
            std::size_t number = page;
            if (!it->ref_id.empty()) {
                auto a = anchors.find(it->ref_id);
                if (a == anchors.end())
                    throw layout_error("fo:page-number-citation refers to '" + it->ref_id + "', which has no page");
                number = a->second;
            }
            insert_text(out.para, it->at, digits(number, zero), it->style);
        }
    }
    for (node& c : out.children) c = with_page_numbers(c, page, anchors, zero);
    return out;
}

// ---- placing lines on the page ----------------------------------------------------------------

// Moves the line's runs onto the page (a line is placed once).
void place_line(line_box& lb, double region_x, double baseline_from_top, double page_height, laid_out_page& page) {
    const double y = page_height - baseline_from_top;
    for (line_run& r : lb.runs) {
        placed_run pr;
        pr.font = r.font;
        pr.size = r.size;
        pr.color = r.color;
        pr.x = region_x + r.x;
        pr.y = y - r.dy;
        pr.glyphs = std::move(r.glyphs);
        pr.text = std::move(r.text);
        pr.tag = r.tag;
        pr.hyphenated = r.hyphenated;
        pr.actual_text = std::move(r.actual_text);
        page.runs.push_back(std::move(pr));
    }
    for (const line_link& l : lb.links)
        page.links.push_back(
            {region_x + l.x0, y - l.dy - l.descent, region_x + l.x1, y - l.dy + l.ascent, l.uri, l.tag});
    const double top = y + lb.ascent;
    for (const line_rule& r : lb.rules)
        page.rules.push_back({region_x + r.x0, top - r.y0, region_x + r.x1, top - r.y1, r.width, r.color});
}

// Static content stacks its lines from the region's top, centre or bottom;
// it is not paginated (what overflows the region stays where it falls).
void place_static(std::vector<element>& els, const box& region, display_align align, double page_height,
                  laid_out_page& page) {
    std::vector<std::pair<line_box*, double>> lines;
    double y = 0, pending = 0;
    for (element& e : els) {
        if (e.what == element::kind::space) {
            if (!lines.empty()) pending = std::max(pending, e.space);
        } else if (e.what == element::kind::line) {
            if (!lines.empty()) y += pending;
            pending = 0;
            lines.emplace_back(&e.line, y);
            y += e.line.height();
        }
    }
    double offset = 0;
    if (align == display_align::center) offset = (region.height - y) / 2;
    else if (align == display_align::after) offset = region.height - y;
    for (auto [lb, top] : lines) place_line(*lb, region.x, region.y + offset + top + lb->ascent, page_height, page);
}

}  // namespace

expected<std::vector<laid_out_page>> lay_out(const document& doc, font_library& fonts, std::size_t max_pages) {
    std::vector<laid_out_page> pages;
    try {
        paragraph_setter setter(doc, fonts);
        struct sequence_pages {
            std::vector<element> elements;
            std::vector<page_slice> slices;
        };
        std::vector<sequence_pages> laid;
        std::map<std::string, std::size_t> anchors;
        std::size_t total = 0;
        for (const page_sequence& seq : doc.sequences) {
            const page_master& pm = doc.masters[seq.master];
            sequence_pages sp;
            sp.elements = flow_builder(setter, pm.body.width, pm.body.height).build(seq.flow);
            sp.slices = paginate(sp.elements, pm.body.height, total, max_pages, anchors);
            total += sp.slices.size();
            laid.push_back(std::move(sp));
        }
        if (total > max_pages) throw page_limit(max_pages);

        std::size_t number = 0;
        for (std::size_t si = 0; si < doc.sequences.size(); ++si) {
            const page_sequence& seq = doc.sequences[si];
            const page_master& pm = doc.masters[seq.master];
            for (const page_slice& slice : laid[si].slices) {
                ++number;
                laid_out_page page;
                page.width = pm.width;
                page.height = pm.height;
                for (auto [index, top] : slice.lines) {
                    line_box& lb = laid[si].elements[index].line;
                    place_line(lb, pm.body.x, pm.body.y + top + lb.ascent, pm.height, page);
                }
                auto running = [&](const std::optional<node>& content, const std::optional<box>& region,
                                   display_align align) {
                    if (!content || !region) return;
                    node numbered = with_page_numbers(*content, number, anchors, seq.zero_digit);
                    std::vector<element> els = flow_builder(setter, region->width).build(numbered);
                    place_static(els, *region, align, pm.height, page);
                };
                running(seq.static_before, pm.before, pm.before_align);
                running(seq.static_after, pm.after, pm.after_align);
                pages.push_back(std::move(page));
            }
        }
        return pages;
    } catch (layout_error& e) {
        return std::move(e.why);
    }
}

}  // namespace communique::detail::pdf
