/* Converting a folder of drafts through communique's C API: one job walks
 * the folder, converts every release on a pool of threads and writes the
 * outputs under the output folder, mirroring its tree, with a manifest that
 * lets a second run convert only what changed.
 *   Usage: convert_folder IN_DIR OUT_DIR [FORMAT...]   (default: html) */
#include <communique/communique.h>

#include <stdio.h>

static void progress(void* user, size_t done, size_t total, const char* path) {
    (void)user;
    if (*path) fprintf(stderr, "[%zu/%zu] %s\n", done, total, path);
}

static void message(void* user, const char* text) {
    (void)user;
    fprintf(stderr, "convert_folder: %s\n", text);
}

int main(int argc, char** argv) {
    if (argc < 3) {
        fputs("usage: convert_folder IN_DIR OUT_DIR [FORMAT...]\n", stderr);
        return 2;
    }
    communique_job* job = communique_job_new();
    int ok = job && communique_job_add_input(job, argv[1]) == 0 && communique_job_set_output_dir(job, argv[2]) == 0 &&
             communique_job_set_progress(job, progress, NULL) == 0 &&
             communique_job_set_messages(job, message, NULL) == 0;
    for (int i = 3; ok && i < argc; ++i) ok = communique_job_add_format(job, argv[i]) == 0;
    if (ok && argc == 3) ok = communique_job_add_format(job, "html") == 0;
    communique_job_summary summary;
    int status = ok ? communique_job_run(job, &summary) : -1;
    if (status < 0) {
        fprintf(stderr, "convert_folder: %s\n", communique_last_error());
        communique_job_free(job);
        return 2;
    }
    printf("%zu converted, %zu up to date, %zu invalid, %zu failed\n", summary.converted, summary.up_to_date,
           summary.invalid, summary.failed);
    communique_job_free(job);
    return status; /* 0 all converted, 1 a release is invalid, 2 something could not be read or written */
}
