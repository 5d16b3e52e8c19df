#include "core/unicode.hpp"

#include "core/hash.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace communique::detail {

namespace {

bool is_ascii(std::string_view s) noexcept {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_length_at(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

namespace {

constexpr std::uint64_t high_bits = 0x8080808080808080u;  // bit 7 of each of eight bytes

// How many of the eight bytes have bit 7 set, in a word with no other bit
// set: by a multiplication, which every x86-64 has, where std::popcount
// without -mpopcnt calls a function in libgcc.
std::size_t count_high_bits(std::uint64_t m) noexcept {
    return static_cast<std::size_t>(((m >> 7) * 0x0101010101010101u) >> 56);
}

}  // namespace

std::size_t count_code_points(std::string_view s) noexcept {
    // Eight bytes at a time (every column of every node of a draft is
    // counted): a continuation byte is 10xxxxxx, bit 7 set and bit 6 clear.
    std::size_t continuations = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        continuations += count_high_bits(w & ~(w << 1) & high_bits);
    }
    for (; i < s.size(); ++i) continuations += is_utf8_continuation(static_cast<unsigned char>(s[i]));
    return s.size() - continuations;
}

std::size_t advance_code_points(std::string_view s, std::size_t n) noexcept {
    std::size_t i = 0;
    while (i < s.size() && n > 0) {
        ++i;
        while (i < s.size() && is_utf8_continuation(static_cast<unsigned char>(s[i]))) ++i;
        --n;
    }
    return i;
}

char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    const auto first = static_cast<unsigned char>(s[i]);
    if (first < 0x80) {
        ++i;
        return first;
    }
    const utf8_char c = decode_utf8_at(s, i);
    i += c.len;
    return c.cp;
}

namespace {

// Unicode's Stream-Safe Text Format (UAX #15, section 13): a combining
// grapheme joiner (U+034F) after every 30 non-starters in a row. No real
// text has such a run; without this, ICU's normaliser reorders an unbounded
// run of combining marks by insertion sort, O(n^2) (docs/performance.md has
// what that cost). True when the text changed.
bool make_stream_safe(icu::UnicodeString& u, const icu::Normalizer2& nfc) {
    constexpr int max_run = 30;
    int run = 0;
    bool long_run = false;
    for (int32_t i = 0; i < u.length() && !long_run; i = u.moveIndex32(i, 1)) {
        run = nfc.getCombiningClass(u.char32At(i)) == 0 ? 0 : run + 1;
        long_run = run > max_run;
    }
    if (!long_run) return false;
    icu::UnicodeString out;
    run = 0;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        UChar32 c = u.char32At(i);
        if (nfc.getCombiningClass(c) == 0) {
            run = 0;
        } else if (++run > max_run) {
            out.append(static_cast<UChar32>(0x034F));
            run = 1;
        }
        out.append(c);
    }
    u = std::move(out);
    return true;
}

}  // namespace

void load_nfc_data() {
    UErrorCode status = U_ZERO_ERROR;
    (void)icu::Normalizer2::getNFCInstance(status);
}

