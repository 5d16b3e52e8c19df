// communique: read, check and convert official press releases.
//
// One engine, built once from options, reads drafts (plain text with Markdown
// emphasis) or canonical release XML, checks them against the schema and the
// house rules, and writes them in other formats.
//
// Ownership: everything is returned by value; the library keeps no pointer to
// what you pass in after a call returns.
// Threads: an engine is immutable after construction; any number of threads
// may call its const member functions at once.
// Failures: an invalid release is an expected outcome, reported as
// diagnostics in the result. Exceptions are thrown only for misuse
// (std::invalid_argument: an unknown rule ID or format name), for a user
// stylesheet that cannot be loaded (std::runtime_error, from the engine's
// constructor) and for resource exhaustion (std::bad_alloc). The library
// never prints and never exits.
// Values: options, result and the other structs are plain values; they may
// be read from several threads at once, but not changed while read. Views
// (std::string_view, std::span) returned by the free functions refer to
// static storage, valid for the whole program.
#pragma once

#include <communique/diagnostic.hpp>
#include <communique/export.hpp>
#include <communique/version.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

// The library's version, "major.minor.patch" (same as COMMUNIQUE_VERSION_STRING
// at the time the library was built).
COMMUNIQUE_API std::string_view version() noexcept;

// How numeric dates such as 12/04/2024 are read.
enum class date_order : std::uint8_t { day_first, month_first };

// A house profile: what a valid release must have, as the default levels of
// the rules (options::rule_levels still tunes each one).
//  general     the default: a header naming an issuer or a genre label, a
//              headline, a body, a dateline with a real date; its place
//              recommended (a warning when missing). Most offices' releases.
//  kh_ministry a Cambodian ministry's house: the national header line and
//              motto, the issuer, the genre label and the dateline's place
//              and date are all required.
enum class house_profile : std::uint8_t { general, kh_ministry };

// "general", "kh-ministry" and back; nothing for another name.
COMMUNIQUE_API std::optional<house_profile> house_profile_named(std::string_view name) noexcept;
COMMUNIQUE_API std::string_view to_string(house_profile profile) noexcept;

// A rule that diagnostics can name. IDs are stable across versions.
struct rule_info {
    std::string_view id;
    // The rule's level under each profile, indexed by house_profile;
    // nothing: the rule is off under that profile.
    std::array<std::optional<severity>, 2> levels;
    std::string_view description;  // one line

    std::optional<severity> level(house_profile profile) const noexcept {
        return levels[static_cast<std::size_t>(profile)];
    }
};

// Every rule, in a fixed order. The span refers to static storage.
COMMUNIQUE_API std::span<const rule_info> rules() noexcept;

// An output format that convert() can write.
struct format_info {
    std::string_view name;       // e.g. "xml"
    std::string_view extension;  // the output file's suffix, e.g. ".xml"
    std::string_view description;
};

// Every format, in a fixed order. The span refers to static storage.
COMMUNIQUE_API std::span<const format_info> formats() noexcept;

// What an input is written in. automatic: by content (a zip is a .docx, an
// HTML document is HTML, XML with a <release> root is canonical XML, anything
// else a Markdown or plain-text draft).
enum class input_format : std::uint8_t { automatic, markdown, docx, html, xml };

// "auto", "markdown", "docx", "html", "xml" and back; nothing for another name.
COMMUNIQUE_API std::optional<input_format> input_format_named(std::string_view name) noexcept;
COMMUNIQUE_API std::string_view to_string(input_format format) noexcept;
// What automatic reads the bytes as (never automatic itself).
COMMUNIQUE_API input_format detect_input_format(std::string_view bytes) noexcept;

struct options {
    input_format input = input_format::automatic;
    // In an HTML page, an XPath 1.0 expression selecting the element that
    // holds the release; empty: found (<main>, <article>, or the element with
    // most of the page's paragraph text).
    std::string html_content;
    date_order numeric_dates = date_order::day_first;
    // What a valid release must have: the rules' default levels.
    house_profile profile = house_profile::general;
    // Severity overrides by rule ID, over the profile's; std::nullopt turns a
    // rule off.
    std::map<std::string, std::optional<severity>, std::less<>> rule_levels;
    // A user's stylesheet by format name ("html" -> "house.xsl"), used instead
    // of the built-in one. It may <xsl:import href="communique:xslt/html.xsl"/>.
    std::map<std::string, std::string, std::less<>> stylesheets;
    // Stylesheet parameters, passed as strings to every stylesheet.
    std::map<std::string, std::string, std::less<>> parameters;
    // Folders stylesheets may read (document(), xsl:include). Nothing else is
    // readable, and stylesheets can never write files or use the network.
    std::vector<std::string> readable_folders;
    // The plain-text format's line width, in terminal columns.
    unsigned text_width = 72;

