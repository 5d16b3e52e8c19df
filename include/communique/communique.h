/* communique: read, check and convert official press releases -- the C API.
 *
 * C99, for programs in C and for other languages' foreign-function
 * interfaces (Python's ctypes, Go's cgo, ...). It wraps the C++ API of
 * <communique/communique.hpp>; docs/api.md is the full reference.
 *
 * Strings: every string in and out is UTF-8. Strings passed in are read
 * during the call only; the library keeps no pointer to anything a caller
 * passes in after the call returns.
 *
 * Ownership: every object the library returns is freed by its own function
 * (communique_options_free, communique_engine_free, communique_result_free,
 * communique_job_free, communique_free for strings). Pointers read out of a result (outputs,
 * diagnostics' rule and message) belong to that result and stay valid until
 * it is freed. Every free function accepts NULL.
 *
 * Threads: an engine is immutable once made; any number of threads may call
 * communique_check and communique_convert on one engine at once. A result
 * may be read from several threads at once. An options object must not be
 * changed by two threads at once, nor a job used by two threads at once.
 * The only state the library keeps between calls is each thread's last
 * error message.
 *
 * Failures: an invalid release is an expected outcome, reported as
 * diagnostics in a result. A function fails only for misuse (a NULL argument
 * that may not be NULL, an unknown format or rule, an index out of range), a
 * user stylesheet that cannot be loaded, or resource exhaustion: it then
 * returns NULL (functions returning a pointer) or -1 (functions returning
 * int), and communique_last_error() tells why. No C++ exception ever leaves
 * a function of this API, and the library never prints and never exits.
 */
#ifndef COMMUNIQUE_H
#define COMMUNIQUE_H

/* COMMUNIQUE_VERSION_MAJOR/_MINOR/_PATCH/_STRING and COMMUNIQUE_VERSION:
 * the version of these headers (preprocessor definitions only, valid C). */
#include <communique/version.hpp>

#include <stddef.h>
#include <stdint.h>

/* Marks the API's functions for export: the library hides everything else. */
#ifndef COMMUNIQUE_C_API
#if defined(_WIN32)
#define COMMUNIQUE_C_API
#elif defined(__GNUC__) || defined(__clang__)
#define COMMUNIQUE_C_API __attribute__((visibility("default")))
#else
#define COMMUNIQUE_C_API
#endif
#endif

/* In C++, the declarations say what the implementation guarantees. */
#if defined(__cplusplus)
#define COMMUNIQUE_C_NOEXCEPT noexcept
#else
#define COMMUNIQUE_C_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Opaque handles ---------------------------------------------------- */

/* Settings for an engine; made by communique_options_new. */
typedef struct communique_options communique_options;
/* A compiled engine (schema and stylesheets); made by communique_engine_new. */
typedef struct communique_engine communique_engine;
/* The diagnostics and outputs of one call; made by communique_check,
 * communique_convert and communique_options_parse_config. */
typedef struct communique_result communique_result;
/* A bulk conversion of files and folders into an output folder; made by
 * communique_job_new. */
typedef struct communique_job communique_job;

/* ---- Plain data -------------------------------------------------------- */

/* A diagnostic's severity; the values never change. */
typedef enum communique_severity {
    COMMUNIQUE_SEVERITY_NOTE = 0,
    COMMUNIQUE_SEVERITY_WARNING = 1,
    COMMUNIQUE_SEVERITY_ERROR = 2
} communique_severity;

/* For communique_options_set_rule_level: turns a rule off. */
#define COMMUNIQUE_RULE_OFF (-1)

/* One problem found in a release, as read by communique_result_diagnostic.
 * Lines and columns start at 1; a column counts Unicode code points (a tab is
 * one); 0 means "not known". The end is just past the span (equal to the
 * start for a point). `rule` and `message` belong to the result the
 * diagnostic was read from. This struct's layout is fixed for a major
 * version. */
typedef struct communique_diagnostic {
    communique_severity severity;
    const char* rule;    /* stable ID, e.g. "dateline-missing" */
    const char* message; /* one sentence, no trailing newline */
    uint32_t line;
    uint32_t column;
    uint32_t end_line;
    uint32_t end_column;
} communique_diagnostic;

/* ---- The library ------------------------------------------------------- */

/* The library's version, "major.minor.patch", in static storage (compare with
 * COMMUNIQUE_VERSION_STRING, the headers' version). Never fails. */
COMMUNIQUE_C_API const char* communique_version(void) COMMUNIQUE_C_NOEXCEPT;

