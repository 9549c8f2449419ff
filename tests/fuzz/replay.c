/* Replays a fuzz target's committed corpus (tests/fuzz/corpus/<target>/,
 * seeds and every crash found, kept as regression inputs) through the
 * target, without libFuzzer: part of every `make test`. Some targets also
 * take inputs that the tree keeps elsewhere as tests of their own (the UI
 * scripts are the script target's seeds), read where they are rather than
 * copied. The binary is build/tests/fuzz/replay_<target>; run from the
 * source tree. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Seed directories besides the target's own corpus; tests/fuzz/fuzz.sh
 * hands libFuzzer the same. */
static const struct {
    const char *target, *dir;
} seeds[] = {
    {"script", "tests/ui/scripts"},
};

/* Replays every file of dir (dot files aside); -1 when dir cannot be read. */
static int replay_dir(const char *dir, int *n, size_t *bytes)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static uint8_t buf[1 << 20];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        /* A copy of exactly len bytes, so that a read past the input is
         * caught under the sanitizers as it would be under libFuzzer. */
        uint8_t *in = malloc(len ? len : 1);
        if (!in)
            exit(1);
        memcpy(in, buf, len);
        fprintf(stderr, "%s\n", path); /* the last one named is the culprit of a crash */
        LLVMFuzzerTestOneInput(in, len);
        free(in);
        (*n)++;
        *bytes += len;
    }
    closedir(d);
    return 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *target = strncmp(name, "replay_", 7) == 0 ? name + 7 : name;
    char dir[512];
    snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", target);
    int n = 0, n_seed_dirs = 0;
    size_t bytes = 0;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        if (strcmp(seeds[i].target, target) != 0)
            continue;
        if (replay_dir(seeds[i].dir, &n, &bytes)) {
            printf("not ok - fuzz corpus %s: cannot open %s\n", target, seeds[i].dir);
            return 1;
        }
        n_seed_dirs++;
    }
    /* A target seeded from elsewhere may have no corpus of its own until
     * the fuzzer finds a crash to keep. */
    if (replay_dir(dir, &n, &bytes) && n_seed_dirs == 0) {
        printf("not ok - fuzz corpus %s: cannot open %s\n", target, dir);
        return 1;
    }
    if (n == 0) {
        printf("not ok - fuzz corpus %s: no inputs in %s\n", target, dir);
        return 1;
    }
    printf("ok - fuzz corpus %s: %d inputs (%zu bytes) replayed without a crash\n", target, n,
           bytes);
    return 0;
}
