/* Embedding communique in C: build an engine once, convert a draft to HTML,
 * print the diagnostics.   Usage: embed DRAFT > release.html */
#include <communique/communique.h>

#include <stdio.h>

static char draft[1 << 20]; /* a draft is a few kilobytes */

int main(int argc, char** argv) {
    if (argc != 2) {
        fputs("usage: embed DRAFT\n", stderr);
        return 2;
    }
    FILE* file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    size_t size = fread(draft, 1, sizeof draft, file);
    int unread = ferror(file) || size == sizeof draft;
    fclose(file);
    if (unread) {
        fprintf(stderr, "%s: cannot read the file, or it is over 1 MiB\n", argv[1]);
        return 2;
    }

    communique_engine* engine = communique_engine_new(NULL); /* once */
    const char* formats[] = {"html"};
    communique_result* result = engine ? communique_convert(engine, draft, size, formats, 1) : NULL;
    if (!result) {
        fprintf(stderr, "embed: %s\n", communique_last_error());
        communique_engine_free(engine);
        return 2;
    }
    for (size_t i = 0; i < communique_result_diagnostic_count(result); ++i) {
        communique_diagnostic d;
        communique_result_diagnostic(result, i, &d);
        char* line = communique_diagnostic_format(&d, argv[1]);
        fprintf(stderr, "%s\n", line ? line : d.message);
        communique_free(line);
    }
    int ok = communique_result_ok(result);
    size_t html_size = 0;
    const char* html = ok ? communique_result_output(result, 0, &html_size) : NULL;
    if (html) fwrite(html, 1, html_size, stdout);
    communique_result_free(result); /* html belonged to it */
    communique_engine_free(engine);
    return ok ? 0 : 1;
}