/* Why the last failing call on this thread failed, e.g. "unknown format:
 * docx"; "" when no call on this thread has failed. Successful calls leave
 * it unchanged, so read it right after a call returns NULL or -1. The string
 * belongs to the library and stays valid until the next failing call on this
 * thread (or the thread's end). Never returns NULL. */
COMMUNIQUE_C_API const char* communique_last_error(void) COMMUNIQUE_C_NOEXCEPT;

/* Frees memory the library allocated for the caller (the strings returned by
 * communique_diagnostic_format); use it rather than free(), which may belong
 * to another C runtime. NULL is allowed. */
COMMUNIQUE_C_API void communique_free(void* p) COMMUNIQUE_C_NOEXCEPT;

/* ---- Options ----------------------------------------------------------- */

/* New options with the defaults: numeric dates read day first, every rule at
 * its default level, the built-in stylesheets, text width 72. Free with
 * communique_options_free. NULL when out of memory. */
COMMUNIQUE_C_API communique_options* communique_options_new(void) COMMUNIQUE_C_NOEXCEPT;

/* Frees options. NULL is allowed. An engine made from them is unaffected. */
COMMUNIQUE_C_API void communique_options_free(communique_options* options) COMMUNIQUE_C_NOEXCEPT;

/* Uses the stylesheet at `path` instead of the built-in one for `format`
 * (e.g. "html"). The file is read by communique_engine_new, which fails if it
 * cannot be loaded or if `format` has no stylesheet. The stylesheet may
 * <xsl:import href="communique:xslt/html.xsl"/>. Returns 0, or -1 when an
 * argument is NULL or memory runs out. */