std::string to_nfc(std::string_view s) {
    if (is_ascii(s)) return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(s);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    bool changed = make_stream_safe(u, *nfc);
    if (!changed && nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
    status = U_ZERO_ERROR;
    icu::UnicodeString normal = nfc->normalize(u, status);
    if (U_FAILURE(status)) return std::string(s);
    std::string out;
    normal.toUTF8String(out);
    return out;
}

std::string to_upper(std::string_view s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::string out;
    u.toUpper(icu::Locale::getRoot()).toUTF8String(out);
    return out;
}

// ASCII is answered without ICU: its property tables are then never paged
// in for English text, which matters to a hook's start-up time.

namespace {

// Whether a code point of the text has a property: ASCII by `ascii`, the
// rest by ICU's `other`.
template <typename Ascii>
bool any_code_point(std::string_view s, Ascii ascii, UBool (*other)(UChar32)) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (ascii(c)) return true;
            ++i;
        } else if (other(static_cast<UChar32>(next_code_point(s, i)))) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool has_lowercase(std::string_view s) {
    return any_code_point(s, [](unsigned char c) { return c >= 'a' && c <= 'z'; }, u_islower);
}

bool has_uppercase(std::string_view s) {
    return any_code_point(s, [](unsigned char c) { return c >= 'A' && c <= 'Z'; }, u_isupper);
}

bool has_letter(std::string_view s) {
    return any_code_point(s, [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }, u_isalpha);
}

namespace {

// The region's Latin-script languages, by their commonest little words (a
// release has dozens of them): English ("the", "of", "and"); Indonesian and
// Malay ("yang", "dan", "untuk"), told apart by words one of them spells its
// own way ("kerajaan", "kerana" / "pemerintah", "karena"); Filipino ("ang",
// "ng", "mga"). Empty when none has a tenth of the words: a language not told.
// Malay or Indonesian text with no word of either's own spelling is the
// fallback's of the two (a paragraph's release), else Indonesian.
std::string_view latin_language(std::string_view s, std::string_view fallback) {
    // Each word's languages, as bits: Malay or Indonesian, Malay only,
    // Indonesian only, Filipino, English. In alphabetical order, for the reader.
    enum : std::uint8_t { mi = 1, ms = 2, id = 4, fil = 8, en = 16 };
    struct entry {
        std::string_view word;
        std::uint8_t bits;
    };
    static constexpr entry words_of[] = {
        {"adalah", id}, {"akan", mi}, {"and", en}, {"ang", fil}, {"antarabangsa", ms},
        {"are", en}, {"ay", fil}, {"bagi", mi}, {"bahawa", ms}, {"bahwa", id},
        {"beliau", ms}, {"berkenaan", ms}, {"bermula", ms}, {"bilion", ms}, {"bisa", id},
        {"boleh", ms}, {"by", en}, {"dalam", mi}, {"dan", mi}, {"dari", mi},
        {"daripada", ms}, {"dengan", mi}, {"di", mi}, {"for", en}, {"from", en},
        {"has", en}, {"have", en}, {"ialah", ms}, {"in", en}, {"ini", mi},
        {"internasional", id}, {"is", en}, {"its", en}, {"itu", mi}, {"juga", mi},
        {"kami", mi}, {"kampanye", id}, {"karena", id}, {"kay", fil}, {"ke", mi},
        {"kempen", ms}, {"kepada", mi}, {"kerajaan", ms}, {"kerana", ms}, {"kesehatan", id},
        {"kesihatan", ms}, {"mga", fil}, {"miliar", id}, {"mulai", id}, {"naman", fil},
        {"nang", fil}, {"ng", fil}, {"ni", fil}, {"nombor", ms}, {"nomor", id},
        {"of", en}, {"oleh", mi}, {"on", en}, {"pada", mi}, {"para", mi},
        {"pariwisata", id}, {"pelancongan", ms}, {"pemerintah", id}, {"peratus", ms}, {"persen", id},
        {"presiden", id}, {"rasmi", ms}, {"resmi", id}, {"sa", fil}, {"saat", id},
        {"sebarang", ms}, {"sejumlah", id}, {"selepas", ms}, {"sentiasa", ms}, {"seramai", ms},
        {"serta", mi}, {"setelah", id}, {"sila", ms}, {"siya", fil}, {"talian", ms},
        {"telah", mi}, {"terbaru", id}, {"terkini", ms}, {"tersebut", mi}, {"that", en},
        {"the", en}, {"this", en}, {"tidak", mi}, {"to", en}, {"uang", id},
        {"untuk", mi}, {"upang", fil}, {"wang", ms}, {"was", en}, {"which", en},
        {"will", en}, {"with", en}, {"yang", mi},
    };
    // Every word of a release is looked up, so by hash: an open-addressed
    // table four times the list's size finds a word, or its absence, in about
    // one comparison, where a binary search of the list took seven.
    static constexpr std::size_t slots = 512;
    static_assert(std::size(words_of) * 4 <= slots);
    static const auto table = [] {
        std::array<const entry*, slots> t{};
        for (const entry& e : words_of) {
            std::size_t i = hash_bytes(e.word) % slots;
            while (t[i]) i = (i + 1) % slots;
            t[i] = &e;
        }
        return t;
    }();
    auto find = [](std::string_view word) -> const entry* {
        for (std::size_t i = hash_bytes(word) % slots; table[i]; i = (i + 1) % slots)
            if (table[i]->word == word) return table[i];
        return nullptr;
    };
    std::size_t words = 0, n_mi = 0, n_ms = 0, n_id = 0, n_fil = 0, n_en = 0;
    char buffer[14];
    std::size_t length = 0;
    auto count = [&] {
        if (length == 0) return;
        ++words;
        if (length <= sizeof buffer) {
            if (const entry* it = find(std::string_view(buffer, length))) {
                n_mi += (it->bits & (mi | ms | id)) != 0;
                n_ms += (it->bits & ms) != 0;
                n_id += (it->bits & id) != 0;
                n_fil += (it->bits & fil) != 0;
                n_en += (it->bits & en) != 0;
            }
        }
        length = 0;
    };
    for (char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (length < sizeof buffer) buffer[length] = static_cast<char>(c | 0x20);
            ++length;
        } else {
            count();
        }
    }
    count();
    if (words < 8) return {};
    // The language with most of its words, if they are a tenth of the text.
    std::size_t most = std::max({n_mi, n_fil, n_en});
    if (most * 10 < words || most < 3) return {};
    if (n_mi == most) {
        if (n_ms != n_id) return n_ms > n_id ? "ms" : "id";
        // Words both spell alike: the release's language, for a paragraph of it.
        return fallback == "ms" ? "ms" : "id";
    }
    if (n_fil == most) return "fil";
    return "en";
}

}  // namespace

