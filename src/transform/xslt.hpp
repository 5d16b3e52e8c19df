// Stylesheets: compiled once, applied by any number of threads, each run in a
// sandbox that allows no writing, no network and reading only from folders
// the user named.
#pragma once

#include "core/expected.hpp"

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace communique::detail {

// The URI under which a user's stylesheet imports a built-in one:
// <xsl:import href="communique:xslt/html.xsl"/>.
inline constexpr std::string_view builtin_scheme = "communique:";

struct sandbox {
    std::vector<std::filesystem::path> readable;  // folders document() and xsl:include may read
};

struct result_doc_deleter {
    void operator()(xmlDocPtr doc) const noexcept { xmlFreeDoc(doc); }
};
using result_doc = std::unique_ptr<xmlDoc, result_doc_deleter>;

class stylesheet {
public:
    // A built-in stylesheet by resource name ("xslt/html.xsl").
    static std::unique_ptr<stylesheet> builtin(std::string_view name);
    // A user's stylesheet; it may import built-ins through builtin_scheme and
    // include files from its own folder or the sandbox's. Throws
    // std::runtime_error with the reason when it cannot be loaded.
    static std::unique_ptr<stylesheet> from_file(const std::filesystem::path& path, const sandbox& box);
    ~stylesheet();
    stylesheet(const stylesheet&) = delete;
    stylesheet& operator=(const stylesheet&) = delete;

    using params = std::map<std::string, std::string, std::less<>>;

    // Transforms doc into serialised bytes in `out`; a problem (rule
    // stylesheet) when the stylesheet failed or broke the sandbox. String
    // parameters are passed as strings.
    expected<void> apply(xmlDocPtr doc, const params& params, const sandbox& box, std::string& out) const;
    // The same, keeping the result tree (for the PDF renderer, which reads
    // the FO without serialising and parsing it again).
    expected<result_doc> transform(xmlDocPtr doc, const params& params, const sandbox& box) const;
    // The names of the top-level xsl:param elements, its imports' and
    // includes' too: what a --param can set.
    std::vector<std::string> parameters() const;

private:
    explicit stylesheet(xsltStylesheetPtr style) : style_(style) {}
    xsltStylesheetPtr style_;
    std::filesystem::path own_folder_;  // a user's stylesheet's folder, readable by document() too
};

// Registers EXSLT and checks the libxslt version: once per process.
void init_xslt();

}  // namespace communique::detail