    // The house's issuers, genre labels and dateline places. The reader
    // recognises each as such wherever the house prints it; the rules
    // issuer-allowed and genre-allowed accept only those listed (an empty
    // list allows anything).
    std::vector<std::string> allowed_issuers;  // organisation names, compared without case or line breaks
    std::vector<std::string> allowed_genres;   // genre labels as printed, e.g. "PRESS RELEASE"
    std::vector<std::string> places;           // dateline places, e.g. "Vientiane Capital"
    unsigned headline_max_words = 30;
    // The language of a release whose text does not tell (BCP 47, e.g. "km").
    std::string default_language = "en";

    // Limits on hostile input. The defaults are far above any real release;
    // an input over a limit gets a diagnostic (input-too-large,
    // nesting-too-deep, too-many-elements, too-many-pages) instead of being
    // processed.
    std::size_t max_input_bytes = 1024 * 1024;  // a .docx may unpack to 64 times this
    unsigned max_nesting = 64;      // quotes and lists inside one another
    unsigned max_elements = 5'000;  // in the release XML: paragraphs, items, names, dates, links, breaks...
    unsigned max_pages = 500;       // PDF pages

    // Write outputs even when the house rules or the schema report errors,
    // as long as the release could be read at all (old archives that predate
    // the house style). The errors are still reported.
    bool write_invalid = false;
};

// What a catalog needs to know of a release.
struct release_info {
    std::string headline;
    std::string date;      // the dateline's ISO date, "2024-04-12"; empty if none
    std::string place;     // the dateline's place
    std::string issuer;    // the organisations, one line each joined by "; "
    std::string genre;     // the label as printed, "PRESS RELEASE"
    std::string kind;      // /release/@kind, "press-release"
    std::string language;  // /release/@xml:lang
};

// Options read from a .communique.toml file's text, on top of `base`.
// Mistakes (bad TOML, an unknown key, rule ID or severity) come back as
// diagnostics with rule "config" at their line; the options are then
// `base` with whatever was understood applied.
struct config_result {
    options opts;
    std::vector<diagnostic> diagnostics;
    COMMUNIQUE_API bool ok() const noexcept;
};
COMMUNIQUE_API config_result parse_config(std::string_view toml, const options& base = {});

struct result {
    // Sorted by position. Rules that are turned off are left out.
    std::vector<diagnostic> diagnostics;
    // One entry per requested format, in the order asked; empty when the
    // release has errors (nothing is converted from an invalid release,
    // unless options::write_invalid is set).
    std::vector<std::string> outputs;
    // Present whenever the release could be read.
    std::optional<release_info> info;

    // True when no diagnostic is an error.
    COMMUNIQUE_API bool ok() const noexcept;
};

class COMMUNIQUE_API engine {
public:
    // Compiles the schema and the stylesheets once. Throws
    // std::invalid_argument for an unknown rule ID or format name in opts,
    // and std::runtime_error for a user stylesheet that cannot be loaded.
    explicit engine(options opts = {});
    ~engine();
    engine(engine&&) noexcept;
    engine& operator=(engine&&) noexcept;

    // Reads a release (a draft, or canonical XML when the bytes start with an
    // XML declaration or a <release> element) and checks it.
    result check(std::string_view bytes) const;

    // Reads, checks and, when there is no error, writes the release in each
    // of the named formats (see formats()). Throws std::invalid_argument for
    // an unknown format name.
    result convert(std::string_view bytes, std::span<const std::string> format_names) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// One release in a catalog: what it is and where its outputs are.
struct catalog_entry {
    std::string source;  // the input's path, relative to the archive
    release_info info;
    std::vector<std::pair<std::string, std::string>> outputs;  // format name -> path relative to the catalog
};

// The catalog of an archive, newest release first: "index.html" (every
// release with its date, issuer, genre and headline, linking to its
// outputs), "catalog.json" (the same as data) and "feed.atom" (an Atom 1.0
// feed of the newest releases), each made by a built-in stylesheet over one
// aggregate XML document. Returns file name -> bytes. Thread-safe.
COMMUNIQUE_API std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries);

// How a catalog is written.
struct catalog_options {
    // String parameters of the catalog's stylesheets: title (of the page and
    // the feed), feed-id, limit (the feed's entries); others are not used.
    std::map<std::string, std::string, std::less<>> parameters;
    // Where the output folder is published ("https://example.org/releases/"):
    // the feed's links are then absolute, as feed readers need. Empty: links
    // relative to the catalog.
    std::string base_url;
};
COMMUNIQUE_API std::vector<std::pair<std::string, std::string>> write_catalog(std::span<const catalog_entry> entries,
                                                                              const catalog_options& options);

// ---- The bulk job -------------------------------------------------------
//
// What `communique convert FOLDER -o OUT` does, for a program: walks folders
// and files, converts each release on a pool of threads, writes every output
// atomically under the output folder (mirroring the folders walked), keeps a
// manifest there so that a second run converts only what changed, and can
// end with a JSON report and a catalog. docs/bulk.md describes the output
// folder, the manifest, the report and shards.

