/* A C program built against an installed communique with
 * `cc main.c $(pkg-config --cflags --libs communique)`: it reads the
 * version and converts a draft to HTML through the C API. Exit status 0 only
 * when all went well. */
#include <communique/communique.h>

#include <stdio.h>
#include <string.h>

static const char draft[] =
    "KINGDOM OF CAMBODIA\n"
    "NATION RELIGION KING\n"
    "\n"
    "**MINISTRY OF TRADE\n"
    "AND AGRO-INDUSTRY**\n"
    "\n"
    "PRESS RELEASE\n"
    "\n"
    "Kampot pepper and salt fair opens with 60 producers\n"
    "\n"
    "The third Kampot Pepper and Salt Fair was opened today in Kampot town by **His Excellency PRAK "
    "Vichet**, Secretary of State of the Ministry of Trade and Agro-Industry.\n"
    "\n"
    "Kampot, 8 January 2024\n";

static int fail(const char* why) {
    fprintf(stderr, "c-consumer: %s (last error: %s)\n", why, communique_last_error());
    return 1;
}

int main(void) {
    if (strcmp(communique_version(), COMMUNIQUE_VERSION_STRING) != 0) return fail("the versions differ");

    communique_engine* engine = communique_engine_new(NULL);
    if (!engine) return fail("no engine");
    const char* formats[] = {"html"};
    communique_result* result = communique_convert(engine, draft, sizeof draft - 1, formats, 1);
    if (!result) return fail("convert failed");
    size_t size = 0;
    const char* html = communique_result_output(result, 0, &size);
    int ok = communique_result_ok(result) && html && size == strlen(html) &&
             strstr(html, "Kampot pepper and salt fair opens with 60 producers") != NULL;
    communique_result_free(result);

    const char* unknown[] = {"rtf"};
    int refused = communique_convert(engine, draft, sizeof draft - 1, unknown, 1) == NULL &&
                  strstr(communique_last_error(), "rtf") != NULL;
    communique_engine_free(engine);
    if (!ok) return fail("the HTML lacks the headline");
    if (!refused) return fail("an unknown format was not refused");
    printf("c-consumer: converted with communique %s\n", communique_version());
    return 0;
}
