/* Making renames survive a power cut: after rename(), the directory that
 * holds the name must be synced too. */
#ifndef PLATFORM_FSYNC_H
#define PLATFORM_FSYNC_H

#include <stddef.h>
#include <stdio.h>

/* fsync of a directory. 0, or -1 with errno. */
int fsync_dir(const char *dir);
/* fsync of the directory holding path ("." for a bare name). 0 or -1. */
int fsync_parent(const char *path);

/* A file written where someone else may have put things first (a USB stick,
 * a path typed by a technician): nothing there is followed or truncated.
 * The directory is opened once; the final name must be absent or a regular
 * file (a symbolic link, a directory, a device there is refused); the data
 * goes to a new temporary file beside it, created with O_CREAT | O_EXCL |
 * O_NOFOLLOW (a name already taken, a planted link included, is skipped for
 * the next), then renamed over the final name within that directory. */
typedef struct fsync_file {
    int dirfd;
    FILE *f;         /* write the contents here */
    char name[256];  /* the final name within the directory */
    char tmp[300];   /* the temporary name within the directory */
    char path[1024]; /* for messages */
} fsync_file_t;

/* Starts w for path. 0, or -1 with why in err (nothing created). */
int fsync_file_create(fsync_file_t *w, const char *path, int mode, char *err, size_t errlen);
/* Flushes, syncs and closes w->f, renames it to its final name and syncs
 * the directory. 0, or -1 with why in err (the temporary file removed, the
 * final name untouched). Either way w is finished. */
int fsync_file_commit(fsync_file_t *w, char *err, size_t errlen);
/* Drops the temporary file; the final name is untouched. */
void fsync_file_abort(fsync_file_t *w);

#endif
