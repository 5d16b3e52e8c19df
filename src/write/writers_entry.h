/* The seam between the command and its writers module, in C.
 *
 * Why there is a seam: `communique check` runs in pre-commit hooks, where its
 * start-up time is the user's wait, so the command links the core alone and
 * never loads libxslt, PoDoFo, HarfBuzz or fontconfig for a check. Its
 * writers are a module (communique-writers.so) it opens on the first
 * conversion (cli/writers_module.cpp). The library has the same writers
 * linked in, and reaches them through the same table.
 *
 * What crosses: the one function below, looked up by name, returns a table
 * of C function pointers; nothing else of the module is looked up. The
 * tables' arguments are the core's C++ objects behind opaque pointers (the
 * options, the release tree, the output and diagnostics), which is sound only
 * for a module of the same build as the command: `build` says which build,
 * and the command refuses a module whose version, size or build differ.
 * Exceptions never cross: a function that fails returns nonzero with an
 * error message (free it with free_error) and the kind of exception. */
#ifndef COMMUNIQUE_WRITERS_ENTRY_H
#define COMMUNIQUE_WRITERS_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised whenever the table below changes shape or meaning. */
#define COMMUNIQUE_WRITERS_VERSION 2u

/* What a failed call threw, so that the caller throws the same kind. */
typedef enum communique_writers_failure {
    COMMUNIQUE_WRITERS_RUNTIME_ERROR = 1,
    COMMUNIQUE_WRITERS_INVALID_ARGUMENT = 2,
    COMMUNIQUE_WRITERS_OUT_OF_MEMORY = 3
} communique_writers_failure;

typedef struct communique_writers_v1_table {
    uint32_t version; /* COMMUNIQUE_WRITERS_VERSION of the module's build */
    uint32_t size;    /* sizeof(communique_writers_v1_table) there */
    const char* build; /* the project's version and the compiler that built the module */

    /* The writers for a `const communique::options*`; NULL on failure. */
    void* (*open)(const void* options, int* failure, char** error);
    void (*close)(void* writers);
    /* A `const communique::detail::release_tree*` in `format` (a format of
     * format_table() but xml), appended to a `std::string*`: 1 when written,
     * 0 when a stylesheet or the renderer failed with a diagnostic appended
     * to a `std::vector<communique::diagnostic>*`, -1 on failure. */
    int (*write)(const void* writers, const void* tree, const char* format, size_t format_size, void* out,
                 void* diagnostics, int* failure, char** error);
    /* communique::detail::write_catalog_file (write/catalog.hpp): the
     * catalog file number `file` of a `const communique::detail::
     * catalog_releases*` and a `const communique::catalog_options*`, passed
     * piece by piece to a `const std::function<bool(std::string_view)>*`; 1
     * when every piece was taken, 0 when the function refused one, -1 on
     * failure. (Since version 2; version 1 took every entry in memory and
     * returned the three files whole.) */
    int (*catalog_file)(const void* writers, const void* releases, const void* options, size_t file,
                        const void* sink, int* failure, char** error);
    /* The names of the parameters the stylesheets of the formats (a
     * `const std::vector<std::string>*`) declare, the catalog's too when
     * `catalog` is nonzero, with the user's stylesheets of the options;
     * appended to a `std::vector<std::string>*`; 0, or -1 on failure. */
    int (*stylesheet_parameters)(const void* options, const void* formats, int catalog, void* names, int* failure,
                                 char** error);
    void (*free_error)(char* error);
} communique_writers_v1_table;

/* The module's one entry point (and the library's, linked in). */
const communique_writers_v1_table* communique_writers_v1(void);

#ifdef __cplusplus
}
#endif

#endif
