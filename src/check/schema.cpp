#include "check/schema.hpp"

#include "core/resources.hpp"

#include <libxml/parserInternals.h>

#include <mutex>
#include <stdexcept>
#include <string>

namespace communique::detail {

namespace {

// While the schema compiles, its one import (xml.xsd) is served from the
// library's own copy and every other load is refused. libxml2 only offers a
// process-wide loader, so it is swapped in under a lock and put back after.
std::mutex loader_mutex;

xmlParserInputPtr embedded_only(const char* url, const char*, xmlParserCtxtPtr ctxt) {
    std::string_view u = url ? url : "";
    if (u == "xml.xsd" || u.ends_with("/xml.xsd")) {
        std::string_view data = find_resource("schemas/xml.xsd");
        // The embedded data is NUL-terminated (cmake/embed.cmake).
        return xmlNewStringInputStream(ctxt, reinterpret_cast<const xmlChar*>(data.data()));
    }
    return nullptr;
}

struct validation {
    const release_tree* tree;
    std::vector<diagnostic>* out;
};

std::string clean(const char* message) {
    std::string m = message ? message : "schema error";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    // "{urn:communique:release:1}dateline" reads better as "dateline".
    const std::string ns = std::string("{") + release_ns + "}";
    for (std::size_t at = m.find(ns); at != std::string::npos; at = m.find(ns, at)) m.erase(at, ns.size());
    return m;
}

void on_validity_error(void* data, xmlErrorPtr error) {
    auto* v = static_cast<validation*>(data);
    source_span where = v->tree->span_of(static_cast<const xmlNode*>(error->node));
    v->out->push_back(make_diagnostic(error->level == XML_ERR_WARNING ? severity::warning : severity::error,
                                      rule::schema, clean(error->message), where.begin, where.end));
}

void on_compile_error(void* data, xmlErrorPtr error) {
    auto* messages = static_cast<std::string*>(data);
    *messages += clean(error->message) + "\n";
}

}  // namespace

release_schema::release_schema() {
    std::string_view xsd = find_resource("schemas/release.xsd");
    std::string errors;
    {
        std::lock_guard lock(loader_mutex);
        xmlExternalEntityLoader previous = xmlGetExternalEntityLoader();
        xmlSetExternalEntityLoader(embedded_only);
        xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size()));
        xmlSchemaSetParserStructuredErrors(parser, on_compile_error, &errors);
        schema_ = xmlSchemaParse(parser);
        xmlSchemaFreeParserCtxt(parser);
        xmlSetExternalEntityLoader(previous);
    }
    if (!schema_) throw std::runtime_error("the built-in release schema does not compile: " + errors);
}

release_schema::~release_schema() { xmlSchemaFree(schema_); }

const release_schema& release_schema::built_in() {
    static const release_schema* const shared = new release_schema();  // reachable to the end: not a leak
    return *shared;
}

void release_schema::validate(const release_tree& tree, std::vector<diagnostic>& out) const {
    xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt(schema_);
    if (!ctxt) throw std::bad_alloc();
    validation v{&tree, &out};
    xmlSchemaSetValidStructuredErrors(ctxt, on_validity_error, &v);
    xmlSchemaValidateDoc(ctxt, tree.doc());
    xmlSchemaFreeValidCtxt(ctxt);
}

}  // namespace communique::detail
