#include "write/summary.hpp"

#include "core/unicode.hpp"

namespace communique::detail {

namespace {

// Text content with <br/> read as a space and whitespace collapsed.
std::string flat_text(const xmlNode* node) { return collapse_spaces(spoken_text(node)); }

}  // namespace

release_info summarize(const release_tree& tree) {
    xmlNodePtr root = tree.root();
    release_info info;
    info.headline = flat_text(child(root, "headline"));
    xmlNodePtr dateline = child(root, "dateline");
    info.date = attribute(child(dateline, "date"), "when");
    info.place = flat_text(child(dateline, "place"));
    xmlNodePtr header = child(root, "header");
    for (xmlNodePtr org = first_element(child(header, "issuer")); org; org = next_element(org)) {
        if (!is(org, "organisation")) continue;
        if (!info.issuer.empty()) info.issuer += "; ";
        info.issuer += flat_text(org);
    }
    info.genre = flat_text(child(header, "genre"));
    info.kind = attribute(root, "kind");
    xmlChar* lang = xmlNodeGetLang(root);
    info.language = lang ? reinterpret_cast<const char*>(lang) : "";
    xmlFree(lang);
    return info;
}

}  // namespace communique::detail