std::string detect_language(std::string_view s, std::string_view fallback) {
    enum { latin, khmer, thai, lao, myanmar, han, vietnamese, count };
    std::array<std::size_t, count> n{};
    for (std::size_t i = 0; i < s.size();) {
        // ASCII, most of most releases, eight bytes at a time: in a byte
        // under 0x80 with bit 5 set (a letter in lower case), adding 0x1F
        // sets bit 7 from 'a' up and adding 0x05 from '{' up, and no sum
        // carries into the next byte.
        if (std::uint64_t w; i + 8 <= s.size() && (std::memcpy(&w, s.data() + i, 8), (w & high_bits) == 0)) {
            const std::uint64_t x = w | 0x2020202020202020u;
            const std::uint64_t from_a = x + 0x1F1F1F1F1F1F1F1Fu, past_z = x + 0x0505050505050505u;
            n[latin] += count_high_bits(from_a & ~past_z & high_bits);
            i += 8;
            continue;
        }
        if (auto c = static_cast<unsigned char>(s[i]); c < 0x80) {
            n[latin] += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            ++i;
            continue;
        }
        auto cp = static_cast<UChar32>(next_code_point(s, i));
        UErrorCode status = U_ZERO_ERROR;
        switch (uscript_getScript(cp, &status)) {
            case USCRIPT_KHMER: ++n[khmer]; break;
            case USCRIPT_THAI: ++n[thai]; break;
            case USCRIPT_LAO: ++n[lao]; break;
            case USCRIPT_MYANMAR: ++n[myanmar]; break;
            case USCRIPT_HAN: n[han] += 2; break;  // a Han character is a word's worth of letters
            case USCRIPT_LATIN:
                ++n[latin];
                // Letters only Vietnamese uses among the region's Latin scripts.
                if (cp == 0x0111 || cp == 0x0110 || cp == 0x01A1 || cp == 0x01A0 || cp == 0x01B0 || cp == 0x01AF ||
                    cp == 0x0103 || cp == 0x0102 || (cp >= 0x1EA0 && cp <= 0x1EF9))
                    ++n[vietnamese];
                break;
            default: break;
        }
    }
    std::size_t best = latin;
    for (std::size_t k = khmer; k <= han; ++k)
        if (n[k] > n[best]) best = k;
    if (n[best] == 0) return std::string(fallback);
    switch (best) {
        case khmer: return "km";
        case thai: return "th";
        case lao: return "lo";
        case myanmar: return "my";
        case han: return "zh";
        default: break;
    }
    // Vietnamese text has its own letters in a good share of its words.
    if (n[vietnamese] * 20 >= n[latin] && n[vietnamese] >= 3) return "vi";
    if (std::string_view other = latin_language(s, fallback); !other.empty()) return std::string(other);
    return fallback.empty() ? std::string("en") : std::string(fallback);
}

std::size_t count_words(std::string_view s) {
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        bool word_char;
        if (c < 0x80) {
            word_char = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
            ++i;
        } else {
            auto cp = static_cast<UChar32>(next_code_point(s, i));
            word_char = u_isalnum(cp) || u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK ||
                        u_charType(cp) == U_COMBINING_SPACING_MARK;
        }
        if (word_char && !in_word) ++words;
        in_word = word_char;
    }
    return words;
}

std::string excerpt(std::string_view s) {
    std::string text;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        char32_t c = next_code_point(s, i);
        bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0);
        if (control)
            text += "\xEF\xBF\xBD";
        else
            text.append(s.substr(at, i - at));
    }
    text = collapse_spaces(text);
    std::size_t cut = advance_code_points(text, 60);
    std::size_t spaces = 0;
    for (std::size_t i = 0; i < cut; ++i)
        if (text[i] == ' ' && ++spaces == 8) cut = i;
    if (cut >= text.size()) return text;
    // At a word's end when one is near.
    if (std::size_t space = text.rfind(' ', cut); space != std::string::npos && space > cut / 2) cut = space;
    return text.substr(0, cut) + "…";
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string escape_xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace communique::detail
