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
// That document is never made whole: a tree of every release, and the result
// trees made from it, would grow by about 11 MB a thousand releases. The page
// and the JSON are made from parts of `catalog_part_size` releases, each
// part a catalog document of its own with the whole catalog's attributes and
// where it stands (offset, remaining, previous-year, next-year: the
// stylesheets write the head with the first part and the end with the last),
// each part's output passed on before the next part is made. The feed shows
// the newest `limit` dated releases only: its document holds just those.
//
// Compiled into the library (src/batch/batch.cmake) although it lives with
// the bulk runner that is its main user.
#include "write/catalog.hpp"
#include "core/unicode.hpp"
#include "transform/xslt.hpp"

#include <communique/communique.hpp>

#include <libxml/tree.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>

namespace communique::detail {

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

const xmlChar* xml_chars(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

void set(xmlNodePtr node, const char* name, std::string_view value) {
    xmlSetProp(node, BAD_CAST name, xml_chars(clean(value)));
}

void child(xmlNodePtr parent, xmlNsPtr ns, const char* name, std::string_view text) {
    // xmlNewTextChild escapes; xmlNewChild would read the text as markup.
    xmlNewTextChild(parent, ns, BAD_CAST name, xml_chars(clean(text)));
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
using doc_ptr = std::unique_ptr<xmlDoc, doc_deleter>;

// Newest first; releases without a date last; ties by source so that the
// order never depends on the order given.
std::vector<std::size_t> newest_first(const catalog_releases& releases) {
    std::vector<std::size_t> order(releases.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const std::string_view l = releases.date(a), r = releases.date(b);
        if (l.empty() != r.empty()) return r.empty();
        if (l != r) return l > r;
        return releases.source(a) < releases.source(b);
    });
    return order;
}

std::string year_of(std::string_view date) { return std::string(date.substr(0, 4)); }

// A catalog document with the whole catalog's attributes and the releases
// `order[i]` for i in `part`.
doc_ptr catalog_document(const catalog_releases& releases, std::span<const std::size_t> order,
                         std::span<const std::size_t> part, const catalog_options& options) {
    doc_ptr doc(xmlNewDoc(BAD_CAST "1.0"));
    xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "catalog", nullptr);
    xmlDocSetRootElement(doc.get(), root);
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST catalog_ns, nullptr);
    xmlSetNs(root, ns);
    set(root, "version", "1");
    set(root, "count", std::to_string(releases.size()));
    set(root, "generator-version", version());
    set(root, "updated", order.empty() ? std::string_view() : releases.date(order.front()));
    if (!options.base_url.empty())
        set(root, "base", options.base_url.ends_with('/') ? options.base_url : options.base_url + '/');

    for (std::size_t i : part) {
        const catalog_entry e = releases.entry(i);
        xmlNodePtr rel = xmlNewChild(root, ns, BAD_CAST "release", nullptr);
        set(rel, "source", e.source);
        // Stable as long as the release stays where it is in the archive.
        set(rel, "id", "urn:communique:release:" + url_path(clean(e.source)));
        set(rel, "date", e.info.date);
        set(rel, "year", year_of(e.info.date));
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
    return doc;
}

// How many dated releases the feed can show: its `limit` as XPath's number()
// reads it (position() <= limit), all of them when it is not plain digits
// (an exponent, a huge number). Giving the feed more than it shows changes
// nothing: it picks its entries itself.
std::size_t feed_entries(const catalog_options& options, std::size_t dated) {
    std::string_view limit = "50";
    if (auto it = options.parameters.find("limit"); it != options.parameters.end()) limit = it->second;
    constexpr std::string_view space = " \t\r\n";  // XPath's whitespace
    while (!limit.empty() && space.find(limit.front()) != space.npos) limit.remove_prefix(1);
    while (!limit.empty() && space.find(limit.back()) != space.npos) limit.remove_suffix(1);
    if (limit.starts_with('-')) return 0;
    auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == s.npos; };
    const std::string_view whole = limit.substr(0, limit.find('.'));
    const std::string_view fraction = limit.substr(whole.size());
    if (whole.empty() || whole.size() > 9 || !digits(whole) || (!fraction.empty() && !digits(fraction.substr(1))))
        return dated;
    return std::min(dated, static_cast<std::size_t>(std::stoul(std::string(whole))));
}

struct catalog_file_sheet {
    const stylesheet* sheet;
    bool parted;          // made part by part (else from one document)
    bool trailing_break;  // its serialiser ends every document with a line break: only the last part keeps it
};

catalog_file_sheet sheet_of(std::size_t file) {
    const catalog_sheets& s = sheets();
    static_assert(std::size(catalog_files) == 3);
    switch (file) {
        case 0: return {s.html.get(), true, true};
        case 1: return {s.json.get(), true, false};
        case 2: return {s.atom.get(), false, false};
        default: throw std::invalid_argument("write_catalog_file: no catalog file " + std::to_string(file));
    }
}

std::string transformed(const stylesheet& sheet, xmlDocPtr doc, const catalog_options& options, const char* name) {
    const sandbox nothing_readable;
    std::string out;
    if (auto applied = sheet.apply(doc, options.parameters, nothing_readable, out); !applied)
        throw std::runtime_error(std::string("the catalog stylesheet for ") + name +
                                 " failed: " + applied.error().message);
    return out;
}

}  // namespace

bool write_catalog_file(const catalog_releases& releases, const catalog_options& options, std::size_t file,
                        const std::function<bool(std::string_view)>& sink, std::size_t part_size) {
    const catalog_file_sheet f = sheet_of(file);
    const char* name = catalog_files[file];
    const std::vector<std::size_t> order = newest_first(releases);
    const std::span<const std::size_t> all(order);

    if (!f.parted) {
        std::size_t dated = 0;
        while (dated < order.size() && !releases.date(order[dated]).empty()) ++dated;
        doc_ptr doc = catalog_document(releases, all, all.first(feed_entries(options, dated)), options);
        return sink(transformed(*f.sheet, doc.get(), options, name));
    }

    part_size = std::max<std::size_t>(part_size, 1);
    std::size_t begin = 0;
    do {
        const std::size_t end = std::min(order.size(), begin + part_size);
        doc_ptr doc = catalog_document(releases, all, all.subspan(begin, end - begin), options);
        xmlNodePtr root = xmlDocGetRootElement(doc.get());
        set(root, "offset", std::to_string(begin));
        set(root, "remaining", std::to_string(order.size() - end));
        if (begin > 0) set(root, "previous-year", year_of(releases.date(order[begin - 1])));
        if (end < order.size()) set(root, "next-year", year_of(releases.date(order[end])));
        std::string out = transformed(*f.sheet, doc.get(), options, name);
        doc.reset();
        if (f.trailing_break && end < order.size() && out.ends_with('\n')) out.pop_back();
        if (!sink(out)) return false;
        begin = end;
    } while (begin < order.size());
    return true;
}

}  // namespace communique::detail

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries) {
    return write_catalog(entries, catalog_options{});
}

std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries,
                                                               const catalog_options& options) {
    const detail::catalog_span releases(entries);
    std::vector<std::pair<std::string, std::string>> files;
    for (std::size_t i = 0; i < std::size(detail::catalog_files); ++i) {
        std::string bytes;
        detail::write_catalog_file(releases, options, i, [&](std::string_view piece) {
            bytes += piece;
            return true;
        });
        files.emplace_back(detail::catalog_files[i], std::move(bytes));
    }
    return files;
}

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
