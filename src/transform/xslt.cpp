#include "transform/xslt.hpp"

#include "core/resources.hpp"
#include "transform/list_markers.hpp"
#include "transform/text_layout.hpp"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdarg>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace communique::detail {

namespace {

constexpr const char* ext_ns = "urn:communique:xslt";

// Documents a stylesheet reads are parsed without entities, DTDs or network.
constexpr int safe_parse_options = XML_PARSE_NONET | XML_PARSE_NOCDATA;

bool inside(const std::filesystem::path& file, const std::vector<std::filesystem::path>& folders) {
    std::error_code ec;
    std::filesystem::path f = std::filesystem::weakly_canonical(file, ec);
    if (ec) return false;
    for (const auto& folder : folders) {
        std::filesystem::path d = std::filesystem::weakly_canonical(folder, ec);
        if (ec) continue;
        auto [d_end, f_it] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
        if (d_end == d.end()) return true;
    }
    return false;
}

std::string path_of(std::string_view uri) {
    if (uri.starts_with("file://")) uri.remove_prefix(7);
    return std::string(uri);
}

// ---- errors -------------------------------------------------------------

void collect_error(void* data, const char* format, ...) {
    auto* out = static_cast<std::string*>(data);
    char buffer[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    *out += buffer;
}

// libxslt reports some things through one process-wide function: the
// template stack when it cuts a runaway recursion, some compile errors. It
// is set once (init_xslt) to route_xslt_error, which writes to the calling
// thread's xslt_sink while communique compiles or runs a stylesheet and
// passes anything else on to the function that was there before.
thread_local std::string* xslt_sink = nullptr;
xmlGenericErrorFunc xslt_previous = nullptr;
void* xslt_previous_context = nullptr;

void route_xslt_error(void*, const char* format, ...) {
    char buffer[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (xslt_sink) *xslt_sink += buffer;
    else if (xslt_previous) xslt_previous(xslt_previous_context, "%s", buffer);
}

// libxml2 reports some errors (XPath's, among them) through the calling
// thread's handlers, which print to stderr unless set; the library never
// prints. While a stylesheet compiles or runs they collect into `sink`, and
// so does what libxslt reports through its process-wide function (into
// `xslt` if given); the thread's own handlers (the embedding program's,
// perhaps) come back after.
class thread_errors_to {
public:
    explicit thread_errors_to(std::string* sink, std::string* xslt = nullptr)
        : generic_(xmlGenericError),
          generic_context_(xmlGenericErrorContext),
          structured_(xmlStructuredError),
          structured_context_(xmlStructuredErrorContext),
          xslt_(xslt_sink) {
        xmlSetGenericErrorFunc(sink, collect_error);
        xmlSetStructuredErrorFunc(nullptr, nullptr);
        xslt_sink = xslt ? xslt : sink;
    }
    ~thread_errors_to() {
        xmlSetGenericErrorFunc(generic_context_, generic_);
        xmlSetStructuredErrorFunc(structured_context_, structured_);
        xslt_sink = xslt_;
    }
    thread_errors_to(const thread_errors_to&) = delete;
    thread_errors_to& operator=(const thread_errors_to&) = delete;

private:
    xmlGenericErrorFunc generic_;
    void* generic_context_;
    xmlStructuredErrorFunc structured_;
    void* structured_context_;
    std::string* xslt_;
};

std::string tidy(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    for (auto& c : message)
        if (c == '\n') c = ' ';
    return message;
}

// ---- loading stylesheets ---------------------------------------------------

std::mutex compile_mutex;
const std::vector<std::filesystem::path>* compile_readable = nullptr;  // under compile_mutex
std::string compile_refused;  // under compile_mutex: the last file refused

// What to tell a user whose stylesheet read outside the sandbox.
constexpr const char* readable_hint =
    "a stylesheet may read only from its own folder and the folders given with --allow-read";

xmlDocPtr parse_in(xmlDictPtr dict, auto&& read) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return nullptr;
    if (dict) {
        if (ctxt->dict) xmlDictFree(ctxt->dict);
        ctxt->dict = dict;
        xmlDictReference(dict);
    }
    xmlDocPtr doc = read(ctxt);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

xmlDocPtr load_builtin(std::string_view uri, xmlDictPtr dict) {
    std::string_view data = find_resource(uri.substr(builtin_scheme.size()));
    if (data.empty()) return nullptr;
    std::string url(uri);
    return parse_in(dict, [&](xmlParserCtxtPtr c) {
        return xmlCtxtReadMemory(c, data.data(), static_cast<int>(data.size()), url.c_str(), nullptr,
                                 safe_parse_options);
    });
}

// The file a file: URI or a path names, percent-decoded as libxml2 would
// open it; nothing for another scheme. A path that is no URI (a space in a
// folder's name) is taken as it is.
std::optional<std::string> file_named_by(const char* uri) {
    std::unique_ptr<xmlURI, decltype(&xmlFreeURI)> parsed(xmlParseURI(uri), xmlFreeURI);
    if (!parsed) {
        if (std::string_view(uri).find(':') != std::string_view::npos) return std::nullopt;
        return std::string(uri);
    }
    if (!parsed->path || (parsed->scheme && std::string_view(parsed->scheme) != "file")) return std::nullopt;
    if (parsed->server && *parsed->server && std::string_view(parsed->server) != "localhost") return std::nullopt;
    return std::string(parsed->path);
}

// Used while a user's stylesheet compiles: built-ins by their URI, files
// only from allowed folders, nothing from the network. The file checked is
// the file read: it is opened here, by its decoded path, not handed to
// libxml2, which would try the URI as written and then decoded ("..%2F").
xmlDocPtr sandboxed_loader(const xmlChar* uri, xmlDictPtr dict, int, void*, xsltLoadType) {
    const char* u = reinterpret_cast<const char*>(uri);
    if (std::string_view(u).starts_with(builtin_scheme)) return load_builtin(u, dict);
    std::optional<std::string> path = file_named_by(u);
    if (!path || !compile_readable || !inside(*path, *compile_readable)) {
        if (path) compile_refused = *path;
        return nullptr;
    }
    int fd = ::open(path->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    xmlDocPtr doc = parse_in(dict, [&](xmlParserCtxtPtr c) { return xmlCtxtReadFd(c, fd, u, nullptr, safe_parse_options); });
    ::close(fd);
    return doc;
}

// ---- the sandbox at run time ------------------------------------------------

int check_read_file(xsltSecurityPrefsPtr, xsltTransformContextPtr ctxt, const char* value) {
    const auto* box = ctxt ? static_cast<const sandbox*>(ctxt->_private) : nullptr;
    return box && value && inside(path_of(value), box->readable) ? 1 : 0;
}

xsltSecurityPrefsPtr sandbox_prefs() {
    static xsltSecurityPrefsPtr prefs = [] {
        xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
        xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, check_read_file);
        xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
        xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
        xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
        return p;
    }();
    return prefs;
}

// ---- extension functions (cq:wrap, cq:width, cq:center, cq:marker) ----------

std::string pop_string(xmlXPathParserContextPtr ctxt) {
    xmlChar* s = xmlXPathPopString(ctxt);
    std::string out = s ? reinterpret_cast<const char*>(s) : "";
    xmlFree(s);
    return out;
}

std::size_t pop_width(xmlXPathParserContextPtr ctxt) {
    double w = xmlXPathPopNumber(ctxt);
    return w >= 1 && w < 10000 ? static_cast<std::size_t>(w) : 72;
}

void push_string(xmlXPathParserContextPtr ctxt, const std::string& s) {
    valuePush(ctxt, xmlXPathNewString(reinterpret_cast<const xmlChar*>(s.c_str())));
}

void fn_wrap(xmlXPathParserContextPtr ctxt, int nargs) {
    if (nargs != 2 && nargs != 4) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    std::string first, next;
    if (nargs == 4) {
        next = pop_string(ctxt);
        first = pop_string(ctxt);
    }
    std::size_t width = pop_width(ctxt);
    std::string text = pop_string(ctxt);
    push_string(ctxt, wrap(text, width, first, next));
}

void fn_width(xmlXPathParserContextPtr ctxt, int nargs) {
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    valuePush(ctxt, xmlXPathNewFloat(static_cast<double>(display_width(pop_string(ctxt)))));
}

void fn_center(xmlXPathParserContextPtr ctxt, int nargs) {
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    std::size_t width = pop_width(ctxt);
    push_string(ctxt, center(pop_string(ctxt), width));
}

void fn_marker(xmlXPathParserContextPtr ctxt, int nargs) {
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    double index = xmlXPathPopNumber(ctxt);
    push_string(ctxt, list_marker(pop_string(ctxt), index));
}

}  // namespace

void init_xslt() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        exsltRegisterAll();
        xslt_previous = xsltGenericError;
        xslt_previous_context = xsltGenericErrorContext;
        xsltSetGenericErrorFunc(nullptr, route_xslt_error);
    });
}

