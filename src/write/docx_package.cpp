#include "write/docx_package.hpp"

#include "core/unicode.hpp"

#include <zip.h>

#include <memory>
#include <string_view>
#include <vector>

namespace communique::detail {

namespace {

// Namespaces as libxml2 wants them (xmlChar is unsigned char).
const xmlChar* const pkg_ns = BAD_CAST "http://schemas.microsoft.com/office/2006/xmlPackage";
const xmlChar* const cq_ns = BAD_CAST "urn:communique:docx";
const xmlChar* const rels_ns = BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships";
const xmlChar* const r_ns = BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* hyperlink_type =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
constexpr const char* rels_type = "application/vnd.openxmlformats-package.relationships+xml";

const xmlChar* xml_chars(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
std::string_view text_of(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

bool is(xmlNodePtr node, const xmlChar* ns, const char* name) {
    return node && node->type == XML_ELEMENT_NODE && node->ns && xmlStrEqual(node->ns->href, ns) &&
           xmlStrEqual(node->name, xml_chars(name));
}

struct xml_string {
    xmlChar* p;
    explicit xml_string(xmlChar* s) : p(s) {}
    ~xml_string() { xmlFree(p); }
    xml_string(const xml_string&) = delete;
    xml_string& operator=(const xml_string&) = delete;
    std::string str() const { return std::string(text_of(p)); }
};

struct part {
    std::string name;          // "word/document.xml": the zip entry, without the leading "/"
    std::string content_type;
    xmlNodePtr root;           // the part's XML, the element in pkg:xmlData
};

// The package's parts in order; why not for anything that is not a part of
// XML (binary parts are not written by docx.xsl).
expected<std::vector<part>> read_parts(xmlDocPtr flat) {
    std::vector<part> parts;
    xmlNodePtr package = xmlDocGetRootElement(flat);
    if (!is(package, pkg_ns, "package")) {
        return problem{rule::stylesheet, "the docx stylesheet did not write a pkg:package (Flat OPC)"};
    }
    for (xmlNodePtr n = xmlFirstElementChild(package); n; n = xmlNextElementSibling(n)) {
        if (!is(n, pkg_ns, "part")) continue;
        xml_string name(xmlGetNsProp(n, xml_chars("name"), pkg_ns));
        xml_string type(xmlGetNsProp(n, xml_chars("contentType"), pkg_ns));
        std::string_view entry = text_of(name.p);
        if (entry.size() < 2 || entry.front() != '/' || entry.find("..") != entry.npos ||
            entry.find('\\') != entry.npos) {
            return problem{rule::stylesheet, "a package part has no valid pkg:name: '" + std::string(entry) + "'"};
        }
        xmlNodePtr data = xmlFirstElementChild(n);
        xmlNodePtr root = is(data, pkg_ns, "xmlData") ? xmlFirstElementChild(data) : nullptr;
        if (!root) {
            return problem{rule::stylesheet, "the package part " + std::string(entry) + " has no pkg:xmlData element"};
        }
        parts.push_back({std::string(entry.substr(1)), type.str(), root});
    }
    if (parts.empty()) {
        return problem{rule::stylesheet, "the docx stylesheet wrote a package without parts"};
    }
    return parts;
}

// "word/document.xml" -> "word/_rels/document.xml.rels".
std::string rels_name_of(const std::string& name) {
    auto slash = name.rfind('/');
    std::string dir = slash == std::string::npos ? "" : name.substr(0, slash + 1);
    return dir + "_rels/" + name.substr(dir.size()) + ".rels";
}

// The Relationships element of `name`'s .rels part, made (as a new
// pkg:part at the end) when the package has none.
xmlNodePtr relationships_of(xmlDocPtr flat, std::vector<part>& parts, const std::string& name) {
    std::string rels = rels_name_of(name);
    for (const part& p : parts)
        if (p.name == rels) return p.root;
    xmlNodePtr package = xmlDocGetRootElement(flat);
    xmlNsPtr pkg = xmlSearchNsByHref(flat, package, pkg_ns);
    xmlNodePtr node = xmlNewChild(package, pkg, xml_chars("part"), nullptr);
    xmlNewNsProp(node, pkg, xml_chars("name"), xml_chars(("/" + rels).c_str()));
    xmlNewNsProp(node, pkg, xml_chars("contentType"), xml_chars(rels_type));
    xmlNodePtr data = xmlNewChild(node, pkg, xml_chars("xmlData"), nullptr);
    xmlNodePtr root = xmlNewChild(data, nullptr, xml_chars("Relationships"), nullptr);
    xmlSetNs(root, xmlNewNs(root, rels_ns, nullptr));
    parts.push_back({rels, rels_type, root});
    return root;
}

// Each w:hyperlink with cq:href in the part gets r:id and a relationship.
// The walk is iterative: a release's nesting is bounded, but not by this.
void link_relationships(xmlDocPtr flat, std::vector<part>& parts, std::size_t index) {
    xmlNodePtr top = parts[index].root;
    xmlNodePtr rels = nullptr;
    xmlNsPtr r = nullptr;
    unsigned count = 0;
    for (xmlNodePtr n = top; n;) {
        if (xmlAttrPtr href = xmlHasNsProp(n, xml_chars("href"), cq_ns)) {
            xml_string target(xmlNodeListGetString(n->doc, href->children, 1));
            xmlRemoveProp(href);
            if (!rels) rels = relationships_of(flat, parts, parts[index].name);  // may move parts
            if (!r) r = xmlSearchNsByHref(n->doc, n, r_ns);
            if (!r) r = xmlNewNs(top, r_ns, xml_chars("r"));
            std::string id = "rIdLink" + std::to_string(++count);
            xmlSetNsProp(n, r, xml_chars("id"), xml_chars(id.c_str()));
            xmlNodePtr rel = xmlNewChild(rels, rels->ns, xml_chars("Relationship"), nullptr);
            xmlNewProp(rel, xml_chars("Id"), xml_chars(id.c_str()));
            xmlNewProp(rel, xml_chars("Type"), xml_chars(hyperlink_type));
            xmlNewProp(rel, xml_chars("Target"), target.p ? target.p : xml_chars(""));
            xmlNewProp(rel, xml_chars("TargetMode"), xml_chars("External"));
        }
        // Next element in document order within the part.
        if (xmlNodePtr child = xmlFirstElementChild(n)) {
            n = child;
            continue;
        }
        while (n && n != top && !xmlNextElementSibling(n)) n = n->parent;
        n = (n && n != top) ? xmlNextElementSibling(n) : nullptr;
    }
}

// The part's XML as a document of its own: the namespaces declared on the
// package are declared again on the part's root (xmlDocCopyNode does so for
// those in use), with the prefixes the stylesheet gave them.
bool serialise(xmlNodePtr root, std::string& out) {
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(xmlNewDoc(xml_chars("1.0")), &xmlFreeDoc);
    if (!doc) return false;
    xmlNodePtr copy = xmlDocCopyNode(root, doc.get(), 1);
    if (!copy) return false;
    xmlDocSetRootElement(doc.get(), copy);
    doc->standalone = 1;
    xmlChar* bytes = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(doc.get(), &bytes, &size, "UTF-8");
    if (!bytes) return false;
    out.assign(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    xmlFree(bytes);
    return true;
}

// Defaults for .rels and .xml, an Override for every other part.
std::string content_types(const std::vector<part>& parts) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"" +
        std::string(rels_type) +
        "\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    for (const part& p : parts) {
        if (p.content_type == rels_type && p.name.ends_with(".rels")) continue;
        out += "<Override PartName=\"/" + escape_xml(p.name) + "\" ContentType=\"" + escape_xml(p.content_type) + "\"/>";
    }
    out += "</Types>\n";
    return out;
}

struct entry {
    std::string name;
    std::string bytes;
};

std::string zip_message(zip_error_t* e) { return zip_error_strerror(e); }

// The entries zipped in order into `out`, deflated, dated 1980-01-01 00:00.
expected<void> zip_entries(const std::vector<entry>& entries, std::string& out) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
    if (!buffer) {
        problem why{rule::stylesheet, "libzip: " + zip_message(&ze)};
        zip_error_fini(&ze);
        return why;
    }
    std::unique_ptr<zip_source_t, decltype(&zip_source_free)> hold(buffer, &zip_source_free);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &ze);
    if (!archive) {
        problem why{rule::stylesheet, "libzip: " + zip_message(&ze)};
        zip_error_fini(&ze);
        return why;
    }
    zip_error_fini(&ze);
    zip_source_keep(buffer);  // the archive's close frees it otherwise; we read it after
    constexpr zip_uint16_t dos_time = 0, dos_date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01 00:00
    for (const entry& e : entries) {
        zip_source_t* data = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
        zip_int64_t index = data ? zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (data) zip_source_free(data);
            problem why{rule::stylesheet, "libzip: " + std::string(zip_strerror(archive))};
            zip_discard(archive);
            return why;
        }
        auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 0) != 0 ||
            zip_file_set_dostime(archive, i, dos_time, dos_date, 0) != 0) {
            problem why{rule::stylesheet, "libzip: " + std::string(zip_strerror(archive))};
            zip_discard(archive);
            return why;
        }
    }
    if (zip_close(archive) != 0) {
        problem why{rule::stylesheet, "libzip: " + std::string(zip_strerror(archive))};
        zip_discard(archive);
        return why;
    }
    zip_stat_t st;
    if (zip_source_stat(buffer, &st) != 0 || zip_source_open(buffer) != 0) {
        return problem{rule::stylesheet, "libzip: cannot read the archive back from memory"};
    }
    out.resize(static_cast<std::size_t>(st.size));
    zip_int64_t got = zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
        return problem{rule::stylesheet, "libzip: cannot read the archive back from memory"};
    }
    return {};
}

}  // namespace

expected<void> write_docx_package(xmlDocPtr flat, std::string& out) {
    expected<std::vector<part>> read = read_parts(flat);
    if (!read) return std::move(read).error();
    std::vector<part>& parts = *read;
    // Links first: they may add a .rels part, which is then zipped too.
    for (std::size_t i = 0, n = parts.size(); i < n; ++i)
        if (parts[i].content_type != rels_type) link_relationships(flat, parts, i);

    std::vector<entry> entries;
    entries.push_back({"[Content_Types].xml", content_types(parts)});
    for (const part& p : parts) {
        entry e{p.name, {}};
        if (!serialise(p.root, e.bytes)) {
            return problem{rule::stylesheet, "the package part " + p.name + " could not be serialised"};
        }
        entries.push_back(std::move(e));
    }
    return zip_entries(entries, out);
}

}  // namespace communique::detail
