/* The installer: apply a verified bundle, roll back, and the boot check
 * that keeps or rolls back a release on trial. Each step is ordered so that
 * a kill anywhere leaves `current` naming a complete release
 * (tests/update/kill.sh kills it at each upd_step). */
#include "update_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../platform/fsync.h"

static int copy_file(const char *from, const char *to, char *err, size_t errlen)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        upd_say(err, errlen, "%s: cannot open: %s", from, strerror(errno));
        return -1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out < 0) {
        upd_say(err, errlen, "%s: cannot create: %s", to, strerror(errno));
        close(in);
        return -1;
    }
    unsigned char buf[65536];
    ssize_t r;
    long long total = 0;
    int rc = 0;
    while (rc == 0 && (r = read(in, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || (total += r) > BUNDLE_MAX || upd_write_full(out, buf, (size_t)r)) {
            upd_say(err, errlen, "%s: %s", r < 0 ? from : to,
                    total > BUNDLE_MAX ? "larger than a bundle can be" : strerror(errno));
            rc = -1;
        }
    }
    close(in);
    if (close(out) != 0 && rc == 0) {
        upd_say(err, errlen, "%s: %s", to, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Removes every release that neither current nor previous names, and the
 * leftovers of an interrupted install. */
static void prune(const char *root)
{
    char dir[PATHBUF], cur[UPDATE_VERSION_MAX + 1], prev[UPDATE_VERSION_MAX + 1];
    if (upd_join(dir, root, "releases") || upd_link_version(root, "current", cur) ||
        upd_link_version(root, "previous", prev) || !cur[0])
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        char path[PATHBUF];
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            strcmp(de->d_name, cur) == 0 || strcmp(de->d_name, prev) == 0)
            continue;
        if (upd_join(path, dir, de->d_name) == 0)
            upd_rm_tree(path);
    }
    closedir(d);
    fsync_dir(dir);
}

/* Makes previous current and current previous; the caller holds the lock. */
static int do_rollback(const char *root, const char *why, char *msg, size_t msglen)
{
    update_status_t s;
    char err[512];
    if (update_status(root, NULL, &s, err, sizeof err)) {
        upd_say(msg, msglen, "%s", err);
        return UPDATE_REFUSED;
    }
    if (!s.previous[0] || strcmp(s.previous, s.current) == 0) {
        upd_say(msg, msglen, "%sno previous release to roll back to (current: %s)", why,
                s.current[0] ? s.current : "none");
        return UPDATE_REFUSED;
    }
    if (update_release_check(root, s.previous, err, sizeof err)) {
        upd_say(msg, msglen, "%sprevious release %s is not complete, not rolling back: %s", why,
                s.previous, err);
        return UPDATE_REFUSED;
    }
    if (upd_set_link(root, "current", s.previous)) {
        upd_say(msg, msglen, "%scannot switch current: %s", why, strerror(errno));
        return UPDATE_REFUSED;
    }
    upd_step("rollback-switch");
    upd_set_link(root, "previous", s.current);
    upd_step("rollback-previous");
    upd_state_t st = {.boots = 0};
    strcpy(st.rolled_back, s.current);
    if (upd_state_write(root, &st)) {
        upd_say(msg, msglen, "%srolled back to %s, but the state file could not be written: %s",
                why, s.previous, strerror(errno));
        return UPDATE_REFUSED;
    }
    upd_step("rollback-state");
    upd_say(msg, msglen, "%srolled back from %s to %s", why, s.current, s.previous);
    return UPDATE_OK;
}

int update_rollback(const update_opts_t *o, char *msg, size_t msglen)
{
    char dir[PATHBUF];
    struct stat sb;
    if (upd_join(dir, o->root, "state") || stat(dir, &sb) != 0) {
        upd_say(msg, msglen, "no update installed under %s: nothing to roll back to", o->root);
        return UPDATE_REFUSED;
    }
    int lock = upd_lock_root(o->root, 0, 0, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = do_rollback(o->root, "", msg, msglen);
    close(lock);
    return rc;
}

int update_boot(const update_opts_t *o, char *msg, size_t msglen)
{
    char err[512] = "", cur[UPDATE_VERSION_MAX + 1];
    upd_state_t st;
    struct stat sb;
    char dir[PATHBUF];
    if (upd_join(dir, o->root, "state") || stat(dir, &sb) != 0) {
        upd_say(msg, msglen, "no update installed under %s", o->root);
        return UPDATE_OK;
    }
    int lock = upd_lock_root(o->root, 1, 0, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = UPDATE_OK;
    if (upd_state_read(o->root, &st, err, sizeof err) ||
        upd_link_version(o->root, "current", cur)) {
        upd_say(msg, msglen, "%s", err[0] ? err : "current is not a release link");
        rc = UPDATE_REFUSED;
    } else if (!st.pending[0]) {
        upd_say(msg, msglen, "release %s is kept; nothing pending", cur[0] ? cur : "(none)");
    } else if (strcmp(st.pending, cur) != 0) {
        /* The installer stopped before its switch: the old release runs. */
        upd_say(msg, msglen, "update to %s was never switched to; %s stays", st.pending, cur);
        st.pending[0] = '\0';
        st.boots = 0;
        rc = upd_state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
    } else if (upd_marked_healthy(o->data_dir, st.pending)) {
        upd_say(msg, msglen, "release %s served its health period: kept", st.pending);
        st.pending[0] = '\0';
        st.boots = 0;
        rc = upd_state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
    } else if (st.boots >= o->max_boots) {
        char why[160];
        snprintf(why, sizeof why,
                 "release %s started %d times without becoming healthy: ", st.pending, st.boots);
        rc = do_rollback(o->root, why, msg, msglen);
    } else {
        st.boots++;
        rc = upd_state_write(o->root, &st) ? UPDATE_REFUSED : UPDATE_OK;
        upd_say(msg, msglen,
                rc ? "cannot write the update state" : "start %d of %d of release %s on trial",
                st.boots, o->max_boots, st.pending);
    }
    close(lock);
    return rc;
}

int update_on_trial(const char *root, const char *version, char *err, size_t errlen)
{
    char cur[UPDATE_VERSION_MAX + 1];
    upd_state_t st;
    err[0] = '\0';
    if (upd_state_read(root, &st, err, errlen))
        return -1;
    if (strcmp(st.pending, version) != 0 || upd_link_version(root, "current", cur) ||
        strcmp(cur, version) != 0)
        return 0;
    /* Only the pending release itself may vouch for it. */
    char rel[PATHBUF], real_rel[PATH_MAX], exe[PATH_MAX];
    if ((size_t)snprintf(rel, sizeof rel, "%s/releases/%s", root, version) >= sizeof rel ||
        !realpath(rel, real_rel) || !realpath("/proc/self/exe", exe) ||
        strncmp(exe, real_rel, strlen(real_rel)) != 0 || exe[strlen(real_rel)] != '/')
        return 0;
    return 1;
}

int update_mark_healthy(const char *root, const char *data_dir, const char *version, char *err,
                        size_t errlen)
{
    int trial = update_on_trial(root, version, err, errlen);
    if (trial != 1)
        return trial;
    char text[UPDATE_VERSION_MAX + 2];
    int n = snprintf(text, sizeof text, "%s\n", version);
    if (upd_write_atomic(data_dir, HEALTH_MARK, text, (size_t)n, 0640)) {
        upd_say(err, errlen, "%s/%s: cannot write: %s", data_dir, HEALTH_MARK, strerror(errno));
        return -1;
    }
    return 1;
}

/* Steps after the lock: the bundle is copied where nobody else writes, so
 * that what is verified is what is unpacked. */
static int apply_locked(const update_opts_t *o, const char *bundle, const char *sig, char *msg,
                        size_t msglen)
{
    char tmp[PATHBUF], copy[PATHBUF], rels[PATHBUF], newdir[PATHBUF], dest[PATHBUF];
    char *sigtext = NULL, *mtext = NULL;
    size_t siglen, mlen;
    update_pubkey_t key;
    upd_manifest_t m;
    update_status_t s;
    memset(&m, 0, sizeof m);
    int rc = UPDATE_REFUSED, fd = -1;
    if (upd_join(tmp, o->root, "tmp") || upd_join(copy, tmp, "bundle.tar") ||
        upd_join(rels, o->root, "releases")) {
        upd_say(msg, msglen, "%s: path too long", o->root);
        return UPDATE_REFUSED;
    }
    if (update_status(o->root, NULL, &s, msg, msglen))
        return UPDATE_REFUSED;
    prune(o->root);
    upd_rm_tree(tmp);
    if (mkdir(tmp, 0700) != 0) {
        upd_say(msg, msglen, "%s: cannot create: %s", tmp, strerror(errno));
        return UPDATE_REFUSED;
    }
    if (update_pubkey_load(o->pubkey, &key, msg, msglen) ||
        upd_slurp(sig, SIGFILE_MAX, &sigtext, &siglen, msg, msglen) ||
        copy_file(bundle, copy, msg, msglen))
        goto out;
    upd_step("copy");
    char err[512];
    if (update_sig_verify_file(&key, sigtext, siglen, copy, err, sizeof err)) {
        upd_say(msg, msglen, "%s: refused: %s", bundle, err);
        goto out;
    }
    upd_step("verify");
    fd = open(copy, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || upd_read_manifest(fd, &m, &mtext, &mlen, err, sizeof err)) {
        upd_say(msg, msglen, "%s: refused: %s", bundle, fd < 0 ? strerror(errno) : err);
        goto out;
    }
    if (!upd_manifest_find(&m, "bin/kiosk")) {
        upd_say(msg, msglen, "%s: refused: no bin/kiosk in it: not a kiosk release", bundle);
        goto out;
    }
    if (!upd_arch_ok(m.arch)) {
        upd_say(msg, msglen, "%s: refused: made for %s, this kiosk is %s", bundle, m.arch,
                update_arch());
        goto out;
    }
    int cmp = s.current[0] ? update_version_cmp(m.version, s.current) : 1;
    if (cmp == 0 || (cmp < 0 && !o->allow_downgrade)) {
        upd_say(msg, msglen, "%s: refused: version %s is %s the current %s%s", bundle, m.version,
                cmp == 0 ? "already" : "older than", s.current,
                cmp == 0 ? "" : " (--allow-downgrade to go back)");
        goto out;
    }
    if (upd_join(dest, rels, m.version) ||
        (size_t)snprintf(newdir, sizeof newdir, "%s/.new-%s", rels, m.version) >= sizeof newdir)
        goto out;
    /* An earlier copy of this version (rolled back from, or an install
     * killed before its switch) is not trusted: unpacked afresh. */
    if (upd_rm_tree(dest) || upd_rm_tree(newdir) || mkdir(newdir, 0755) != 0 ||
        chmod(newdir, 0755)) {
        upd_say(msg, msglen, "%s: cannot prepare: %s", newdir, strerror(errno));
        goto out;
    }
    if (upd_unpack_rest(fd, &m, mtext, mlen, newdir, err, sizeof err)) {
        upd_say(msg, msglen, "%s: refused: %s", bundle, err);
        upd_rm_tree(newdir);
        goto out;
    }
    upd_step("unpacked");
    if (rename(newdir, dest) != 0 || fsync_dir(rels) != 0) {
        upd_say(msg, msglen, "%s: cannot rename into place: %s", dest, strerror(errno));
        goto out;
    }
    upd_step("release");
    /* Pending before the switch: a new release is on trial from its first
     * start. The first release of a kiosk has nothing to go back to. */
    upd_state_t st;
    if (upd_state_read(o->root, &st, err, sizeof err))
        memset(&st, 0, sizeof st);
    snprintf(st.pending, sizeof st.pending, "%s", s.current[0] ? m.version : "");
    st.boots = 0;
    /* A mark left from an earlier trial of this version vouches for nothing. */
    char mark[PATHBUF];
    if (o->data_dir && upd_join(mark, o->data_dir, HEALTH_MARK) == 0)
        unlink(mark);
    if (upd_state_write(o->root, &st)) {
        upd_say(msg, msglen, "%s: cannot write the update state: %s", o->root, strerror(errno));
        goto out;
    }
    upd_step("state");
    if (s.current[0] && upd_set_link(o->root, "previous", s.current)) {
        upd_say(msg, msglen, "%s/previous: cannot switch: %s", o->root, strerror(errno));
        goto out;
    }
    upd_step("previous");
    if (upd_set_link(o->root, "current", m.version)) {
        upd_say(msg, msglen, "%s/current: cannot switch: %s", o->root, strerror(errno));
        goto out;
    }
    upd_step("switch");
    upd_rm_tree(tmp);
    prune(o->root);
    upd_step("cleanup");
    if (s.current[0])
        upd_say(msg, msglen, "installed %s (was %s): on trial until the kiosk reports healthy",
                m.version, s.current);
    else
        upd_say(msg, msglen, "installed %s", m.version);
    rc = UPDATE_OK;
out:
    if (fd >= 0)
        close(fd);
    free(sigtext);
    free(mtext);
    upd_manifest_free(&m);
    if (rc != UPDATE_OK)
        upd_rm_tree(tmp);
    return rc;
}

int update_apply(const update_opts_t *o, const char *bundle, const char *sig, char *msg,
                 size_t msglen)
{
    if (sodium_init() < 0) {
        upd_say(msg, msglen, "libsodium failed to start");
        return UPDATE_REFUSED;
    }
    int lock = upd_lock_root(o->root, 0, 1, msg, msglen);
    if (lock < 0)
        return UPDATE_REFUSED;
    int rc = apply_locked(o, bundle, sig, msg, msglen);
    close(lock);
    return rc;
}