namespace {

// The stylesheet in doc, compiled with includes and imports read from the
// built-ins and the `readable` folders only: libxslt has one process-wide
// loader, swapped for the sandboxed one for this compilation only, under a
// lock. Takes doc over; libxslt's messages when the stylesheet does not
// compile.
expected<xsltStylesheetPtr> compile(xmlDocPtr doc, const std::vector<std::filesystem::path>& readable) {
    xsltStylesheetPtr style = nullptr;
    std::string errors;
    std::string refused;
    {
        std::lock_guard lock(compile_mutex);
        xsltDocLoaderFunc previous_loader = xsltDocDefaultLoader;
        compile_readable = &readable;
        compile_refused.clear();
        xsltSetLoaderFunc(sandboxed_loader);
        thread_errors_to quiet(&errors);
        style = xsltParseStylesheetDoc(doc);
        xsltSetLoaderFunc(previous_loader);
        compile_readable = nullptr;
        refused = std::move(compile_refused);
    }
    if (!refused.empty()) errors += "; " + refused + " was not read: " + readable_hint + "\n";
    if (!style) {
        xmlFreeDoc(doc);
        return problem{rule::stylesheet, tidy(errors)};
    }
    if (style->errors > 0) {
        xsltFreeStylesheet(style);  // and doc with it
        return problem{rule::stylesheet, tidy(errors)};
    }
    return style;
}

}  // namespace

