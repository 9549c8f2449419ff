/* Replays a fuzz target's committed corpus (tests/fuzz/corpus/<target>/,
 * seeds and every crash found, kept as regression inputs) through the
 * target, without libFuzzer: part of every `make test`. The binary is
 * build/tests/fuzz/replay_<target>; run from the source tree. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
    (void)argc;
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *target = strncmp(name, "replay_", 7) == 0 ? name + 7 : name;
    char dir[512];
    snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", target);
    DIR *d = opendir(dir);
    if (!d) {
        printf("not ok - fuzz corpus %s: cannot open %s\n", target, dir);
        return 1;
    }
    int n = 0;
    size_t bytes = 0;
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
            return 1;
        memcpy(in, buf, len);
        fprintf(stderr, "%s\n", path); /* the last one named is the culprit of a crash */
        LLVMFuzzerTestOneInput(in, len);
        free(in);
        n++;
        bytes += len;
    }
    closedir(d);
    if (n == 0) {
        printf("not ok - fuzz corpus %s: no inputs in %s\n", target, dir);
        return 1;
    }
    printf("ok - fuzz corpus %s: %d inputs (%zu bytes) replayed without a crash\n", target, n, bytes);
    return 0;
}
