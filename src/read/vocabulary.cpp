#include "read/vocabulary.hpp"

#include "core/unicode.hpp"

#include <array>
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

std::string fold(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    bool space = false, ascii = true;
    for (char c : line) {
        if (c == '*' || c == '_') continue;
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (!ascii) out = to_upper(out);  // Vietnamese "Độc lập" reads as "ĐỘC LẬP"
    while (!out.empty() && (out.back() == ':' || out.back() == '.' || out.back() == ' ')) out.pop_back();
    // Khmer COENG + DA -> COENG + TA: "សេចក្ដី" and "សេចក្តី" are one word.
    static constexpr std::string_view coeng_da = "\xE1\x9F\x92\xE1\x9E\x8A";
    static constexpr std::string_view coeng_ta = "\xE1\x9F\x92\xE1\x9E\x8F";
    for (std::size_t at = out.find(coeng_da); at != std::string::npos; at = out.find(coeng_da, at))
        out.replace(at, coeng_da.size(), coeng_ta);
    // Typographic apostrophes in labels like SPOKESPERSON'S STATEMENT.
    for (std::size_t at = out.find("\xE2\x80\x99"); at != std::string::npos; at = out.find("\xE2\x80\x99", at))
        out.replace(at, 3, "'");
    return out;
}

std::optional<std::string_view> genre_kind(std::string_view line) {
    struct label {
        std::string_view text, kind;
    };
    // Written as fold() gives them: capitals, ្ត for ្ដ.
    static constexpr label labels[] = {
        {"PRESS RELEASE", "press-release"},
        {"NEWS RELEASE", "press-release"},
        {"MEDIA RELEASE", "press-release"},
        {"FOR IMMEDIATE RELEASE", "press-release"},
        {"JOINT PRESS RELEASE", "joint-press-release"},
        {"JOINT MEDIA RELEASE", "joint-press-release"},
        {"PRESS STATEMENT", "press-statement"},
        {"MEDIA STATEMENT", "press-statement"},
        {"STATEMENT", "statement"},
        {"OFFICIAL STATEMENT", "statement"},
        {"SPOKESPERSON'S STATEMENT", "statement"},
        {"STATEMENT BY THE SPOKESPERSON", "statement"},
        {"JOINT STATEMENT", "joint-statement"},
        {"JOINT PRESS STATEMENT", "joint-statement"},
        {"COMMUNIQUE", "communique"},
        {"COMMUNIQU\xC3\x89", "communique"},  // É
        {"JOINT COMMUNIQUE", "joint-communique"},
        {"JOINT COMMUNIQU\xC3\x89", "joint-communique"},
        {"MEDIA ADVISORY", "media-advisory"},
        {"PRESS ADVISORY", "media-advisory"},
        {"ANNOUNCEMENT", "announcement"},
        {"PUBLIC ANNOUNCEMENT", "announcement"},
        // Khmer: press release, statement, joint statement, announcement.
        {"សេចក្តីប្រកាសព័ត៌មាន", "press-release"},
        {"សេចក្តីថ្លែងការណ៍", "statement"},
        {"សេចក្តីថ្លែងការណ៍រួម", "joint-statement"},
        {"សេចក្តីថ្លែងការណ៍សារព័ត៌មាន", "press-statement"},
        {"សេចក្តីជូនដំណឹង", "announcement"},
        // Thai, Vietnamese, Malay and Indonesian.
        {"ข่าวประชาสัมพันธ์", "press-release"},
        {"แถลงการณ์", "statement"},
        {"แถลงการณ์ร่วม", "joint-statement"},
        {"THÔNG CÁO BÁO CHÍ", "press-release"},
        {"THÔNG CÁO CHUNG", "joint-communique"},
        {"TUYÊN BỐ CHUNG", "joint-statement"},
        {"SIARAN AKHBAR", "press-release"},
        {"KENYATAAN MEDIA", "press-statement"},
        {"KENYATAAN AKHBAR", "press-statement"},
        {"KENYATAAN BERSAMA", "joint-statement"},
        {"SIARAN PERS", "press-release"},
        {"KETERANGAN PERS", "press-statement"},
        {"PERNYATAAN BERSAMA", "joint-statement"},
    };
    // Labels are short: a long line is not one, and is not folded.
    if (line.size() > 120) return std::nullopt;
    std::string f = fold(line);
    for (const label& l : labels)
        if (f == l.text) return l.kind;
    return std::nullopt;
}

bool is_state_line(std::string_view line) {
    std::string f = fold(line);
    if (f.empty() || f.size() > 80) return false;
    if (f == "ព្រះរាជាណាចក្រកម្ពុជា" || f == "ราชอาณาจักรไทย" || f == "MALAYSIA" || f == "BRUNEI DARUSSALAM" ||
        f == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        return true;
    if (has_lowercase(line)) return false;  // state lines are set in capitals
    for (std::string_view lead : {"KINGDOM OF ", "REPUBLIC OF ", "STATE OF ", "SULTANATE OF ", "UNION OF ",
                                  "COMMONWEALTH OF ", "FEDERATION OF ", "PRINCIPALITY OF ", "EMIRATE OF ",
                                  "FEDERAL REPUBLIC OF ", "PEOPLE'S REPUBLIC OF ", "SOCIALIST REPUBLIC OF ",
                                  "DEMOCRATIC REPUBLIC OF ", "GRAND DUCHY OF "})
        if (f.starts_with(lead)) return true;
    for (std::string_view tail : {" REPUBLIC", " KINGDOM", " FEDERATION", " DEMOCRATIC REPUBLIC"})
        if (f.ends_with(tail) && !has_organisation_word(line)) return true;
    return false;
}

bool is_known_motto(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view m : {"NATION RELIGION KING", "ជាតិ សាសនា ព្រះមហាក្សត្រ",
                               "PEACE INDEPENDENCE DEMOCRACY UNITY PROSPERITY", "INDEPENDENCE - FREEDOM - HAPPINESS",
                               "INDEPENDENCE – FREEDOM – HAPPINESS", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
                               "UNITY IN DIVERSITY", "BHINNEKA TUNGGAL IKA"})
        if (f == m) return true;
    return false;
}

std::size_t motto_after_state(std::string_view line) {
    if (line.size() > 160 || line.size() < 24) return 0;
    // ASCII letters in capitals (Khmer has no case; Vietnamese mottos are
    // printed in capitals), byte for byte, so that offsets stay the line's.
    std::string upper(line);
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    for (std::string_view m : {"NATION RELIGION KING", "ជាតិ សាសនា ព្រះមហាក្សត្រ",
                               "PEACE INDEPENDENCE DEMOCRACY UNITY PROSPERITY", "INDEPENDENCE - FREEDOM - HAPPINESS",
                               "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"}) {
        std::size_t at = upper.find(m);
        if (at == std::string::npos || at == 0 || at + m.size() != upper.size()) continue;
        std::size_t end = at;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
        if (end > 0 && is_state_line(line.substr(0, end))) return at;
    }
    return 0;
}

bool is_reference_line(std::string_view line) {
    std::string f = fold(line);
    if (f.size() > 80 || f.size() < 4) return false;
    for (std::string_view lead : {"NO ", "NO. ", "NO.", "N° ", "REF ", "REF: ", "REF. ", "REF.: ", "REFERENCE ",
                                  "REFERENCE: ", "REFERENCE NO", "OUR REF", "PR NO", "លេខ"}) {
        if (f.starts_with(lead)) {
            // A reference has a number in it.
            for (char c : f)
                if (c >= '0' && c <= '9') return true;
            return f.starts_with("លេខ");
        }
    }
    return false;
}

bool has_organisation_word(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view w : {"MINISTRY", "MINISTRIES", "EMBASSY", "GOVERNMENT", "OFFICE OF THE PRIME MINISTER",
                               "COUNCIL", "AUTHORITY", "COMMISSION", "AGENCY", "SECRETARIAT", "PERMANENT MISSION",
                               "CONSULATE", "NATIONAL BANK", "PARLIAMENT", "SENATE", "NATIONAL ASSEMBLY",
                               "ROYAL PALACE", "CABINET"})
        if (contains_word(f, w)) return true;
    return contains_any(f, {"ក្រសួង", "រាជរដ្ឋាភិបាល", "ស្ថានទូត", "ក្រុមប្រឹក្សា", "กระทรวง", "BỘ "});
}

