// For the PDF tests and tools: a release's canonical XML turned into FO with
// xslt/fo.xsl run by libxslt directly, so the renderer can be exercised
// without the writers.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace pdf_test {

struct doc_deleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using doc_ptr = std::unique_ptr<xmlDoc, doc_deleter>;

// xslt/fo.xsl compiled once; apply() may run on any thread.
class fo_stylesheet {
public:
    explicit fo_stylesheet(const std::string& path)
        : style_(xsltParseStylesheetFile(reinterpret_cast<const xmlChar*>(path.c_str()))) {
        if (!style_) throw std::runtime_error("cannot compile " + path);
    }
    ~fo_stylesheet() { xsltFreeStylesheet(style_); }
    fo_stylesheet(const fo_stylesheet&) = delete;
    fo_stylesheet& operator=(const fo_stylesheet&) = delete;

    // params: name -> string value (quoted for XPath here).
    doc_ptr apply(xmlDoc* release, const std::map<std::string, std::string>& params = {}) const {
        std::vector<std::string> quoted;
        std::vector<const char*> args;
        for (const auto& [k, v] : params) quoted.push_back("'" + v + "'");
        std::size_t i = 0;
        for (const auto& [k, v] : params) {
            args.push_back(k.c_str());
            args.push_back(quoted[i++].c_str());
        }
        args.push_back(nullptr);
        doc_ptr out(xsltApplyStylesheet(style_, release, args.data()));
        if (!out) throw std::runtime_error("fo.xsl failed");
        return out;
    }

    std::string serialize(xmlDoc* fo) const {
        xmlChar* buf = nullptr;
        int len = 0;
        xsltSaveResultToString(&buf, &len, fo, style_);
        std::string out(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
        xmlFree(buf);
        return out;
    }

private:
    xsltStylesheetPtr style_;
};

inline doc_ptr parse_xml(const std::string& bytes) {
    doc_ptr d(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "input.xml", nullptr, XML_PARSE_NONET));
    if (!d) throw std::runtime_error("not well-formed XML");
    return d;
}

inline bool is_fo(xmlDoc* d) {
    xmlNode* root = xmlDocGetRootElement(d);
    return root && root->ns && xmlStrEqual(root->ns->href, reinterpret_cast<const xmlChar*>("http://www.w3.org/1999/XSL/Format"));
}

}  // namespace pdf_test
