#include "check/rules.hpp"
#include "core/unicode.hpp"

namespace communique::detail {

namespace {

// A headline longer than this is a paragraph that lost its way.
constexpr std::size_t max_headline_words = 30;

void add(std::vector<diagnostic>& out, const char* rule, std::string message, span where) {
    out.push_back({severity::error, rule, std::move(message), where.begin, where.begin});
}

span at_start(span s) { return {s.begin, s.begin}; }
span at_end(span s) { return {s.end, s.end}; }

}  // namespace

void check_structure(const release_tree& tree, std::vector<diagnostic>& out) {
    xmlNodePtr root = tree.root();
    span whole = tree.span_of(root);
    xmlNodePtr header = child(root, "header");
    span header_span = header ? tree.span_of(header) : at_start(whole);

    if (!header)
        add(out, "header-missing",
            "the release has no header: a national header (e.g. KINGDOM OF CAMBODIA / NATION RELIGION KING), "
            "the issuer and a genre label come before the headline",
            at_start(whole));
    else if (!child(header, "state"))
        add(out, "header-missing",
            "the header has no national header line (e.g. KINGDOM OF CAMBODIA) above the issuer",
            at_start(header_span));
    if (!child(header, "issuer"))
        add(out, "issuer-missing",
            "the header does not name the issuing organisation (e.g. MINISTRY OF FOREIGN AFFAIRS)",
            at_start(header_span));
    xmlNodePtr headline = child(root, "headline");
    if (!child(header, "genre"))
        add(out, "genre-missing",
            "no genre label (PRESS RELEASE, PRESS STATEMENT, JOINT STATEMENT, ...) before the headline",
            headline ? at_start(tree.span_of(headline)) : header ? at_end(header_span) : at_start(whole));

    if (!headline) {
        add(out, "headline-missing", "the release has no headline", header ? at_end(header_span) : at_start(whole));
    } else {
        std::string text = text_content(headline);
        std::size_t words = count_words(text);
        bool sentences = text.find(". ") != std::string::npos && text.ends_with('.');
        if (words > max_headline_words || sentences)
            add(out, "headline-shape",
                "the headline has " + std::to_string(words) +
                    " words; a headline is one short line (at most 30 words, one sentence) — is a paragraph "
                    "standing where the headline should be?",
                tree.span_of(headline));
    }

    xmlNodePtr body = child(root, "body");
    if (!body || !first_element(body))
        add(out, "body-empty", "the release has no body text between the headline and the dateline",
            body ? tree.span_of(body) : at_end(whole));

    xmlNodePtr dateline = child(root, "dateline");
    if (!dateline)
        add(out, "dateline-missing",
            "the release has no dateline; end it with the place and date of issue, e.g. \"Phnom Penh, 12 April 2024\"",
            at_end(whole));
    else if (!child(dateline, "place"))
        add(out, "dateline-place",
            "the dateline has no place; write where the release was issued, e.g. \"Phnom Penh, " +
                text_content(dateline) + "\"",
            tree.span_of(dateline));
}

}  // namespace communique::detail