COMMUNIQUE_C_API int communique_options_set_stylesheet(communique_options* options, const char* format,
                                                       const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Sets a stylesheet parameter, passed as a string to every stylesheet
 * (replacing an earlier value for `name`). Returns 0, or -1 when an argument
 * is NULL or memory runs out. */
COMMUNIQUE_C_API int communique_options_set_param(communique_options* options, const char* name,
                                                  const char* value) COMMUNIQUE_C_NOEXCEPT;

/* Sets the severity of the rule `rule_id` (see communique check
 * --list-rules): a communique_severity value, or COMMUNIQUE_RULE_OFF to leave
 * its diagnostics out. Returns 0, or -1 for a NULL argument, an unknown rule
 * ID or a level that is none of those. */
COMMUNIQUE_C_API int communique_options_set_rule_level(communique_options* options, const char* rule_id,
                                                       int level) COMMUNIQUE_C_NOEXCEPT;

/* Sets the plain-text format's ("txt") line width, in terminal columns
 * (default 72; a stylesheet parameter "width" takes precedence). Returns 0,
 * or -1 when `options` is NULL or `width` is 0. */
COMMUNIQUE_C_API int communique_options_set_text_width(communique_options* options,
                                                       unsigned width) COMMUNIQUE_C_NOEXCEPT;

/* Sets what the inputs are written in: "auto" (the default: a zip is a
 * .docx, an HTML document is HTML, XML with a <release> root is release XML,
 * anything else a Markdown draft), "markdown", "docx", "html" or "xml". The
 * bytes given to communique_check and communique_convert are then read as
 * that format. Returns 0, or -1 for NULL or another name. */
COMMUNIQUE_C_API int communique_options_set_input_format(communique_options* options,
                                                         const char* name) COMMUNIQUE_C_NOEXCEPT;

/* Sets the house profile, what a valid release must have: "general" (the
 * default: an issuer or a genre label, a headline, a body, a dated
 * dateline) or "kh-ministry" (national header, motto, issuer, genre label,
 * dateline place and date all required). Rule levels set before or after
 * tune the profile's. Returns 0, or -1 for NULL or another name. */
COMMUNIQUE_C_API int communique_options_set_profile(communique_options* options,
                                                    const char* name) COMMUNIQUE_C_NOEXCEPT;

/* In HTML input, the XPath 1.0 expression that selects the element holding
 * the release ("" : found: <main>, <article>, or the element with most of
 * the page's text). Returns 0, or -1 for NULL. */
COMMUNIQUE_C_API int communique_options_set_html_content(communique_options* options,
                                                         const char* xpath) COMMUNIQUE_C_NOEXCEPT;

/* Adds a folder that user stylesheets may read (document(), xsl:include);
 * a stylesheet's own folder always is. Returns 0, or -1 when an argument is
 * NULL or memory runs out. */
COMMUNIQUE_C_API int communique_options_add_readable_folder(communique_options* options,
                                                            const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Applies the text of a .communique.toml file (`size` bytes; [rules],
 * [dates], [house], [language], [text]) on top of `options`. Mistakes in it
 * come back as diagnostics with rule "config" in the returned result (which
 * has no outputs; communique_result_ok tells whether it had an error); the
 * options then have whatever was understood applied. Free the result with
 * communique_result_free. NULL (options unchanged) when an argument is NULL
 * or memory runs out. */
COMMUNIQUE_C_API communique_result* communique_options_parse_config(communique_options* options, const char* toml,
                                                                    size_t size) COMMUNIQUE_C_NOEXCEPT;

/* ---- Engine ------------------------------------------------------------ */

/* Makes an engine: compiles the schema and any user stylesheet once. The
 * options are copied (free them whenever you like); NULL means the defaults.
 * Free with communique_engine_free. NULL when a rule ID or format name in the
 * options is unknown, a user stylesheet cannot be loaded, or memory runs
 * out. */
COMMUNIQUE_C_API communique_engine* communique_engine_new(const communique_options* options) COMMUNIQUE_C_NOEXCEPT;

/* Frees an engine. NULL is allowed. Results made by it stay valid. */
COMMUNIQUE_C_API void communique_engine_free(communique_engine* engine) COMMUNIQUE_C_NOEXCEPT;

/* Reads a release of `size` bytes (a draft, or canonical XML when the bytes
 * start with an XML declaration or a <release> element) and checks it. The
 * bytes need no terminating NUL; `bytes` may be NULL when `size` is 0. Free
 * the result with communique_result_free. NULL only for a NULL engine or
 * when memory runs out. */
COMMUNIQUE_C_API communique_result* communique_check(const communique_engine* engine, const char* bytes,
                                                     size_t size) COMMUNIQUE_C_NOEXCEPT;

/* Reads and checks a release like communique_check and, when it has no
 * error, writes it in each of the `n` formats named in `formats` ("xml",
 * "html", "txt", "draft", "nitf", ...; see communique convert --help).
 * `formats` may be NULL when `n` is 0. Free the result with
 * communique_result_free. NULL for a NULL engine, a NULL or unknown format
 * name, or when memory runs out. */
COMMUNIQUE_C_API communique_result* communique_convert(const communique_engine* engine, const char* bytes,
                                                       size_t size, const char* const* formats,
                                                       size_t n) COMMUNIQUE_C_NOEXCEPT;

/* ---- Results ----------------------------------------------------------- */

/* 1 when no diagnostic in the result is an error, else 0 (also for NULL). */
COMMUNIQUE_C_API int communique_result_ok(const communique_result* result) COMMUNIQUE_C_NOEXCEPT;

/* The number of outputs: the number of formats asked for when the release
 * was converted, 0 when it has an error or was only checked (also for
 * NULL). */
COMMUNIQUE_C_API size_t communique_result_output_count(const communique_result* result) COMMUNIQUE_C_NOEXCEPT;

/* The output for the i-th format asked for, NUL-terminated; its length in
 * bytes (without the NUL) goes to *size unless `size` is NULL. The text
 * belongs to the result. NULL when `result` is NULL or i is not below
 * communique_result_output_count. */
COMMUNIQUE_C_API const char* communique_result_output(const communique_result* result, size_t i,
                                                      size_t* size) COMMUNIQUE_C_NOEXCEPT;

/* The number of diagnostics (0 for NULL). */
COMMUNIQUE_C_API size_t communique_result_diagnostic_count(const communique_result* result) COMMUNIQUE_C_NOEXCEPT;

/* Copies the i-th diagnostic (they are sorted by position) into *out; its
 * strings belong to the result. Returns 0, or -1 when an argument is NULL or
 * i is not below communique_result_diagnostic_count. */
COMMUNIQUE_C_API int communique_result_diagnostic(const communique_result* result, size_t i,
                                                  communique_diagnostic* out) COMMUNIQUE_C_NOEXCEPT;

/* Frees a result and every string read out of it. NULL is allowed. */
COMMUNIQUE_C_API void communique_result_free(communique_result* result) COMMUNIQUE_C_NOEXCEPT;

/* A diagnostic as one line in the form the command prints,
 * "FILE:LINE:COLUMN: SEVERITY[RULE]: MESSAGE", without a newline. A line or
 * column that is not known (0) is left out, and so is FILE when `file` is
 * NULL. Free the string with communique_free. NULL when `d` is NULL or memory
 * runs out. */
COMMUNIQUE_C_API char* communique_diagnostic_format(const communique_diagnostic* d,
                                                    const char* file) COMMUNIQUE_C_NOEXCEPT;

/* ---- Jobs: folders in, an output folder out ---------------------------- */

/* What `communique convert FOLDER -o OUT` does, for a program: the inputs
 * (files, and folders walked recursively, their tree mirrored under the
 * output folder) converted on a pool of threads, every output written
 * atomically, a manifest kept in the output folder so that a second run
 * converts only what changed, and optionally a JSON report and a catalog.
 * docs/bulk.md describes the output folder, the report and shards. Every
 * setter returns 0, or -1 when an argument is NULL (or out of range, as
 * said) or memory runs out. */

/* What a run did, filled in by communique_job_run. Counts are of releases
 * in this shard. This struct's layout is fixed for a major version. */
typedef struct communique_job_summary {
    size_t converted;         /* written */
    size_t converted_invalid; /* written with errors (communique_job_set_accept_invalid) */
    size_t up_to_date;        /* left as an earlier run wrote them */
    size_t invalid;           /* errors in the release: nothing written */
    size_t failed;            /* could not be read or written, or was refused */
    size_t not_started;       /* the run stopped first (cancelled, a full disk) */
    size_t total;             /* releases in this shard */
} communique_job_summary;

/* Called about ten times a second while a job runs, and once at its end:
 * releases done of `total`, and the input of the last one done ("" before
 * the first; the string is valid during the call only). Called from the
 * thread that runs the job. */
typedef void (*communique_job_progress_fn)(void* user, size_t done, size_t total, const char* path);
/* Called for what goes wrong outside a release's text, one sentence,
 * usually "PATH: why" (a folder that cannot be read, an output that cannot
 * be written, nothing to convert); valid during the call only. Called from
 * any of the job's threads, never two calls at once, nor at once with the
 * progress function. */
typedef void (*communique_job_message_fn)(void* user, const char* message);

/* A new job with no inputs, no output folder, the xml format, one thread
 * per core, no report, no catalog, no shard, and the default options. Free
 * with communique_job_free. NULL when out of memory. */
COMMUNIQUE_C_API communique_job* communique_job_new(void) COMMUNIQUE_C_NOEXCEPT;

/* Frees a job. NULL is allowed. */
COMMUNIQUE_C_API void communique_job_free(communique_job* job) COMMUNIQUE_C_NOEXCEPT;

/* Adds an input: a file, a folder (walked), or "-" for standard input. */
COMMUNIQUE_C_API int communique_job_add_input(communique_job* job, const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Adds an fnmatch(3) glob for the files of a walked folder: one with a '/'
 * is matched against the path below the folder, one without against the
 * file name. Includes replace the defaults (*.md *.markdown *.txt *.xml
 * *.docx *.html *.htm); an excluded file is left out. */
COMMUNIQUE_C_API int communique_job_add_include(communique_job* job, const char* glob) COMMUNIQUE_C_NOEXCEPT;
COMMUNIQUE_C_API int communique_job_add_exclude(communique_job* job, const char* glob) COMMUNIQUE_C_NOEXCEPT;

/* Sets the output folder (made when missing). A run needs one. */
COMMUNIQUE_C_API int communique_job_set_output_dir(communique_job* job, const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Adds an output format ("xml", "html", "txt", "pdf", ...; see
 * communique convert --help). The first one added replaces the default,
 * xml; a format added twice is written once. -1 for an unknown name. */
COMMUNIQUE_C_API int communique_job_add_format(communique_job* job, const char* name) COMMUNIQUE_C_NOEXCEPT;

/* Sets the number of worker threads; 0 (the default) is one per core. */
COMMUNIQUE_C_API int communique_job_set_jobs(communique_job* job, unsigned threads) COMMUNIQUE_C_NOEXCEPT;

/* Sets where the JSON report of a run goes; NULL: no report (the default). */
COMMUNIQUE_C_API int communique_job_set_report(communique_job* job, const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Nonzero: a run ends by writing the catalog (index.html, catalog.json,
 * feed.atom) into the output folder. */
COMMUNIQUE_C_API int communique_job_set_catalog(communique_job* job, int on) COMMUNIQUE_C_NOEXCEPT;

/* Converts shard `index` (1..count) of `count` only: the releases are split
 * by a hash of their path, the same on every machine, so that `count` runs
 * (on as many machines) convert each release once. 0 of 0: every release.
 * -1 for any other index out of 1..count. */
COMMUNIQUE_C_API int communique_job_set_shard(communique_job* job, unsigned index,
                                              unsigned count) COMMUNIQUE_C_NOEXCEPT;

/* Nonzero: converts even what the manifest says is up to date. */
COMMUNIQUE_C_API int communique_job_set_force(communique_job* job, int on) COMMUNIQUE_C_NOEXCEPT;

/* Nonzero: writes the outputs of releases with errors too (counted as
 * converted_invalid; the run's result is then 0 if nothing else failed). */
COMMUNIQUE_C_API int communique_job_set_accept_invalid(communique_job* job, int on) COMMUNIQUE_C_NOEXCEPT;

/* Reads every input with a copy of `options` (free them whenever you like;
 * NULL: the defaults). Its input format "auto" reads .docx, .html and .htm
 * files by their extension and anything else by its content. */
COMMUNIQUE_C_API int communique_job_set_options(communique_job* job,
                                                const communique_options* options) COMMUNIQUE_C_NOEXCEPT;

/* Nonzero: follows symbolic links while walking a folder (links to files
 * and to folders; a loop is reported, not followed). */
COMMUNIQUE_C_API int communique_job_set_follow_symlinks(communique_job* job, int on) COMMUNIQUE_C_NOEXCEPT;

/* Adds the files listed in the file at `path` (one a line, or NUL-separated;
 * "-": the list comes from standard input) to the inputs, each mirrored
 * under the output folder by its listed path. NULL: no list. */
COMMUNIQUE_C_API int communique_job_set_files_from(communique_job* job, const char* path) COMMUNIQUE_C_NOEXCEPT;

/* Nonzero: applies the nearest .communique.toml above each input on top of
 * the job's options (as the command does). Off by default. */
COMMUNIQUE_C_API int communique_job_set_find_config_files(communique_job* job, int on) COMMUNIQUE_C_NOEXCEPT;

/* Applies the configuration file at `path` to every input instead (NULL:
 * none). A configuration with errors fails its inputs (counted as failed;
 * the message function is told). */
COMMUNIQUE_C_API int communique_job_set_config_file(communique_job* job, const char* path) COMMUNIQUE_C_NOEXCEPT;

/* A string parameter of the catalog's stylesheets (title, feed-id, limit),
 * replacing an earlier value for `name`. */
COMMUNIQUE_C_API int communique_job_set_catalog_param(communique_job* job, const char* name,
                                                      const char* value) COMMUNIQUE_C_NOEXCEPT;

/* Where the output folder is published ("https://example.org/releases/"):
 * the catalog's feed then has absolute links. NULL or "": relative links.
 * -1 for a URL that is not http(s). */
COMMUNIQUE_C_API int communique_job_set_catalog_base_url(communique_job* job, const char* url) COMMUNIQUE_C_NOEXCEPT;

/* Sets the progress function and the pointer it is given (NULL: none). */
COMMUNIQUE_C_API int communique_job_set_progress(communique_job* job, communique_job_progress_fn progress,
                                                 void* user) COMMUNIQUE_C_NOEXCEPT;

/* Sets the message function and the pointer it is given (NULL: none). */
COMMUNIQUE_C_API int communique_job_set_messages(communique_job* job, communique_job_message_fn message,
                                                 void* user) COMMUNIQUE_C_NOEXCEPT;

/* Asks a running job to stop: no new release is started, the ones under
 * way finish, and the manifest and the report are written; the run then
 * returns 2, with the rest counted as not_started. It takes effect at the
 * next progress tick (a tenth of a second at most). Safe from another thread
 * and from a signal handler. A cancelled job stays cancelled: a later run
 * starts nothing. */
COMMUNIQUE_C_API int communique_job_cancel(communique_job* job) COMMUNIQUE_C_NOEXCEPT;

/* Runs the job, and fills in *summary unless `summary` is NULL. Returns 0
 * when every release was converted or is up to date, 1 when a release is
 * invalid (nothing written for it), 2 when an input could not be read or an
 * output written, there was nothing to convert, or the output folder is
 * unusable (the message function is told why); or -1, with
 * communique_last_error, when the job cannot run at all (a NULL job, no
 * input nor list of files, no output folder). A job may be run again: the second run
 * converts what changed since the first. */
COMMUNIQUE_C_API int communique_job_run(communique_job* job, communique_job_summary* summary) COMMUNIQUE_C_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* COMMUNIQUE_H */
