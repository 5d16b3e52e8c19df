// communique::write_catalog: the catalog of an archive (index.html,
// catalog.json, feed.atom), each made by a built-in stylesheet
// (xslt/catalog-*.xsl) over one aggregate XML document:
//
//   <catalog xmlns="urn:communique:catalog:1" version="1" count="2"
//            generator-version="0.1.0" updated="2024-04-12"
//            base="https://example.org/releases/">  (base: only when given)
//     <release source="2024/04/x.md" id="urn:communique:release:2024/04/x.md"
//              date="2024-04-12" year="2024" kind="press-release" lang="en">
//       <headline>...</headline> <issuer>...</issuer> <genre>...</genre>
//       <place>...</place>
//       <output format="html" path="2024/04/x.html" href="2024/04/x.html"/>
//     </release>
//     ...
//   </catalog>
//
// newest release first. Doing the sorting, the URL encoding and the ids here
// keeps the stylesheets plain XSLT 1.0 that a house can replace.
//
// Compiled into the library (src/batch/batch.cmake) although it lives with
// the bulk runner that is its main user.
#include "batch/catalog_files.hpp"
#include "core/unicode.hpp"
#include "transform/xslt.hpp"

#include <communique/communique.hpp>

#include <libxml/tree.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

namespace {

constexpr const char* catalog_ns = "urn:communique:catalog:1";

// XML cannot hold control characters and libxml2 wants UTF-8: both are
// replaced (U+FFFD, a space) rather than let a stray byte in a file name
// break the whole catalog.
std::string clean(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = communique::detail::utf8_length_at(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else if (n == 1 && (c < 0x20 || c == 0x7F)) {
            out += ' ';
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

// A path as a relative URL: every byte but unreserved characters and '/'
// percent-encoded, so that names with spaces, '#', '?' or non-ASCII letters
// still link.
std::string url_path(std::string_view path) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : path) {
        auto c = static_cast<unsigned char>(ch);
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

void set(xmlNodePtr node, const char* name, std::string_view value) {
    xmlSetProp(node, BAD_CAST name, x(clean(value)));
}

void child(xmlNodePtr parent, xmlNsPtr ns, const char* name, std::string_view text) {
    // xmlNewTextChild escapes; xmlNewChild would read the text as markup.
    xmlNewTextChild(parent, ns, BAD_CAST name, x(clean(text)));
}

struct catalog_sheets {
    std::unique_ptr<detail::stylesheet> html, json, atom;
};

// Compiled on first use, once per process; applying them is thread-safe.
const catalog_sheets& sheets() {
    static catalog_sheets compiled = [] {
        catalog_sheets s;
        s.html = detail::stylesheet::builtin("xslt/catalog-html.xsl");
        s.json = detail::stylesheet::builtin("xslt/catalog-json.xsl");
        s.atom = detail::stylesheet::builtin("xslt/catalog-atom.xsl");
        return s;
    }();
    return compiled;
}

struct doc_deleter {
    void operator()(xmlDocPtr d) const { xmlFreeDoc(d); }
};

}  // namespace

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries) {
    return write_catalog(entries, catalog_options{});
}

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries,
                                                               const catalog_options& options) {
    const catalog_sheets& s = sheets();

    // Newest first; releases without a date last; ties by source so that the
    // order never depends on the order given.
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const catalog_entry& l = entries[a];
        const catalog_entry& r = entries[b];
        if (l.info.date.empty() != r.info.date.empty()) return r.info.date.empty();
        if (l.info.date != r.info.date) return l.info.date > r.info.date;
        return l.source < r.source;
    });

    std::unique_ptr<xmlDoc, doc_deleter> doc(xmlNewDoc(BAD_CAST "1.0"));
    xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "catalog", nullptr);
    xmlDocSetRootElement(doc.get(), root);
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST catalog_ns, nullptr);
    xmlSetNs(root, ns);
    set(root, "version", "1");
    set(root, "count", std::to_string(entries.size()));
    set(root, "generator-version", version());
    set(root, "updated", order.empty() ? std::string() : entries[order.front()].info.date);
    if (!options.base_url.empty())
        set(root, "base", options.base_url.ends_with('/') ? options.base_url : options.base_url + '/');

    for (std::size_t i : order) {
        const catalog_entry& e = entries[i];
        xmlNodePtr rel = xmlNewChild(root, ns, BAD_CAST "release", nullptr);
        set(rel, "source", e.source);
        // Stable as long as the release stays where it is in the archive.
        set(rel, "id", "urn:communique:release:" + url_path(clean(e.source)));
        set(rel, "date", e.info.date);
        set(rel, "year", e.info.date.substr(0, std::min<std::size_t>(4, e.info.date.size())));
        set(rel, "kind", e.info.kind);
        set(rel, "lang", e.info.language);
        child(rel, ns, "headline", e.info.headline);
        child(rel, ns, "issuer", e.info.issuer);
        child(rel, ns, "genre", e.info.genre);
        child(rel, ns, "place", e.info.place);
        for (const auto& [format, path] : e.outputs) {
            xmlNodePtr out = xmlNewChild(rel, ns, BAD_CAST "output", nullptr);
            set(out, "format", format);
            set(out, "path", path);
            set(out, "href", url_path(clean(path)));
        }
    }

    std::vector<std::pair<std::string, std::string>> files;
    const detail::sandbox nothing_readable;
    const detail::stylesheet* sheets[] = {s.html.get(), s.json.get(), s.atom.get()};
    static_assert(std::size(sheets) == std::size(detail::catalog_files));
    for (std::size_t i = 0; i < std::size(sheets); ++i) {
        const char* name = detail::catalog_files[i];
        const detail::stylesheet* sheet = sheets[i];
        std::string out, error;
        if (!sheet->apply(doc.get(), options.parameters, nothing_readable, out, error))
            throw std::runtime_error(std::string("the catalog stylesheet for ") + name + " failed: " + error);
        files.emplace_back(name, std::move(out));
    }
    return files;
}

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
