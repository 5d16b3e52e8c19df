#include "transform/text_layout.hpp"

#include "core/unicode.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace communique::detail {

namespace {

std::size_t code_point_width(UChar32 cp) {
    // ASCII without ICU's property lookups (a text release is mostly ASCII):
    // controls are zero wide, the rest narrow.
    if (cp < 0x80) return cp < 0x20 || cp == 0x7F ? 0 : 1;
    if (cp == 0x200B || cp == 0x00AD) return 0;  // zero width space, soft hyphen
    switch (u_charType(cp)) {
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_FORMAT_CHAR:
        case U_CONTROL_CHAR: return 0;
        default: break;
    }
    if (cp >= 0x1160 && cp <= 0x11FF) return 0;  // Hangul medial vowels and final consonants join the syllable
    auto eaw = static_cast<UEastAsianWidth>(u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH));
    return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

// Break iterators are costly to make and not thread-safe: one per thread.
icu::BreakIterator& line_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU line breaker unavailable");
        return b;
    }();
    return *it;
}

icu::BreakIterator& cluster_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> b(
            icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU character breaker unavailable");
        return b;
    }();
    return *it;
}

std::string to_utf8(const icu::UnicodeString& u, int32_t begin, int32_t end) {
    std::string out;
    u.tempSubStringBetween(begin, end).toUTF8String(out);
    return out;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) width += code_point_width(static_cast<UChar32>(next_code_point(utf8, i)));
    return width;
}

std::string wrap(std::string_view text, std::size_t width, std::string_view first_prefix,
                 std::string_view next_prefix) {
    std::string flat = collapse_spaces(text);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(flat.data(), static_cast<int32_t>(flat.size())));
    // Segments between break opportunities; each keeps its trailing spaces.
    // In ASCII text an offset in UTF-16 is the same in UTF-8, so a segment
    // is a piece of `flat`; other text is converted back segment by segment.
    const bool ascii = std::all_of(flat.begin(), flat.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::vector<std::string> converted;
    std::vector<std::string_view> segments;
    icu::BreakIterator& lines = line_breaker();
    lines.setText(u);
    for (int32_t begin = lines.first(), end = lines.next(); end != icu::BreakIterator::DONE;
         begin = end, end = lines.next()) {
        if (ascii)
            segments.push_back(std::string_view(flat).substr(static_cast<std::size_t>(begin),
                                                             static_cast<std::size_t>(end - begin)));
        else
            converted.push_back(to_utf8(u, begin, end));
    }
    if (!ascii) segments.assign(converted.begin(), converted.end());

    std::string out(first_prefix);
    std::size_t used = display_width(first_prefix);
    std::size_t line_start = 0;  // offset in out of the current line's text
    bool line_empty = true;
    auto trim_line = [&] {
        while (out.size() > line_start && out.back() == ' ') out.pop_back();
    };
    auto new_line = [&] {
        trim_line();
        out += '\n';
        out += next_prefix;
        line_start = out.size();
        used = display_width(next_prefix);
        line_empty = true;
    };
    line_start = out.size();
    for (std::string_view seg : segments) {
        std::string_view word = seg;
        while (word.ends_with(' ')) word.remove_suffix(1);
        std::size_t w = display_width(word);
        if (!line_empty && used + w > width) new_line();
        if (used + w > width) {
            // Too wide for any line: cut between grapheme clusters.
            icu::UnicodeString uw = icu::UnicodeString::fromUTF8(
                icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
            icu::BreakIterator& clusters = cluster_breaker();
            clusters.setText(uw);
            for (int32_t b = clusters.first(), e = clusters.next(); e != icu::BreakIterator::DONE;
                 b = e, e = clusters.next()) {
                std::string cluster = to_utf8(uw, b, e);
                std::size_t cw = display_width(cluster);
                if (!line_empty && used + cw > width) new_line();
                out += cluster;
                used += cw;
                line_empty = false;
            }
        } else {
            out += word;
            used += w;
            line_empty = false;
        }
        std::size_t spaces = seg.size() - word.size();
        out.append(spaces, ' ');
        used += spaces;
    }
    trim_line();
    return out;
}

std::string center(std::string_view text, std::size_t width) {
    std::string flat = collapse_spaces(text);
    std::size_t w = display_width(flat);
    return w >= width ? flat : std::string((width - w) / 2, ' ') + flat;
}

}  // namespace communique::detail
