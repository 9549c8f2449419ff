/* The update root's state: the current and previous links, the state file
 * (pending release, starts, last rollback), the lock, and the kiosk's health
 * mark. Its own file because the running kiosk needs only this part
 * (update_mark_healthy), not the installer. */
#include "update_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../platform/fsync.h"

int upd_link_version(const char *root, const char *name, char out[UPDATE_VERSION_MAX + 1])
{
    char path[PATHBUF], target[PATHBUF];
    out[0] = '\0';
    if (upd_join(path, root, name))
        return -1;
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0)
        return errno == ENOENT ? 0 : -1;
    target[n] = '\0';
    static const char pre[] = "releases/";
    if (strncmp(target, pre, strlen(pre)) != 0 || !update_version_valid(target + strlen(pre)))
        return -1;
    strcpy(out, target + strlen(pre));
    return 0;
}

int upd_set_link(const char *root, const char *name, const char *version)
{
    char path[PATHBUF], tmp[PATHBUF], target[64];
    snprintf(target, sizeof target, "releases/%s", version);
    if (upd_join(path, root, name) ||
        (size_t)snprintf(tmp, sizeof tmp, "%s.new", path) >= sizeof tmp)
        return -1;
    unlink(tmp);
    if (symlink(target, tmp) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_dir(root);
}

int upd_state_read(const char *root, upd_state_t *s, char *err, size_t errlen)
{
    char path[PATHBUF], *text;
    size_t len;
    memset(s, 0, sizeof *s);
    if (upd_join(path, root, "state/update.state"))
        return -1;
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return 0;
    if (upd_slurp(path, 4096, &text, &len, err, errlen))
        return -1;
    size_t pos = 0, n;
    const char *line;
    int rc = 0;
    while (rc == 0 && upd_next_line(text, len, &pos, &line, &n) == 0) {
        char l[128], *val;
        if (n == 0)
            continue;
        if (n >= sizeof l || !(val = memchr(line, ' ', n))) {
            rc = -1;
            break;
        }
        memcpy(l, line, n);
        l[n] = '\0';
        val = l + (val - line);
        *val++ = '\0';
        if (strcmp(l, "boots") == 0)
            s->boots = atoi(val);
        else if (strcmp(l, "pending") == 0 && update_version_valid(val))
            strcpy(s->pending, val);
        else if (strcmp(l, "rolled_back") == 0 && update_version_valid(val))
            strcpy(s->rolled_back, val);
        else
            rc = -1;
    }
    free(text);
    if (rc)
        upd_say(err, errlen, "%s: damaged (remove it to start afresh)", path);
    return rc;
}

int upd_state_write(const char *root, const upd_state_t *s)
{
    char dir[PATHBUF], text[256];
    int n = snprintf(text, sizeof text, "%s%s%sboots %d\n%s%s%s", s->pending[0] ? "pending " : "",
                     s->pending, s->pending[0] ? "\n" : "", s->boots,
                     s->rolled_back[0] ? "rolled_back " : "", s->rolled_back,
                     s->rolled_back[0] ? "\n" : "");
    return upd_join(dir, root, "state")
               ? -1
               : upd_write_atomic(dir, "update.state", text, (size_t)n, 0644);
}

int upd_lock_root(const char *root, int wait, int create, char *err, size_t errlen)
{
    char path[PATHBUF];
    /* Readable by the kiosk's user whatever the umask: it reads the state
     * and runs from releases/, and writes none of it. */
    static const char *const dirs[] = {"", "state", "releases"};
    for (int i = 0; create && i < 3; i++) {
        if (upd_join(path, root, dirs[i]) ||
            (mkdir(path, 0755) == 0 ? chmod(path, 0755) != 0 : errno != EEXIST)) {
            upd_say(err, errlen, "%s: cannot create: %s", path, strerror(errno));
            return -1;
        }
    }
    if (upd_join(path, root, "state/lock"))
        return -1;
    int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
    if (fd < 0) {
        upd_say(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        if (errno == EINTR)
            continue;
        upd_say(err, errlen, "another update, rollback or boot check is running (%s)", path);
        close(fd);
        return -1;
    }
    return fd;
}

int upd_marked_healthy(const char *data_dir, const char *version)
{
    char path[PATHBUF], mark[UPDATE_VERSION_MAX + 2] = "";
    if (!data_dir || !version[0] || upd_join(path, data_dir, HEALTH_MARK))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(mark, sizeof mark, f) && strcspn(mark, "\n") == strlen(version) &&
             strncmp(mark, version, strlen(version)) == 0;
    fclose(f);
    return ok;
}

int update_status(const char *root, const char *data_dir, update_status_t *s, char *err,
                  size_t errlen)
{
    memset(s, 0, sizeof *s);
    upd_state_t st;
    if (upd_link_version(root, "current", s->current) ||
        upd_link_version(root, "previous", s->previous)) {
        upd_say(err, errlen, "%s: current or previous is not a link to releases/<version>", root);
        return -1;
    }
    if (upd_state_read(root, &st, err, errlen))
        return -1;
    strcpy(s->pending, st.pending);
    strcpy(s->rolled_back, st.rolled_back);
    s->boots = st.boots;
    s->healthy = upd_marked_healthy(data_dir, s->pending);
    return 0;
}
