#include "pdf/metadata.hpp"

#include "core/unicode.hpp"

#include <charconv>

namespace communique::detail::pdf {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

void append_padded(std::string& out, int v, int width) {
    char buf[16];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
    for (auto n = ptr - buf; n < width; ++n) out += '0';
    out.append(buf, ptr);
}

bool read_int(std::string_view& s, std::size_t digits, int& out) {
    if (s.size() < digits) return false;
    for (std::size_t i = 0; i < digits; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    std::from_chars(s.data(), s.data() + digits, out);
    s.remove_prefix(digits);
    return true;
}

bool expect(std::string_view& s, char c) {
    if (s.empty() || s.front() != c) return false;
    s.remove_prefix(1);
    return true;
}

// The time zone, when known: "Z" for UTC, else the sign, hours, `between`,
// minutes and `after` (PDF: +05'30', XMP: +05:30).
void append_offset(std::string& out, const timestamp& t, std::string_view between, std::string_view after) {
    if (!t.offset_minutes) return;
    if (*t.offset_minutes == 0) {
        out += 'Z';
        return;
    }
    out += *t.offset_minutes < 0 ? '-' : '+';
    append_padded(out, *t.offset_minutes / 60, 2);
    out += between;
    append_padded(out, *t.offset_minutes % 60, 2);
    out += after;
}

}  // namespace

std::optional<timestamp> from_epoch(std::int64_t seconds) {
    // Days since 1970-01-01 to a civil date, counting in 400-year eras of
    // 146097 days that start on 1 March (so a leap day ends each year).
    std::int64_t days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    days += 719468;  // from 0000-03-01 to 1970-01-01
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 is March
    timestamp t;
    t.day = int(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    t.month = int(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    const std::int64_t year = year_of_era + era * 400 + (t.month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) return std::nullopt;
    t.year = int(year);
    t.hour = int(rest / 3600);
    t.minute = int(rest / 60 % 60);
    t.second = int(rest % 60);
    t.offset_minutes = 0;
    return t;
}

std::optional<timestamp> parse_iso8601(std::string_view s) {
    timestamp t;
    if (!read_int(s, 4, t.year) || !expect(s, '-') || !read_int(s, 2, t.month) || !expect(s, '-') ||
        !read_int(s, 2, t.day))
        return std::nullopt;
    if (t.year < 1 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > days_in_month(t.year, t.month))
        return std::nullopt;
    if (s.empty()) return t;
    if (!expect(s, 'T') || !read_int(s, 2, t.hour) || !expect(s, ':') || !read_int(s, 2, t.minute)) return std::nullopt;
    if (!s.empty() && s.front() == ':' && (!expect(s, ':') || !read_int(s, 2, t.second))) return std::nullopt;
    if (!s.empty() && s.front() == '.') {  // fractions of a second: dropped
        s.remove_prefix(1);
        while (!s.empty() && s.front() >= '0' && s.front() <= '9') s.remove_prefix(1);
    }
    if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
    if (s.empty()) return t;
    if (s == "Z") {
        t.offset_minutes = 0;
        return t;
    }
    const char sign = s.front();
    int h = 0, m = 0;
    s.remove_prefix(1);
    if ((sign != '+' && sign != '-') || !read_int(s, 2, h) || !expect(s, ':') || !read_int(s, 2, m) || !s.empty() ||
        h > 23 || m > 59)
        return std::nullopt;
    t.offset_minutes = (sign == '-' ? -1 : 1) * (h * 60 + m);
    return t;
}

std::string pdf_date(const timestamp& t) {
    std::string out = "D:";
    append_padded(out, t.year, 4);
    append_padded(out, t.month, 2);
    append_padded(out, t.day, 2);
    append_padded(out, t.hour, 2);
    append_padded(out, t.minute, 2);
    append_padded(out, t.second, 2);
    append_offset(out, t, "'", "'");
    return out;
}

std::string xmp_date(const timestamp& t) {
    std::string out;
    append_padded(out, t.year, 4);
    out += '-';
    append_padded(out, t.month, 2);
    out += '-';
    append_padded(out, t.day, 2);
    out += 'T';
    append_padded(out, t.hour, 2);
    out += ':';
    append_padded(out, t.minute, 2);
    out += ':';
    append_padded(out, t.second, 2);
    append_offset(out, t, ":", "");
    return out;
}

std::string xmp_packet(const metadata& meta, const std::optional<timestamp>& created, std::string_view producer,
                       std::string_view creator_tool, bool pdf_ua) {
    std::string x;
    // The packet header's id is the fixed one the XMP specification gives.
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    x += "   <dc:format>application/pdf</dc:format>\n";
    auto alt = [&](std::string_view name, const std::string& value) {
        if (value.empty()) return;
        x += "   <dc:" + std::string(name) + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape_xml(value) +
             "</rdf:li></rdf:Alt></dc:" + std::string(name) + ">\n";
    };
    alt("title", meta.title);
    if (!meta.authors.empty()) {
        x += "   <dc:creator><rdf:Seq>";
        for (const std::string& a : meta.authors) x += "<rdf:li>" + escape_xml(a) + "</rdf:li>";
        x += "</rdf:Seq></dc:creator>\n";
    }
    alt("description", meta.subject);
    if (!meta.language.empty())
        x += "   <dc:language><rdf:Bag><rdf:li>" + escape_xml(meta.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    x += "  </rdf:Description>\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    x += "   <xmp:CreatorTool>" + escape_xml(creator_tool) + "</xmp:CreatorTool>\n";
    if (created) {
        const std::string d = xmp_date(*created);
        x += "   <xmp:CreateDate>" + d + "</xmp:CreateDate>\n";
        x += "   <xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n";
        x += "   <xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n";
    }
    x += "  </rdf:Description>\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "   <pdf:Producer>" + escape_xml(producer) + "</pdf:Producer>\n";
    x += "  </rdf:Description>\n";
    if (pdf_ua) {
        x += "  <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
        x += "   <pdfuaid:part>1</pdfuaid:part>\n";
        x += "  </rdf:Description>\n";
    }
    x += " </rdf:RDF>\n";
    x += "</x:xmpmeta>\n";
    x += "<?xpacket end=\"r\"?>";
    return x;
}

}  // namespace communique::detail::pdf