std::unique_ptr<stylesheet> stylesheet::builtin(std::string_view name) {
    init_xslt();
    std::string uri = std::string(builtin_scheme) + std::string(name);
    xmlDocPtr doc = load_builtin(uri, nullptr);
    if (!doc) throw std::runtime_error("the built-in stylesheet " + std::string(name) + " does not parse");
    // A built-in stylesheet includes only built-ins (markers.xsl), no file.
    expected<xsltStylesheetPtr> style = compile(doc, {});
    if (!style)
        throw std::runtime_error("the built-in stylesheet " + std::string(name) +
                                 " does not compile: " + style.error().message);
    return std::unique_ptr<stylesheet>(new stylesheet(*style));
}

std::unique_ptr<stylesheet> stylesheet::from_file(const std::filesystem::path& path, const sandbox& box) {
    init_xslt();
    // libxml2 would print its own warning for a missing file; the library never prints.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw std::runtime_error(path.string() + ": no such stylesheet file");
    xmlDocPtr doc = parse_in(nullptr, [&](xmlParserCtxtPtr c) {
        c->sax->serror = nullptr;
        return xmlCtxtReadFile(c, path.c_str(), nullptr, safe_parse_options | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    });
    if (!doc) throw std::runtime_error(path.string() + ": cannot read the stylesheet (missing, or not well-formed XML)");
    if (doc->intSubset) {
        xmlFreeDoc(doc);
        throw std::runtime_error(path.string() + ": a stylesheet may not have a DOCTYPE");
    }
    // Its own folder is readable for xsl:include and xsl:import.
    std::vector<std::filesystem::path> readable = box.readable;
    readable.push_back(std::filesystem::absolute(path).parent_path());
    expected<xsltStylesheetPtr> style = compile(doc, readable);
    if (!style) throw std::runtime_error(path.string() + ": the stylesheet does not compile: " + style.error().message);
    auto sheet = std::unique_ptr<stylesheet>(new stylesheet(*style));
    // ... and for document() when it runs, as the README promises.
    sheet->own_folder_ = readable.back();
    return sheet;
}

stylesheet::~stylesheet() { xsltFreeStylesheet(style_); }

expected<result_doc> stylesheet::transform(xmlDocPtr doc, const params& params, const sandbox& box) const {
    std::string error;
    xsltTransformContextPtr ctxt = xsltNewTransformContext(style_, doc);
    if (!ctxt) throw std::bad_alloc();
    sandbox with_own = box;
    if (!own_folder_.empty()) with_own.readable.push_back(own_folder_);
    ctxt->_private = &with_own;
    xsltSetCtxtSecurityPrefs(sandbox_prefs(), ctxt);
    xsltSetCtxtParseOptions(ctxt, safe_parse_options);
    xsltSetTransformErrorFunc(ctxt, &error, collect_error);
    xsltRegisterExtFunction(ctxt, BAD_CAST "wrap", BAD_CAST ext_ns, fn_wrap);
    xsltRegisterExtFunction(ctxt, BAD_CAST "width", BAD_CAST ext_ns, fn_width);
    xsltRegisterExtFunction(ctxt, BAD_CAST "center", BAD_CAST ext_ns, fn_center);
    xsltRegisterExtFunction(ctxt, BAD_CAST "marker", BAD_CAST ext_ns, fn_marker);
    for (const auto& [name, value] : params)
        xsltQuoteOneUserParam(ctxt, BAD_CAST name.c_str(), BAD_CAST value.c_str());

    result_doc result;
    std::string stack;  // the template stack libxslt dumps when it stops a recursion
    {
        thread_errors_to quiet(&error, &stack);
        // libxml2 grows an xmlBuffer (behind EXSLT's str:replace, among
        // others) by exact sizes unless told to double: quadratic in a long
        // string wherever realloc cannot grow in place. Doubling, on this
        // thread, for the transform only.
        const xmlBufferAllocationScheme scheme = xmlGetBufferAllocationScheme();
        xmlSetBufferAllocationScheme(XML_BUFFER_ALLOC_DOUBLEIT);
        result.reset(xsltApplyStylesheetUser(style_, doc, nullptr, nullptr, nullptr, ctxt));
        xmlSetBufferAllocationScheme(scheme);
    }
    // xsl:message text also reaches `error`; only the state says whether it failed.
    if (ctxt->state != XSLT_STATE_OK) result.reset();
    xsltFreeTransformContext(ctxt);
    // A result is kept whatever xsl:message said on the way.
    if (result) return result;
    if (error.empty()) error = stack.empty() ? "the stylesheet failed" : stack;
    // libxslt says "read rights for data.xml denied"; say what would allow it.
    if (error.find("read rights for") != std::string::npos) error += "; " + std::string(readable_hint);
    return problem{rule::stylesheet, tidy(error)};
}

std::vector<std::string> stylesheet::parameters() const {
    std::vector<std::string> names;
    // Includes are compiled into the stylesheet that includes them; imports
    // are stylesheets of their own, listed below it.
    auto visit = [&](auto& self, xsltStylesheetPtr s) -> void {
        for (xsltStackElemPtr v = s->variables; v; v = v->next)
            if (v->comp && v->comp->type == XSLT_FUNC_PARAM && v->name)
                names.emplace_back(reinterpret_cast<const char*>(v->name));
        for (xsltStylesheetPtr i = s->imports; i; i = i->next) self(self, i);
    };
    visit(visit, style_);
    return names;
}

expected<void> stylesheet::apply(xmlDocPtr doc, const params& params, const sandbox& box, std::string& out) const {
    expected<result_doc> result = transform(doc, params, box);
    if (!result) return std::move(result).error();
    xmlChar* bytes = nullptr;
    int size = 0;
    bool ok = xsltSaveResultToString(&bytes, &size, result->get(), style_) == 0;
    if (ok) out.assign(bytes ? reinterpret_cast<const char*>(bytes) : "", static_cast<std::size_t>(size));
    xmlFree(bytes);
    if (!ok) return problem{rule::stylesheet, "the stylesheet's result could not be serialised"};
    return {};
}

}  // namespace communique::detail