bool has_unit_word(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view w : {"DEPARTMENT", "GENERAL DEPARTMENT", "DIRECTORATE", "DIVISION", "OFFICE", "BUREAU",
                               "UNIT", "SECTION", "SECRETARIAT", "CENTRE", "CENTER", "SPOKESPERSON", "PRESS",
                               "INFORMATION", "COMMUNICATIONS", "INSTITUTE", "COMMITTEE"})
        if (contains_word(f, w)) return true;
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
        auto try_one = [&](std::string_view h) {
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
        for (std::string_view h : honorifics) another |= after.starts_with(h) && h != "HE";
        for (std::string_view h : more) another |= after.starts_with(h);
        if (!another) break;
        total += spaces;
        rest.remove_prefix(spaces);
    }
    return total;
}

bool is_closing_lead(std::string_view line) {
    std::string f = fold(line);
    for (std::string_view lead : {"FOR MEDIA ENQUIRIES", "FOR MEDIA INQUIRIES", "MEDIA ENQUIRIES", "MEDIA INQUIRIES",
                                  "FOR MORE INFORMATION", "FOR FURTHER INFORMATION", "FOR FURTHER DETAILS",
                                  "MEDIA CONTACT", "PRESS CONTACT", "CONTACT:", "CONTACT ", "CONTACTS",
                                  "SOURCE:", "SOURCE ", "NOTE TO EDITORS", "NOTES TO EDITORS", "ISSUED BY",
                                  "PRESS AND QUICK REACTION UNIT", "TEL:", "TEL.", "TEL ", "TELEPHONE", "PHONE",
                                  "MOBILE", "EMAIL", "E-MAIL", "FAX", "WEBSITE", "WEB:"})
        if (f.starts_with(lead)) return true;
    return f == "CONTACT" || f == "SOURCE";
}

bool is_end_mark(std::string_view line) {
    std::string f;
    for (char c : line)
        if (c != ' ') f += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    for (std::string_view m : {"-END-", "END", "--END--", "-ENDS-", "ENDS", "###", "***", "---", "-30-", "-0-",
                               "(END)", "-###-", "***END***", "___",
                               "–END–", "—END—", "–ENDS–", "—ENDS—", "...", "…"})
        if (f == m) return true;
    return false;
}

}  // namespace communique::detail
