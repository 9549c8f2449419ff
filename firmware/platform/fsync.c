#include "fsync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int fsync_parent(const char *path)
{
    char dir[1024];
    const char *slash = strrchr(path, '/');
    if (!slash)
        return fsync_dir(".");
    if (slash == path)
        return fsync_dir("/");
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    return fsync_dir(dir);
}

/* What is under name in dirfd: 0 when it is absent or a regular file we may
 * replace, -1 with why in err otherwise. */
static int final_name_ok(int dirfd, const char *name, const char *path, char *err, size_t errlen)
{
    struct stat sb;
    if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISLNK(sb.st_mode)) {
        snprintf(err, errlen,
                 "%s is a symbolic link: not written (a link is never followed here; remove it "
                 "or choose another name)",
                 path);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s is not a regular file: not written", path);
        return -1;
    }
    return 0;
}

int fsync_file_create(fsync_file_t *w, const char *path, int mode, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    w->dirfd = -1;
    snprintf(w->path, sizeof w->path, "%s", path);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[1024];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
        strlen(base) >= sizeof w->name - 1) {
        snprintf(err, errlen, "%s: not a file name", path);
        return -1;
    }
    snprintf(w->name, sizeof w->name, "%s", base);
    w->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (w->dirfd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s: %s", path, dir, strerror(errno));
        return -1;
    }
    if (final_name_ok(w->dirfd, w->name, path, err, errlen))
        goto fail;
    int fd = -1;
    for (int i = 0; fd < 0 && i < 100; i++) {
        snprintf(w->tmp, sizeof w->tmp, ".%s.part-%d", w->name, i);
        fd = openat(w->dirfd, w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    (mode_t)mode);
        if (fd < 0 && errno != EEXIST) {
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            goto fail;
        }
    }
    if (fd < 0) {
        snprintf(err, errlen,
                 "%s: not written: the temporary names beside it (.%s.part-N) are all taken", path,
                 w->name);
        goto fail;
    }
    if (!(w->f = fdopen(fd, "wb"))) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlinkat(w->dirfd, w->tmp, 0);
        goto fail;
    }
    return 0;
fail:
    close(w->dirfd);
    w->dirfd = -1;
    return -1;
}

int fsync_file_commit(fsync_file_t *w, char *err, size_t errlen)
{
    int bad = fflush(w->f) != 0 || fsync(fileno(w->f)) != 0;
    int e = errno;
    bad |= fclose(w->f) != 0;
    w->f = NULL;
    if (bad) {
        snprintf(err, errlen, "%s: cannot write: %s", w->path, strerror(e ? e : errno));
        fsync_file_abort(w);
        return -1;
    }
    /* Checked again: the stick may have changed while the file was written. */
    if (final_name_ok(w->dirfd, w->name, w->path, err, errlen)) {
        fsync_file_abort(w);
        return -1;
    }
    if (renameat(w->dirfd, w->tmp, w->dirfd, w->name) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", w->path, strerror(errno));
        fsync_file_abort(w);
        return -1;
    }
    fsync(w->dirfd);
    close(w->dirfd);
    w->dirfd = -1;
    return 0;
}

void fsync_file_abort(fsync_file_t *w)
{
    if (w->f) {
        fclose(w->f);
        w->f = NULL;
    }
    if (w->dirfd >= 0) {
        unlinkat(w->dirfd, w->tmp, 0);
        close(w->dirfd);
        w->dirfd = -1;
    }
}
