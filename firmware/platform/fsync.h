/* Making renames survive a power cut: after rename(), the directory that
 * holds the name must be synced too. */
#ifndef PLATFORM_FSYNC_H
#define PLATFORM_FSYNC_H

/* fsync of a directory. 0, or -1 with errno. */
int fsync_dir(const char *dir);
/* fsync of the directory holding path ("." for a bare name). 0 or -1. */
int fsync_parent(const char *path);

#endif
