#include "core/unicode.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <utility>

namespace communique::detail {

namespace {

bool is_ascii(std::string_view s) noexcept {
    // Eight bytes at a time: every run of every draft is asked (to_nfc).
    std::uint64_t any = 0;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) any |= load_word(s.data() + i);
    for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
    return (any & word_high_bits) == 0;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        // ASCII, every byte of most drafts, eight bytes at a time.
        if (i + 8 <= s.size() && (load_word(s.data() + i) & word_high_bits) == 0) {
            i += 8;
            continue;
        }
        const std::size_t len = utf8_length_at(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

namespace {

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
        const std::uint64_t w = load_word(s.data() + i);
        if ((w & word_high_bits) == 0) continue;  // ASCII, most words of most drafts: nothing to count
        continuations += count_high_bits(w & ~(w << 1) & word_high_bits);
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
// "ng", "mga"). Each word's languages, as bits: Malay or Indonesian, Malay
// only, Indonesian only, Filipino, English. In alphabetical order, for the
// reader.
enum : std::uint8_t { mi = 1, ms = 2, id = 4, fil = 8, en = 16 };
struct common_word {
    std::string_view word;
    std::uint8_t bits;
};
constexpr common_word common_words[] = {
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

// Every word of a release is looked up, so by an open-addressed table a
// few times the list's size, keyed by the word's length and its first,
// second and last letters in lower case: no pass over the word to hash it,
// and a word, or its absence, is found in about one comparison.
constexpr std::size_t common_slots = 256;
static_assert(std::size(common_words) * 2 <= common_slots);
constexpr std::size_t common_slot(std::size_t length, unsigned char first, unsigned char second, unsigned char last) {
    return (length * 97 + first * 29 + second * 3 + last) % common_slots;
}
const std::array<const common_word*, common_slots>& common_table() {
    static const auto table = [] {
        std::array<const common_word*, common_slots> t{};
        for (const common_word& e : common_words) {
            const std::string_view w = e.word;
            std::size_t i = common_slot(w.size(), static_cast<unsigned char>(w[0]), static_cast<unsigned char>(w[1]),
                                        static_cast<unsigned char>(w.back()));
            while (t[i]) i = (i + 1) % common_slots;
            t[i] = &e;
        }
        return t;
    }();
    return table;
}

constexpr bool is_ascii_letter(unsigned char c) noexcept { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

// The word p[0, length), ASCII letters, among the common words in any case.
const common_word* find_common_word(const unsigned char* p, std::size_t length) noexcept {
    // No listed word is longer than this or shorter than two letters.
    if (length < 2 || length > 13) return nullptr;
    const auto& table = common_table();
    for (std::size_t i = common_slot(length, p[0] | 0x20, p[1] | 0x20, p[length - 1] | 0x20); table[i];
         i = (i + 1) % common_slots) {
        const std::string_view w = table[i]->word;
        if (w.size() != length) continue;
        std::size_t k = 0;
        while (k < length && (p[k] | 0x20) == static_cast<unsigned char>(w[k])) ++k;
        if (k == length) return table[i];
    }
    return nullptr;
}

}  // namespace

language_counts& language_counts::operator+=(const language_counts& o) noexcept {
    latin += o.latin, khmer += o.khmer, thai += o.thai, lao += o.lao, myanmar += o.myanmar, han += o.han;
    vietnamese += o.vietnamese;
    words += o.words, mi += o.mi, ms += o.ms, id += o.id, fil += o.fil, en += o.en;
    return *this;
}

language_counts count_language(std::string_view s) {
    language_counts n;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t size = s.size();
    for (std::size_t i = 0; i < size;) {
        if (is_ascii_letter(p[i])) {
            // A Latin word: its letters, then the word whole.
            const std::size_t from = i;
            // Its end, eight bytes at a time: the bytes in small letters
            // once folded to them (bit 7 cleared first, and bytes that had
            // it are no letters).
            while (std::endian::native == std::endian::little && i + 8 <= size) {
                const std::uint64_t w = load_word(p + i);
                const std::uint64_t x = (w | 0x2020202020202020u) & 0x7F7F7F7F7F7F7F7Fu;
                const std::uint64_t letters = bytes_between(x, 'a', 'z') & ~w;
                if (const std::uint64_t other = ~letters & word_high_bits) {
                    i += static_cast<std::size_t>(std::countr_zero(other)) / 8;
                    break;
                }
                i += 8;
            }
            while (i < size && is_ascii_letter(p[i])) ++i;
            n.latin += i - from;
            ++n.words;
            if (const common_word* w = find_common_word(p + from, i - from)) {
                n.mi += (w->bits & (mi | ms | id)) != 0;
                n.ms += (w->bits & ms) != 0;
                n.id += (w->bits & id) != 0;
                n.fil += (w->bits & fil) != 0;
                n.en += (w->bits & en) != 0;
            }
            continue;
        }
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        auto cp = static_cast<UChar32>(next_code_point(s, i));
        UErrorCode status = U_ZERO_ERROR;
        switch (uscript_getScript(cp, &status)) {
            case USCRIPT_KHMER: ++n.khmer; break;
            case USCRIPT_THAI: ++n.thai; break;
            case USCRIPT_LAO: ++n.lao; break;
            case USCRIPT_MYANMAR: ++n.myanmar; break;
            case USCRIPT_HAN: n.han += 2; break;  // a Han character is a word's worth of letters
            case USCRIPT_LATIN:
                ++n.latin;
                // Letters only Vietnamese uses among the region's Latin scripts.
                if (cp == 0x0111 || cp == 0x0110 || cp == 0x01A1 || cp == 0x01A0 || cp == 0x01B0 || cp == 0x01AF ||
                    cp == 0x0103 || cp == 0x0102 || (cp >= 0x1EA0 && cp <= 0x1EF9))
                    ++n.vietnamese;
                break;
            default: break;
        }
    }
    return n;
}

std::string decide_language(const language_counts& n, std::string_view fallback) {
    // The script with most letters; Latin when none has more.
    std::size_t best = n.latin;
    std::string_view script;
    for (auto [count, tag] : {std::pair{n.khmer, "km"}, std::pair{n.thai, "th"}, std::pair{n.lao, "lo"},
                              std::pair{n.myanmar, "my"}, std::pair{n.han, "zh"}})
        if (count > best) best = count, script = tag;
    if (best == 0) return std::string(fallback);
    if (!script.empty()) return std::string(script);
    // Vietnamese text has its own letters in a good share of its words.
    if (n.vietnamese * 20 >= n.latin && n.vietnamese >= 3) return "vi";
    // The Latin language with most of its common words, if they are a tenth
    // of the words; none when there are too few words to tell. Malay or
    // Indonesian text with no word of either's own spelling is the
    // fallback's of the two (a paragraph's release), else Indonesian.
    if (n.words >= 8) {
        const std::size_t most = std::max({n.mi, n.fil, n.en});
        if (most * 10 >= n.words && most >= 3) {
            if (n.mi == most) {
                if (n.ms != n.id) return n.ms > n.id ? "ms" : "id";
                return fallback == "ms" ? "ms" : "id";
            }
            return n.fil == most ? "fil" : "en";
        }
    }
    return fallback.empty() ? std::string("en") : std::string(fallback);
}

std::string detect_language(std::string_view s, std::string_view fallback) {
    return decide_language(count_language(s), fallback);
}

std::size_t count_words(std::string_view s) { return count_words(s, std::string_view::npos); }

std::size_t count_words(std::string_view s, std::size_t enough) {
    // ASCII letters and digits, by table: most of the text.
    static constexpr auto ascii_word = [] {
        std::array<bool, 128> t{};
        for (int c = 0; c < 128; ++c) t[c] = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
        return t;
    }();
    if (enough == 0) return 0;
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        bool word_char;
        if (c < 0x80) {
            word_char = ascii_word[c];
            ++i;
        } else {
            auto cp = static_cast<UChar32>(next_code_point(s, i));
            word_char = u_isalnum(cp) || u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK ||
                        u_charType(cp) == U_COMBINING_SPACING_MARK;
        }
        if (word_char && !in_word && ++words == enough) return words;
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
