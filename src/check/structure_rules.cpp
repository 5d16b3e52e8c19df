#include "check/rules.hpp"
#include "core/unicode.hpp"

#include <algorithm>

namespace communique::detail {

namespace {

// Upper-cased ASCII, whitespace and line breaks collapsed: how names from a
// config file are compared with the release's.
std::string comparable(std::string_view s) {
    std::string out = collapse_spaces(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool listed(const std::vector<std::string>& allowed, std::string_view value) {
    std::string v = comparable(value);
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return comparable(a) == v; });
}

void add(std::vector<diagnostic>& out, rule id, std::string message, source_span where) {
    out.push_back(make_diagnostic(severity::error, id, std::move(message), where.begin, where.begin));
}

// An element's text as a diagnostic quotes it: its first words, and the
// line it starts on: "The Ministry will continue to work closely…" (line 17).
std::string quoted(const release_tree& tree, xmlNodePtr e) {
    return "\"" + excerpt(text_content(e)) + "\" (line " + std::to_string(tree.span_of(e).begin.line) + ")";
}

// What the release holds in a place: a paragraph quoted, or what it is.
std::string described(const release_tree& tree, xmlNodePtr e) {
    if (!e) return "nothing";
    if (is(e, "table")) return "a table (line " + std::to_string(tree.span_of(e).begin.line) + ")";
    if (is(e, "figure")) return "an image (line " + std::to_string(tree.span_of(e).begin.line) + ")";
    if (is(e, "dateline")) return "the dateline " + quoted(tree, e);
    if (is(e, "list") || is(e, "quote")) e = first_element(e) ? first_element(e) : e;
    return quoted(tree, e);
}

// The last block of the body or the closing, where a dateline was looked for.
xmlNodePtr last_block(xmlNodePtr root) {
    for (const char* part : {"closing", "body"}) {
        xmlNodePtr last = nullptr;
        for (xmlNodePtr e = first_element(child(root, part)); e; e = next_element(e)) last = e;
        if (last) return last;
    }
    return nullptr;
}

source_span at_start(source_span s) { return {s.begin, s.begin}; }
source_span at_end(source_span s) { return {s.end, s.end}; }

}  // namespace

void check_structure(const release_tree& tree, const options& opts, std::vector<diagnostic>& out) {
    xmlNodePtr root = tree.root();
    source_span whole = tree.span_of(root);
    xmlNodePtr header = child(root, "header");
    source_span header_span = header ? tree.span_of(header) : at_start(whole);

    if (!header)
        add(out, rule::header_missing,
            "the release has no header: a national header (e.g. KINGDOM OF CAMBODIA / NATION RELIGION KING), "
            "the issuer and a genre label come before the headline",
            at_start(whole));
    else if (!child(header, "state"))
        add(out, rule::header_missing,
            "the header has no national header line (e.g. KINGDOM OF CAMBODIA) above the issuer",
            at_start(header_span));
    if (!child(header, "issuer") && !child(header, "genre"))
        add(out, rule::header_empty,
            "nothing above the headline names the issuer (e.g. MINISTRY OF FOREIGN AFFAIRS) or the kind of release "
            "(PRESS RELEASE, STATEMENT, ...)",
            header ? at_start(header_span) : at_start(whole));
    if (!child(header, "issuer"))
        add(out, rule::issuer_missing,
            "the header does not name the issuing organisation (e.g. MINISTRY OF FOREIGN AFFAIRS)",
            at_start(header_span));
    if (xmlNodePtr issuer = child(header, "issuer"); issuer && !opts.allowed_issuers.empty()) {
        for (xmlNodePtr org = first_element(issuer); org; org = next_element(org))
            if (is(org, "organisation") && !listed(opts.allowed_issuers, spoken_text(org)))
                add(out, rule::issuer_allowed,
                    "\"" + spoken_text(org) + "\" is not one of the issuers in house.issuers", tree.span_of(org));
    }
    if (xmlNodePtr genre = child(header, "genre"); genre && !opts.allowed_genres.empty() &&
                                                   !listed(opts.allowed_genres, spoken_text(genre)))
        add(out, rule::genre_allowed, "\"" + spoken_text(genre) + "\" is not one of the labels in house.genres",
            tree.span_of(genre));

    xmlNodePtr headline = child(root, "headline");
    if (!child(header, "genre"))
        add(out, rule::genre_missing,
            "no genre label (PRESS RELEASE, PRESS STATEMENT, JOINT STATEMENT, ...) before the headline",
            headline ? at_start(tree.span_of(headline)) : header ? at_end(header_span) : at_start(whole));

    if (!headline) {
        // What stands after the header where the headline should.
        xmlNodePtr next = header ? next_element(header) : first_element(root);
        if (next && is(next, "body")) next = first_element(next) ? first_element(next) : next_element(next);
        xmlNodePtr above = header ? xmlLastElementChild(header) : nullptr;
        if (above && is(above, "issuer") && xmlLastElementChild(above)) above = xmlLastElementChild(above);
        std::string after = above ? "after the header's last line " + quoted(tree, above) : "at the top";
        add(out, rule::headline_missing,
            "the release has no headline: " + after + " comes " + described(tree, next) +
                "; expected one short line naming what happened, e.g. \"Ministry opens a new laboratory\"",
            header ? at_end(header_span) : at_start(whole));
    } else {
        std::string text = text_content(headline);
        std::size_t words = count_words(text);
        bool sentences = text.find(". ") != std::string::npos && text.ends_with('.');
        if (words > opts.headline_max_words || sentences)
            add(out, rule::headline_shape,
                "the headline has " + std::to_string(words) + " words; a headline is one short line (at most " +
                    std::to_string(opts.headline_max_words) +
                    " words, one sentence) — is a paragraph standing where the headline should be?",
                tree.span_of(headline));
    }

    xmlNodePtr body = child(root, "body");
    if (!body || !first_element(body))
        add(out, rule::body_empty, "the release has no body text between the headline and the dateline",
            body ? tree.span_of(body) : at_end(whole));

    xmlNodePtr dateline = child(root, "dateline");
    if (!dateline) {
        xmlNodePtr last = last_block(root);
        add(out, rule::dateline_missing,
            "the release has no dateline: it ends with " + described(tree, last) +
                "; expected the place and date of issue after the last paragraph, e.g. \"Phnom Penh, 12 April "
                "2024\"",
            at_end(whole));
    }
    else if (!child(dateline, "place"))
        add(out, rule::dateline_place,
            "the dateline has no place; write where the release was issued, e.g. \"Phnom Penh, " +
                (child(dateline, "date") ? text_content(child(dateline, "date")) : text_content(dateline)) + "\"",
            tree.span_of(dateline));
}

}  // namespace communique::detail
