#include "read/vocabulary.hpp"

#include "core/unicode.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

namespace communique::detail {

namespace {

bool contains_word(std::string_view s, std::string_view word) {
    for (std::size_t at = s.find(word); at != std::string_view::npos; at = s.find(word, at + 1)) {
        bool left = at == 0 || s[at - 1] == ' ' || s[at - 1] == '(';
        std::size_t end = at + word.size();
        bool right = end == s.size() || s[end] == ' ' || s[end] == ',' || s[end] == ')' || s[end] == '\'';
        if (left && right) return true;
    }
    return false;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
    for (std::string_view n : needles)
        if (s.find(n) != std::string_view::npos) return true;
    return false;
}

}  // namespace

std::string fold(std::string_view line, std::size_t limit) {
    // Every predicate of the recogniser folds its line, paragraphs included:
    // written through a pointer into room made once, not appended a byte at
    // a time, each byte looked up once in a table of what fold does with it.
    enum : unsigned char { keep, drop, blank };
    struct byte_table {
        unsigned char what[256], upper[256];
    };
    static constexpr byte_table table = [] {
        byte_table t{};
        for (int c = 0; c < 256; ++c) {
            t.what[c] = c == '*' || c == '_' ? drop : c == ' ' || c == '\t' ? blank : keep;
            t.upper[c] = static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        return t;
    }();
    std::string out(line.size(), '\0');
    char* const begin = out.data();
    char* o = begin;
    bool space = false;
    unsigned char high = 0;
    auto put = [&](unsigned char c) {  // true when c is kept
        if (table.what[c] != keep) {
            if (table.what[c] == blank) space = o != begin;
            return false;
        }
        if (space) *o++ = ' ';
        space = false;
        high |= c;
        *o++ = static_cast<char>(table.upper[c]);
        return true;
    };
    // No more bytes come out than go in: the first `limit` bytes in cannot
    // pass the limit, and are folded without asking.
    const std::size_t unchecked = std::min(limit, line.size());
    for (std::size_t i = 0; i < unchecked; ++i) put(static_cast<unsigned char>(line[i]));
    for (std::size_t i = unchecked; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        // Longer than the caller wants, whatever the end trims (only ASCII
        // text is folded no further): the rest is not worth folding.
        if (put(c) && static_cast<std::size_t>(o - begin) > limit && high < 0x80 && c != ':' && c != '.') {
            out.resize(static_cast<std::size_t>(o - begin));
            return out;
        }
    }
    out.resize(static_cast<std::size_t>(o - begin));
    const bool ascii = high < 0x80;
    if (!ascii) out = to_upper(out);  // Vietnamese "Độc lập" reads as "ĐỘC LẬP"
    while (!out.empty() && (out.back() == ':' || out.back() == '.' || out.back() == ' ')) out.pop_back();
    // What follows mends spellings of letters outside ASCII: most lines have none.
    if (ascii) return out;
    // Khmer COENG + DA -> COENG + TA: "សេចក្ដី" and "សេចក្តី" are one word.
    static constexpr std::string_view coeng_da = "\xE1\x9F\x92\xE1\x9E\x8A";
    static constexpr std::string_view coeng_ta = "\xE1\x9F\x92\xE1\x9E\x8F";
    for (std::size_t at = out.find(coeng_da); at != std::string::npos; at = out.find(coeng_da, at))
        out.replace(at, coeng_da.size(), coeng_ta);
    // Lao HO SUNG + LO/NO/MO -> the ligatures ຫຼ, ໜ, ໝ: both spellings are typed.
    if (out.find("\xE0\xBA\xAB") != std::string::npos) {
        static constexpr std::string_view pairs[][2] = {{"ຫລ", "ຫຼ"}, {"ຫນ", "ໜ"}, {"ຫມ", "ໝ"}};
        for (const auto& pair : pairs)
            for (std::size_t at = out.find(pair[0]); at != std::string::npos; at = out.find(pair[0], at))
                out.replace(at, pair[0].size(), pair[1]);
    }
    // A full-width colon or full stop after a Chinese label.
    while (out.ends_with("\xEF\xBC\x9A") || out.ends_with("\xE3\x80\x82")) out.resize(out.size() - 3);
    // Typographic apostrophes in labels like SPOKESPERSON'S STATEMENT.
    for (std::size_t at = out.find("\xE2\x80\x99"); at != std::string::npos; at = out.find("\xE2\x80\x99", at))
        out.replace(at, 3, "'");
    return out;
}

bool may_fold_to_open_with(std::string_view line, std::string_view capitals) noexcept {
    const std::size_t first_at = line.find_first_not_of("*_ \t");
    if (first_at == std::string_view::npos) return false;  // fold() gives ""
    const auto first = static_cast<unsigned char>(line[first_at]);
    if (first >= 0x80) return true;
    const auto upper = static_cast<char>(first >= 'a' && first <= 'z' ? first - 'a' + 'A' : first);
    return capitals.find(upper) != std::string_view::npos;
}

namespace {

struct label {
    std::string_view text, kind;
};

// Written as fold() gives them: capitals, ្ត for ្ដ, ຫຼ for ຫລ.
constexpr label genre_labels[] = {
    {"PRESS RELEASE", "press-release"},
    {"NEWS RELEASE", "press-release"},
    {"MEDIA RELEASE", "press-release"},
    {"FOR IMMEDIATE RELEASE", "press-release"},
    {"MEDIA NOTE", "press-release"},
    {"PRESS NOTE", "press-release"},
    {"NEWS STORY", "press-release"},
    {"JOINT PRESS RELEASE", "joint-press-release"},
    {"JOINT MEDIA RELEASE", "joint-press-release"},
    {"JOINT NEWS RELEASE", "joint-press-release"},
    {"PRESS STATEMENT", "press-statement"},
    {"MEDIA STATEMENT", "press-statement"},
    {"STATEMENT TO THE PRESS", "press-statement"},
    {"STATEMENT", "statement"},
    {"OFFICIAL STATEMENT", "statement"},
    {"SPOKESPERSON'S STATEMENT", "statement"},
    {"STATEMENT BY THE SPOKESPERSON", "statement"},
    {"CHAIRMAN'S STATEMENT", "statement"},
    {"CHAIR'S STATEMENT", "statement"},
    {"CHAIRPERSON'S STATEMENT", "statement"},
    {"CHAIRMAN'S PRESS STATEMENT", "press-statement"},
    {"CLARIFICATION", "statement"},
    {"PRESS CLARIFICATION", "statement"},
    {"READOUT", "statement"},
    {"JOINT STATEMENT", "joint-statement"},
    {"JOINT PRESS STATEMENT", "joint-statement"},
    {"JOINT MEDIA STATEMENT", "joint-statement"},
    {"COMMUNIQUE", "communique"},
    {"COMMUNIQU\xC3\x89", "communique"},  // É
    {"PRESS COMMUNIQUE", "communique"},
    {"JOINT COMMUNIQUE", "joint-communique"},
    {"JOINT COMMUNIQU\xC3\x89", "joint-communique"},
    {"MEDIA ADVISORY", "media-advisory"},
    {"PRESS ADVISORY", "media-advisory"},
    {"NEWS ADVISORY", "media-advisory"},
    {"NOTE TO CORRESPONDENTS", "media-advisory"},
    {"MEDIA INVITATION", "media-advisory"},
    {"PRESS BRIEFING", "other"},
    {"PRESS BRIEFING NOTE", "other"},
    {"ANNOUNCEMENT", "announcement"},
    {"PUBLIC ANNOUNCEMENT", "announcement"},
    {"NOTICE", "announcement"},
    {"PUBLIC NOTICE", "announcement"},
    // Khmer: press release, statement, joint statement, announcement.
    {"សេចក្តីប្រកាសព័ត៌មាន", "press-release"},
    {"សេចក្តីថ្លែងការណ៍", "statement"},
    {"សេចក្តីថ្លែងការណ៍រួម", "joint-statement"},
    {"សេចក្តីថ្លែងការណ៍សារព័ត៌មាន", "press-statement"},
    {"សេចក្តីជូនដំណឹង", "announcement"},
    // Thai: news release, news, information-department news, statement, announcement.
    {"ข่าวประชาสัมพันธ์", "press-release"},
    {"ข่าวสาร", "press-release"},
    {"ข่าวสารนิเทศ", "press-release"},
    {"ข่าวสารนิเทศ กระทรวงการต่างประเทศ", "press-release"},
    {"แถลงการณ์", "statement"},
    {"แถลงการณ์ร่วม", "joint-statement"},
    {"แถลงข่าว", "press-statement"},
    {"ข่าวแจก", "press-release"},
    {"ข่าว ธปท", "press-release"},  // the Bank of Thailand's
    {"ประกาศ", "announcement"},
    // Lao: statement, joint statement, notice, news release.
    {"ຖະແຫຼງການ", "statement"},
    {"ຖະແຫຼງການຮ່ວມ", "joint-statement"},
    {"ຖະແຫຼງຂ່າວ", "press-statement"},
    {"ແຈ້ງການ", "announcement"},
    {"ຂ່າວເຜີຍແຜ່", "press-release"},
    {"ຂ່າວສານ", "press-release"},
    // Burmese: press release, statement, joint statement, announcement.
    {"သတင်းထုတ်ပြန်ချက်", "press-release"},
    {"သတင်းထုတ်ပြန်ကြေညာချက်", "press-release"},
    {"ထုတ်ပြန်ချက်", "statement"},
    {"ကြေညာချက်", "statement"},
    {"ပူးတွဲကြေညာချက်", "joint-statement"},
    {"ပူးတွဲထုတ်ပြန်ချက်", "joint-statement"},
    {"အသိပေးကြေညာချက်", "announcement"},
    {"အသိပေးချက်", "announcement"},
    {"အထူးသတိပေးချက်", "announcement"},  // special warning
    {"သတိပေးချက်", "announcement"},
    // Vietnamese.
    {"THÔNG CÁO BÁO CHÍ", "press-release"},
    {"THÔNG CÁO BÁO CHÍ CHUNG", "joint-press-release"},
    {"THÔNG CÁO", "communique"},
    {"THÔNG CÁO CHUNG", "joint-communique"},
    {"TUYÊN BỐ", "statement"},
    {"TUYÊN BỐ BÁO CHÍ", "press-statement"},
    {"TUYÊN BỐ CHUNG", "joint-statement"},
    {"THÔNG BÁO", "announcement"},
    {"TIN BÁO CHÍ", "press-release"},
    // Malay.
    {"SIARAN AKHBAR", "press-release"},
    {"SIARAN MEDIA", "press-release"},
    {"SIARAN MEDIA BERSAMA", "joint-press-release"},
    {"KENYATAAN MEDIA", "press-statement"},
    {"KENYATAAN AKHBAR", "press-statement"},
    {"KENYATAAN", "statement"},
    {"KENYATAAN RASMI", "statement"},
    {"KENYATAAN BERSAMA", "joint-statement"},
    {"KENYATAAN MEDIA BERSAMA", "joint-statement"},
    {"PENGUMUMAN", "announcement"},
    {"MAKLUMAN MEDIA", "media-advisory"},
    // Indonesian.
    {"SIARAN PERS", "press-release"},
    {"SIARAN PERS BERSAMA", "joint-press-release"},
    {"RILIS PERS", "press-release"},
    {"KETERANGAN PERS", "press-statement"},
    {"PERNYATAAN PERS", "press-statement"},
    {"PERNYATAAN", "statement"},
    {"PERNYATAAN BERSAMA", "joint-statement"},
    {"KOMUNIKE", "communique"},
    {"KOMUNIKE BERSAMA", "joint-communique"},
    {"UNDANGAN PELIPUTAN", "media-advisory"},
    // Filipino.
    {"PAHAYAG", "statement"},
    {"PAHAYAG SA MEDIA", "press-statement"},
    {"PAHAYAG PANG-MEDIA", "press-statement"},
    {"PINAGSANIB NA PAHAYAG", "joint-statement"},
    {"PABATID", "announcement"},
    {"PABATID SA PUBLIKO", "announcement"},
    {"ABISO", "announcement"},
    {"ANUNSYO", "announcement"},
    {"PAABISO SA MEDIA", "media-advisory"},
    // Chinese, simplified and traditional.
    {"新闻稿", "press-release"},
    {"新聞稿", "press-release"},
    {"新闻公报", "communique"},
    {"新聞公報", "communique"},
    {"公报", "communique"},
    {"公報", "communique"},
    {"联合公报", "joint-communique"},
    {"聯合公報", "joint-communique"},
    {"联合新闻公报", "joint-communique"},
    {"声明", "statement"},
    {"聲明", "statement"},
    {"联合声明", "joint-statement"},
    {"聯合聲明", "joint-statement"},
    {"通知", "announcement"},
    {"公告", "announcement"},
    {"通告", "announcement"},
    {"领事提醒", "announcement"},
    {"領事提醒", "announcement"},
    {"采访通知", "media-advisory"},
    {"採訪通知", "media-advisory"},
};

std::optional<std::string_view> label_kind(std::string_view f) {
    // Asked of every short line at the top of every release, several times
    // over: by hash, not by comparing the line with each label in turn.
    static const auto kinds = [] {
        std::unordered_map<std::string_view, std::string_view> m;
        for (const label& l : genre_labels) m.emplace(l.text, l.kind);  // the first of a label twice listed
        return m;
    }();
    if (auto it = kinds.find(f); it != kinds.end()) return it->second;
    return std::nullopt;
}

// What opens a label's number.
constexpr std::string_view number_marks[] = {" NO. ", " NO ", " NO.", " NOMOR: ", " NOMOR ", " BIL. ", " SỐ: ",
                                             " SỐ ",  " #",  " ฉบับที่ "};

// "PRESS RELEASE NO. 12/2024", "SIARAN PERS NOMOR: 45/HM/2024": a label
// with its number.
std::string_view without_number(std::string_view f) {
    for (std::string_view mark : number_marks) {
        std::size_t at = f.find(mark);
        if (at == std::string_view::npos) continue;
        std::string_view number = f.substr(at + mark.size());
        // A digit, ASCII or Thai (๐-๙ are E0 B9 90-99).
        bool digit = !number.empty() && ((number.front() >= '0' && number.front() <= '9') ||
                                         (number.starts_with("\xE0\xB9") && number.size() > 2 &&
                                          static_cast<unsigned char>(number[2]) >= 0x90 &&
                                          static_cast<unsigned char>(number[2]) <= 0x99));
        if (digit) return f.substr(0, at);
    }
    return f;
}

}  // namespace

std::optional<std::string_view> genre_kind(std::string_view line) {
    // Labels are short: a long line is not one, and is not folded.
    if (line.size() > 120) return std::nullopt;
    std::string f = fold(line);
    if (auto k = label_kind(f)) return k;
    // Only a line with a digit can carry a number.
    bool digit = std::any_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                 f.find("\xE0\xB9") != std::string::npos;
    // "News Release | 4 December 2024": a web page's label, its date after a bar.
    if (std::size_t bar = f.find(" | "); digit && bar != std::string::npos)
        if (auto k = label_kind(std::string_view(f).substr(0, bar))) return k;
    std::string_view rest = digit ? without_number(f) : std::string_view(f);
    while (!rest.empty() && (rest.back() == '.' || rest.back() == ':' || rest.back() == ' ')) rest.remove_suffix(1);
    if (rest.size() < f.size())
        if (auto k = label_kind(rest)) return k;
    // The issuer's short name before a label of two words or more: "MFA PRESS
    // STATEMENT", "POLICE NEWS RELEASE".
    std::size_t space = rest.find(' ');
    if (space != std::string_view::npos && space <= 10) {
        std::string_view first = rest.substr(0, space), label = rest.substr(space + 1);
        bool word = std::all_of(first.begin(), first.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; });
        if (word && label.find(' ') != std::string_view::npos)
            if (auto k = label_kind(label)) return k;
    }
    return std::nullopt;
}

namespace {

// The line without spaces, dashes, commas and middle dots, so that "NATION,
// RELIGION, KING", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC" and a Lao state line typed
// with or without spaces between its words compare alike.
std::string squeeze(std::string_view f) {
    std::string out;
    out.reserve(f.size());
    for (std::size_t i = 0; i < f.size(); ++i) {
        char c = f[i];
        if (c == ' ' || c == '-' || c == ',') continue;
        std::string_view rest = f.substr(i);
        // EN DASH, EM DASH, MIDDLE DOT, IDEOGRAPHIC COMMA, FULL-WIDTH COMMA, BURMESE COMMA.
        if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94") ||
            rest.starts_with("\xE3\x80\x81") || rest.starts_with("\xEF\xBC\x8C") ||
            rest.starts_with("\xE1\x81\x8A")) {
            i += 2;
            continue;
        }
        if (rest.starts_with("\xC2\xB7")) {
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}

// National state lines printed without a "KINGDOM OF"-style lead, squeezed.
constexpr std::string_view state_lines[] = {
    "ព្រះរាជាណាចក្រកម្ពុជា", "ราชอาณาจักรไทย", "MALAYSIA", "BRUNEIDARUSSALAM", "REPUBLIKINDONESIA",
    "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM", "CỘNGHOÀXÃHỘICHỦNGHĨAVIỆTNAM",
    "ສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວ",  // Lao People's Democratic Republic
    "ပြည်ထောင်စုသမ္မတမြန်မာနိုင်ငံတော်",  // Republic of the Union of Myanmar
    "ပြည်ထောင်စုသမ္မတမြန်မာနိုင်ငံတော်အစိုးရ",  // its Government, printed where a state line stands
    "中华人民共和国", "中華人民共和國", "REPUBLIKANGPILIPINAS",
};

// Mottos under a state line, squeezed.
constexpr std::string_view mottos[] = {
    "NATIONRELIGIONKING", "ជាតិសាសនាព្រះមហាក្សត្រ",
    "PEACEINDEPENDENCEDEMOCRACYUNITYPROSPERITY",
    "ສັນຕິພາບເອກະລາດປະຊາທິປະໄຕເອກະພາບວັດທະນະຖາວອນ",  // Lao: peace independence democracy unity prosperity
    "INDEPENDENCEFREEDOMHAPPINESS", "ĐỘCLẬPTỰDOHẠNHPHÚC",
    "UNITYINDIVERSITY", "BHINNEKATUNGGALIKA",
};

bool in(std::string_view s, const auto& list) {
    return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

}  // namespace

std::size_t genre_label_end(std::string_view line) {
    if (!genre_kind(line)) return 0;
    // Capitals for ASCII letters only, byte for byte, so offsets stay the line's.
    std::string upper(line);
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (std::size_t bar = line.find(" | "); bar != std::string::npos && label_kind(fold(line.substr(0, bar))))
        return bar;
    for (std::string_view mark : number_marks) {
        std::size_t at = upper.find(mark);
        if (at == std::string::npos || at == 0) continue;
        std::string_view before = line.substr(0, at);
        if (std::string f = fold(before); label_kind(f)) return before.size();
    }
    return line.size();
}

bool is_state_line(std::string_view line) {
    // A line whose first letter cannot open a listed state line and that
    // has small letters is none (see below), and is not worth folding:
    // most paragraphs of a release.
    const std::size_t first_at = line.find_first_not_of("*_ \t");
    const auto first_byte = static_cast<unsigned char>(first_at == std::string_view::npos ? 0 : line[first_at] & ~0x20);
    if (first_byte != 'M' && first_byte != 'B' && first_byte != 'R' && first_byte != 'C' &&
        (first_at == std::string_view::npos || static_cast<unsigned char>(line[first_at]) < 0xE0) &&
        has_lowercase(line))
        return false;
    std::string f = fold(line, 120);
    if (f.empty() || f.size() > 120) return false;
    // The listed lines open with one of these bytes: squeeze only those that may be one.
    unsigned char first = static_cast<unsigned char>(f[0]);
    if ((first == 'M' || first == 'B' || first == 'R' || first == 'C' || first >= 0xE0) && in(squeeze(f), state_lines))
        return true;
    if (f.size() > 80 || has_lowercase(line)) return false;  // state lines are set in capitals
    for (std::string_view lead : {"KINGDOM OF ", "REPUBLIC OF ", "STATE OF ", "SULTANATE OF ", "UNION OF ",
                                  "COMMONWEALTH OF ", "FEDERATION OF ", "PRINCIPALITY OF ", "EMIRATE OF ",
                                  "FEDERAL REPUBLIC OF ", "PEOPLE'S REPUBLIC OF ", "SOCIALIST REPUBLIC OF ",
                                  "DEMOCRATIC REPUBLIC OF ", "GRAND DUCHY OF ", "LAO PEOPLE'S DEMOCRATIC REPUBLIC",
                                  "REPUBLIC OF THE UNION OF "})
        if (f.starts_with(lead)) return true;
    for (std::string_view tail : {" REPUBLIC", " KINGDOM", " FEDERATION", " DEMOCRATIC REPUBLIC"})
        if (f.ends_with(tail) && !has_organisation_word(line)) return true;
    return false;
}

bool is_known_motto(std::string_view line) {
    std::string f = fold(line, 160);
    if (f.size() > 160) return false;
    return in(squeeze(f), mottos);
}

std::size_t motto_after_state(std::string_view line) {
    if (line.size() > 320 || line.size() < 24) return 0;
    // A motto ends the line: a line that ends with none is not copied.
    auto ends_with_motto = [&](std::string_view m) {
        if (m.size() > line.size()) return false;
        std::string_view tail = line.substr(line.size() - m.size());
        for (std::size_t k = 0; k < m.size(); ++k) {
            char c = tail[k];
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (c != m[k]) return false;
        }
        return true;
    };
    std::string upper;
    for (std::string_view m : {"NATION RELIGION KING", "ជាតិ សាសនា ព្រះមហាក្សត្រ",
                               "PEACE INDEPENDENCE DEMOCRACY UNITY PROSPERITY", "INDEPENDENCE - FREEDOM - HAPPINESS",
                               "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC",
                               "ສັນຕິພາບ ເອກະລາດ ປະຊາທິປະໄຕ ເອກະພາບ ວັດທະນະຖາວອນ"}) {
        if (!ends_with_motto(m)) continue;
        // ASCII letters in capitals (Khmer has no case; Vietnamese mottos are
        // printed in capitals), byte for byte, so that offsets stay the line's.
        if (upper.empty()) {
            upper = line;
            for (char& c : upper)
                if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        std::size_t at = upper.find(m);
        if (at == std::string::npos || at == 0 || at + m.size() != upper.size()) continue;
        std::size_t end = at;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
        if (end > 0 && is_state_line(line.substr(0, end))) return at;
    }
    return 0;
}

bool is_reference_line(std::string_view line) {
    // Every lead below that opens with an ASCII letter opens with one of these.
    if (!may_fold_to_open_with(line, "BNOPRS")) return false;
    std::string f = fold(line, 80);
    if (f.size() > 80 || f.size() < 4) return false;
    for (std::string_view lead : {"NO ", "NO. ", "NO.", "N° ", "REF ", "REF: ", "REF. ", "REF.: ", "REFERENCE ",
                                  "REFERENCE: ", "REFERENCE NO", "OUR REF", "PR NO", "លេខ", "NOMOR", "NOMOR:", "RUJ",
                                  "RUJUKAN", "BIL.", "BIL ", "SỐ:", "SỐ ", "ເລກທີ", "ที่ กต", "အမှတ်", "编号", "文号"}) {
        if (f.starts_with(lead)) {
            // A reference has a number in it.
            for (char c : f)
                if (c >= '0' && c <= '9') return true;
            return f.starts_with("លេខ") || f.starts_with("ເລກທີ") || f.starts_with("အမှတ်");
        }
    }
    return false;
}

namespace {

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Chinese and Burmese name an office by its last characters ("中华人民共和国外交部",
// "外交部新闻司"); a headline that mentions one goes on past it. Short lines only.
// Burmese puts spaces between phrases and takes more bytes a name.
bool ends_with_any(std::string_view f, std::initializer_list<std::string_view> tails, bool burmese = false) {
    if (f.size() > (burmese ? 180u : 75u) || f.find_first_of(burmese ? ",.:;!?" : " ,.:;!?") != std::string_view::npos)
        return false;
    for (std::string_view t : tails)
        if (f.size() > t.size() && f.ends_with(t)) return true;
    return false;
}

bool starts_with_any(std::string_view f, std::initializer_list<std::string_view> leads) {
    for (std::string_view l : leads)
        if (f.starts_with(l)) return true;
    return false;
}

}  // namespace

bool has_organisation_word(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view w : {"MINISTRY", "MINISTRIES", "EMBASSY", "GOVERNMENT", "OFFICE OF THE PRIME MINISTER",
                               "COUNCIL", "AUTHORITY", "COMMISSION", "AGENCY", "SECRETARIAT", "PERMANENT MISSION",
                               "CONSULATE", "NATIONAL BANK", "PARLIAMENT", "SENATE", "NATIONAL ASSEMBLY",
                               "ROYAL PALACE", "CABINET", "POLICE", "HIGH COMMISSION", "DELEGATION", "ORGANIZATION",
                               "ORGANISATION", "UNITED NATIONS", "DEPARTMENT OF FOREIGN AFFAIRS", "DEPARTMENT OF STATE",
                               "CENTRAL BANK", "BANK OF", "OFFICE OF THE PRESIDENT", "PRESIDENTIAL",
                               // Malay, Indonesian, Filipino.
                               "KEMENTERIAN", "KEDUTAAN", "KEDUTAAN BESAR", "KERAJAAN", "PEMERINTAH", "SURUHANJAYA",
                               "MAJLIS", "LEMBAGA", "KOMISI", "DEWAN", "BADAN", "KONSULAT", "JABATAN PERDANA MENTERI",
                               "PERUTUSAN TETAP", "PERWAKILAN TETAP", "BANK NEGARA", "BANK INDONESIA", "KAGAWARAN",
                               "PAMAHALAAN", "EMBAHADA", "TANGGAPAN NG PANGULO", "BANGKO SENTRAL"})
        if (contains_word(f, w)) return true;
    if (is_ascii(f)) return false;  // nothing below can match
    // Vietnamese: ministry, embassy, government, committee, consulate general.
    if (starts_with_any(f, {"ĐẠI SỨ QUÁN", "CHÍNH PHỦ", "ỦY BAN", "UỶ BAN", "TỔNG LÃNH SỰ QUÁN", "QUỐC HỘI",
                            "VĂN PHÒNG CHÍNH PHỦ", "NGÂN HÀNG NHÀ NƯỚC"}))
        return true;
    // Lao: ministry, government, embassy; Thai: ministry, embassy, government.
    if (starts_with_any(f, {"ກະຊວງ", "ລັດຖະບານ", "ສະຖານທູດ", "ກະຊວງການຕ່າງປະເທດ", "สถานเอกอัครราชทูต", "รัฐบาล",
                            "ສະພາແຫ່ງຊາດ", "ธนาคารแห่งประเทศไทย"}))
        return true;
    // Burmese: ministry, embassy, government.
    if (ends_with_any(f, {"ဝန်ကြီးဌာန", "သံရုံး", "အစိုးရ", "ကော်မရှင်"}, true)) return true;
    // Chinese: ministry, embassy, consulate, government, commission, bureau of a state.
    if (ends_with_any(f, {"部", "大使馆", "大使館", "总领事馆", "總領事館", "领事馆", "政府", "委员会", "委員會", "国务院",
                          "國務院", "代表团", "代表團", "银行", "銀行", "办公厅", "辦公廳"}))
        return true;
    return contains_any(f, {"ក្រសួង", "រាជរដ្ឋាភិបាល", "ស្ថានទូត", "ក្រុមប្រឹក្សា", "กระทรวง", "BỘ "});
}

bool has_unit_word(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view w : {"DEPARTMENT", "GENERAL DEPARTMENT", "DIRECTORATE", "DIVISION", "OFFICE", "BUREAU",
                               "UNIT", "SECTION", "SECRETARIAT", "CENTRE", "CENTER", "SPOKESPERSON", "PRESS",
                               "INFORMATION", "COMMUNICATIONS", "INSTITUTE", "COMMITTEE",
                               // Malay, Indonesian, Filipino.
                               "JABATAN", "BAHAGIAN", "UNIT KOMUNIKASI", "DIREKTORAT", "DIREKTORAT JENDERAL", "BIRO",
                               "PUSAT", "BAGIAN", "SEKRETARIAT", "KANTOR", "SUBDIREKTORAT", "TANGGAPAN", "KAWANIHAN",
                               "SANGAY", "OPISINA"})
        if (contains_word(f, w)) return true;
    if (is_ascii(f)) return false;
    // Vietnamese: department, directorate, office, centre, board, provincial department.
    if (starts_with_any(f, {"CỤC ", "VỤ ", "VĂN PHÒNG", "TRUNG TÂM", "BAN ", "SỞ ", "TỔNG CỤC"})) return true;
    // Thai: department, office, division, centre; Lao: department, office.
    if (starts_with_any(f, {"กอง", "ศูนย์", "ກົມ", "ຫ້ອງການ", "ສູນ", "ພະແນກ"})) return true;
    // Burmese: department, office, information team.
    if (ends_with_any(f, {"ဦးစီးဌာန", "ရုံး", "ဌာန", "အဖွဲ့"}, true)) return true;
    // Chinese: department, bureau, office, spokesperson's office.
    if (ends_with_any(f, {"司", "局", "办公室", "辦公室", "处", "處", "中心", "新闻办", "新聞辦", "发言人办公室"})) return true;
    return contains_any(f, {"អគ្គនាយកដ្ឋាន", "នាយកដ្ឋាន", "ការិយាល័យ", "អ្នកនាំពាក្យ", "กรม", "สำนัก"});
}

std::size_t honorific_length(std::string_view text) {
    static constexpr std::string_view honorifics[] = {
        "His Excellency",  "Her Excellency",     "Their Excellencies", "His Majesty",     "Her Majesty",
        "His Royal Highness", "Her Royal Highness", "His Holiness",    "H.R.H.",          "H.M.",
        "H.E.",            "HE",                 "Excellency",         "Samdech Akka Moha Sena Padei Techo",
        "Samdech Moha Bovor Thipadei", "Samdech Techo", "Samdech",     "Lok Chumteav",    "Neak Oknha",
        "Oknha",           "Tan Sri",            "Puan Sri",           "Dato' Sri",       "Datuk Seri",
        "Dato'",           "Datuk",              "Datin",              "Pehin",           "Dr.",
        "Dr",              "Prof.",              "Professor",          "Mr.",             "Mrs.",
        "Ms.",             "Madam",              "ឯកឧត្តម",             "លោកជំទាវ",         "សម្តេច",
    };
    static constexpr std::string_view more[] = {
        "សម្ដេច", "លោកស្រី", "ឧកញ៉ា", "Ambassador",
        // Thai titles, written straight before the name; the longer ones
        // win ("นายกรัฐมนตรี" is the Prime Minister, not "นาย").
        "นายกรัฐมนตรี", "นาย", "นางสาว", "นาง", "ดร.", "ศาสตราจารย์",
        // Vietnamese offices and forms of address used as honorifics.
        "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ tịch", "Ông", "Bà", "ông", "bà",
        // Malay and Indonesian.
        "Yang Berhormat", "Yang Amat Berhormat", "Bapak", "Ibu"};
    std::size_t total = 0;
    std::string_view rest = text;
    for (;;) {
        std::size_t best = 0;
        // A first byte that differs rules an honorific out before comparing it whole.
        const char first = rest.empty() ? '\0' : rest[0];
        auto try_one = [&](std::string_view h) {
            if (h[0] != first) return;
            if (h == "Ambassador" && total == 0) return;  // only after another honorific
            if (!rest.starts_with(h) || h.size() <= best) return;
            // Khmer and Thai write some honorifics straight before the name.
            bool joined = static_cast<unsigned char>(h[0]) >= 0xE0 && rest.size() > h.size();
            if (rest.size() == h.size() || rest[h.size()] == ' ' || joined) best = h.size();
        };
        for (std::string_view h : honorifics) try_one(h);
        for (std::string_view h : more) try_one(h);
        if (best == 0) break;
        total += best;
        rest.remove_prefix(best);
        if (!rest.starts_with(' ')) break;
        std::size_t spaces = rest.find_first_not_of(' ');
        if (spaces == std::string_view::npos) break;
        std::string_view after = rest.substr(spaces);
        bool another = false;
        for (std::string_view h : honorifics) another |= h[0] == after[0] && after.starts_with(h) && h != "HE";
        for (std::string_view h : more) another |= h[0] == after[0] && after.starts_with(h);
        if (!another) break;
        total += spaces;
        rest.remove_prefix(spaces);
    }
    return total;
}

std::size_t issuer_label_length(std::string_view line) {
    std::size_t at = 0;
    if (line.starts_with("| ")) at = 2;  // a wire page's "Date | Source: ..." cut at its cells
    for (std::string_view label : {"FROM:", "SOURCE:", "ISSUED BY:"}) {
        if (line.size() - at <= label.size()) continue;
        std::string head(line.substr(at, label.size()));
        for (char& c : head)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (head != label) continue;
        std::size_t end = at + label.size();
        while (end < line.size() && line[end] == ' ') ++end;
        return end < line.size() ? end : 0;
    }
    return 0;
}

bool is_closing_lead(std::string_view line) {
    // The leads open the line: fold its start only, not a whole paragraph
    // (cut at a character's first byte).
    // Every lead below that opens with an ASCII letter (the Vietnamese "LIÊN
    // HỆ" too) opens with one of these: a paragraph opening with another
    // letter, most do, is no lead and is not folded.
    if (!may_fold_to_open_with(line, "CEFHIKLMNPSTUW")) return false;
    std::size_t cut = std::min<std::size_t>(line.size(), 128);
    while (cut < line.size() && is_utf8_continuation(static_cast<unsigned char>(line[cut]))) --cut;
    std::string f = fold(line.substr(0, cut));
    for (std::string_view lead : {"FOR MEDIA ENQUIRIES", "FOR MEDIA INQUIRIES", "MEDIA ENQUIRIES", "MEDIA INQUIRIES",
                                  "FOR MORE INFORMATION", "FOR FURTHER INFORMATION", "FOR FURTHER DETAILS",
                                  "MEDIA CONTACT", "PRESS CONTACT", "CONTACT:", "CONTACT ", "CONTACTS",
                                  "SOURCE:", "SOURCE ", "NOTE TO EDITORS", "NOTES TO EDITORS", "ISSUED BY",
                                  "PRESS AND QUICK REACTION UNIT", "TEL:", "TEL.", "TEL ", "TELEPHONE", "PHONE",
                                  "MOBILE", "EMAIL", "E-MAIL", "FAX", "WEBSITE", "WEB:",
                                  // Malay, Indonesian, Filipino: "for further information", "contact".
                                  "UNTUK MAKLUMAT LANJUT", "MAKLUMAT LANJUT", "UNTUK KETERANGAN LANJUT",
                                  "UNTUK INFORMASI LEBIH LANJUT", "INFORMASI LEBIH LANJUT", "NARAHUBUNG",
                                  "KONTAK MEDIA", "HUBUNGI", "PARA SA KARAGDAGANG IMPORMASYON"})
        if (!f.empty() && f[0] == lead[0] && f.starts_with(lead)) return true;
    if (f == "CONTACT" || f == "SOURCE") return true;
    if (is_ascii(f)) return false;
    // Vietnamese, Thai, Lao, Burmese, Chinese: for more information, contact, telephone.
    for (std::string_view lead : {"ĐỂ BIẾT THÊM THÔNG TIN", "THÔNG TIN LIÊN HỆ", "LIÊN HỆ", "ĐIỆN THOẠI", "ติดต่อ",
                                  "สอบถามข้อมูลเพิ่มเติม", "โทร.", "โทรศัพท์", "ຕິດຕໍ່", "ໂທລະສັບ", "ဆက်သွယ်ရန်",
                                  "ဖုန်း", "联系人", "聯絡人", "联系电话", "聯絡電話", "媒体联系", "媒體聯絡"})
        if (f.starts_with(lead)) return true;
    return false;
}

bool is_end_mark(std::string_view line) {
    if (line.size() > 24) return false;  // longer than every mark, spaces and all
    std::string f;
    for (char c : line)
        if (c != ' ') f += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    for (std::string_view m : {"-END-", "END", "--END--", "-ENDS-", "ENDS", "###", "***", "---", "-30-", "-0-",
                               "(END)", "-###-", "***END***", "___",
                               "–END–", "—END—", "–ENDS–", "—ENDS—", "...", "…",
                               // "the end" in Malay/Indonesian, Filipino, Vietnamese, Thai, Chinese.
                               "-TAMAT-", "TAMAT", "-SELESAI-", "-WAKAS-", "-HẾT-", "HẾT", "-จบ-", "完", "（完）", "(完)",
                               "-ສິ້ນສຸດ-"})
        if (f == m) return true;
    return false;
}

}  // namespace communique::detail