struct job_options {
    // Files and folders; "-" is standard input. A folder is walked
    // recursively (hidden files and folders skipped, names in byte order) and
    // its tree mirrored under output_dir; a file's output is named after the
    // file alone.
    std::vector<std::string> inputs;
    // A file listing more inputs, one a line (or NUL-separated), each
    // mirrored under output_dir by its listed path; "-" reads the list from
    // standard input. Empty: none.
    std::string files_from;
    // fnmatch(3) globs for the files of a walked folder: a glob with a '/'
    // is matched against the path below the folder, one without against the
    // file name. include empty: *.md *.markdown *.txt *.xml *.docx *.html *.htm.
    std::vector<std::string> include, exclude;
    bool follow_symlinks = false;
    std::string output_dir;            // made when missing; required
    std::vector<std::string> formats;  // format names (see formats()); empty: xml. Repeats are dropped.
    unsigned jobs = 0;                 // worker threads; 0: one per core
    std::string report;                // where the JSON report goes; empty: no report
    bool catalog = false;              // write index.html, catalog.json and feed.atom into output_dir
    catalog_options catalog_settings;  // for the catalog
    // Shard shard_index (1..shard_count) of shard_count: the releases are
    // split by a hash of their path, the same on every machine. 0 of 0: all.
    unsigned shard_index = 0, shard_count = 0;
    bool force = false;           // convert even what the manifest says is up to date
    bool accept_invalid = false;  // write outputs of releases with errors (options::write_invalid)

    // Every input's options. input_format automatic reads .docx, .html and
    // .htm files by their extension and anything else by its content.
    options engine;
    // Configuration files: with find_config_files, the nearest
    // .communique.toml above each input is applied on top of `engine`;
    // config_file, when set, is applied to every input instead.
    bool find_config_files = false;
    std::string config_file;
    // Applied last to each input's options, over its configuration file
    // (the command line's settings win over a file's). May be empty.
    std::function<void(options&)> adjust_options;
};

// How far a job has come.
struct job_progress {
    std::size_t done = 0;    // releases converted, up to date or failed
    std::size_t total = 0;   // releases in this shard
    std::size_t failed = 0;  // of those done, the invalid and the failed
    std::string_view path;   // the input of the last release done; "" before the first
};

// What a job did. Counts are of releases in this shard.
struct job_summary {
    std::size_t converted = 0;          // written
    std::size_t converted_invalid = 0;  // written with errors (accept_invalid)
    std::size_t up_to_date = 0;         // left as the manifest says they are
    std::size_t invalid = 0;            // errors in the release: nothing written
    // Could not be read or written, or was refused (its configuration has
    // errors, its output would be another input's).
    std::size_t failed = 0;
    std::size_t not_started = 0;        // the job was cancelled or stopped first
    std::size_t total = 0;              // releases in this shard
    std::size_t all_shards = 0;         // releases in every shard
    // False when the job stopped before converting anything (the output
    // folder cannot be made or written, nothing to convert, an output would
    // overwrite an input): the messages say why, and nothing was written.
    bool started = false;
    // False when cancelled, or stopped because the output folder could take
    // no more (a full disk): the releases not started are converted by the
    // next run.
    bool finished = true;
    std::optional<std::size_t> catalog_releases;  // set when the catalog was written: its releases
    double seconds = 0;
    // 0: every release converted or up to date; 1: a release is invalid; 2:
    // an input could not be read or an output written, nothing to convert,
    // the output folder is unusable, or the job did not finish.
    int status = 0;
};

// A bulk conversion. Made from options, run once or more (a second run
// converts what changed since the first).
// Threads: run() is called from one thread at a time; cancel() from any
// thread, or from a signal handler. The callbacks are called one at a time,
// never two at once, from the thread that calls run() (progress) or from
// the workers (diagnostics, messages), so they need no lock of their own.
// Failures: the constructor throws std::invalid_argument for options that
// cannot work (no input, no output folder, an unknown format, a shard out of
// range). Everything that goes wrong while running is a message and a
// status in the summary; run() throws only std::bad_alloc.
class COMMUNIQUE_API job {
public:
    explicit job(job_options opts);
    ~job();
    job(job&&) noexcept;
    job& operator=(job&&) noexcept;

    // Called about ten times a second while the job runs, and once at its
    // end; the path in it is valid during the call only.
    using progress_callback = std::function<void(const job_progress& progress)>;
    void on_progress(progress_callback callback);
    // A release's diagnostics (or a configuration file's), as it is done,
    // with the text they point into: `file` is the input as given, "<stdin>"
    // for standard input. Not called for a release without any.
    using diagnostics_callback =
        std::function<void(std::string_view file, std::string_view text, std::span<const diagnostic> diagnostics)>;
    void on_diagnostics(diagnostics_callback callback);
    // What went wrong outside a release's text, one sentence, usually
    // "PATH: why" (a folder that cannot be read, an output that cannot be
    // written, two inputs with the same output).
    using message_callback = std::function<void(std::string_view message)>;
    void on_message(message_callback callback);

    // Asks a running job to stop: no new release is started, the ones under
    // way finish, and the manifest and the report are written. `signal` (a
    // signal number, 0 for none) is what the report names as having
    // interrupted the run. Async-signal-safe. A cancelled job stays
    // cancelled: a later run() starts nothing.
    void cancel(int signal = 0) noexcept;

    job_summary run();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
