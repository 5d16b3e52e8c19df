// read_release: which reader a file goes to, and the one path every draft
// format takes: its reader, then the recogniser.
#include "read/reader.hpp"

#include "read/readers.hpp"
#include "read/recognise.hpp"

namespace communique::detail {

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) noexcept {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

reader_limits limits_of(const read_options& opts) {
    reader_limits limits;
    limits.max_nesting = opts.max_nesting;
    limits.max_inflated = opts.max_inflated;
    return limits;
}


}  // namespace

bool looks_like_zip(std::string_view bytes) noexcept { return bytes.starts_with("PK\x03\x04"); }

bool looks_like_html(std::string_view text) noexcept {
    // Past a byte order mark, white space, an XML declaration and comments.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    for (int guard = 0; guard < 64; ++guard) {
        std::size_t i = text.find_first_not_of(" \t\r\n");
        if (i == std::string_view::npos) return false;
        text.remove_prefix(i);
        std::string_view closing = text.starts_with("<!--") ? "-->" : text.starts_with("<?") ? "?>" : "";
        if (closing.empty()) break;
        std::size_t end = text.find(closing);
        if (end == std::string_view::npos) return false;
        text.remove_prefix(end + closing.size());
    }
    return starts_with_nocase(text, "<!doctype html") || starts_with_nocase(text, "<html");
}

input_format detect_format(std::string_view bytes) noexcept {
    if (looks_like_zip(bytes)) return input_format::docx;
    if (looks_like_html(bytes)) return input_format::html;
    if (looks_like_xml(bytes)) return input_format::xml;
    return input_format::markdown;
}

read_result read_draft(const source_text& src, const read_options& opts) {
    return recognise(read_markdown(src, limits_of(opts)), opts);
}

read_result read_release(const source_text& src, const read_options& opts) {
    input_format format = opts.format == input_format::automatic ? detect_format(src.text()) : opts.format;
    if (format == input_format::docx) return recognise(read_docx(src.text(), limits_of(opts)), opts);
    if (auto fine = check_encoding(src); !fine) return {nullptr, {std::move(fine).error().at_level()}};
    if (src.text().find_first_not_of(" \t\r\n") == std::string_view::npos)
        return {nullptr, {make_diagnostic(severity::error, rule::input_empty, "the file is empty", {1, 1}, {1, 1})}};
    switch (format) {
        case input_format::html: return recognise(read_html(src, limits_of(opts), opts.html_content), opts);
        case input_format::xml: return read_xml(src);
        default: return read_draft(src, opts);
    }
}

}  // namespace communique::detail
