/* A writers module of another build: its table has another version. The
 * command must refuse it with a message, not call into it. */
#include "write/writers_entry.h"

static const communique_writers_v1_table table = {.version = 999u, /* no build has it */
                                                  .size = sizeof(communique_writers_v1_table),
                                                  .build = "another build"};

__attribute__((visibility("default"))) const communique_writers_v1_table* communique_writers_v1(void) {
    return &table;
}
