/* Private to firmware/update/: what its files share (minisign.c, bundle.c,
 * state.c, install.c, util.c). Nothing outside this folder includes it;
 * update.h is the public interface. */
#ifndef UPDATE_INT_H
#define UPDATE_INT_H

#include <stddef.h>
#include <sys/types.h>

#include "update.h"

/* A bundle holds the application (binaries, font, catalog): a few MB. The
 * cap bounds what a legacy "Ed" signature makes us hold in memory. */
#define BUNDLE_MAX (256L * 1024 * 1024)
#define MANIFEST_MAX (1024 * 1024)
#define MANIFEST_FILES_MAX 4096
#define SIGFILE_MAX 4096
#define TRUSTED_MAX 1024
#define PATHBUF 4096
#define NAME_MAX_LEN 255
/* The kiosk's mark in its data directory: this release served its health period. */
#define HEALTH_MARK "update-healthy"

/* ---- util.c: messages, whole reads and writes, paths ------------------- */

/* snprintf into buf when there is one (buf may be NULL). */
__attribute__((format(printf, 3, 4))) void upd_say(char *buf, size_t n, const char *fmt, ...);

/* Test hook (tests/update/kill.sh): with KIOSK_UPDATE_CRASH_AT set, each
 * step is named on stderr and the named one kills the process there, as a
 * power cut would. A release build (KIOSK_UNTESTABLE, as SQLite's
 * SQLITE_UNTESTABLE) has no hook at all: no environment variable can make
 * an installed kioskctl kill itself halfway through an update. */
#ifdef KIOSK_UNTESTABLE
#define upd_step(name) ((void)(name))
#else
void upd_step(const char *name);
#endif

int upd_read_full(int fd, void *buf, size_t n);
int upd_write_full(int fd, const void *buf, size_t n);
/* A file of at most max bytes, whole, NUL-terminated. 0, or -1 with err. */
int upd_slurp(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen);
/* The next line of text[*pos..len), without its "\n" or "\r\n". */
int upd_next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n);
/* Feeds the file to fn in chunks, without holding it in memory. */
int upd_stream_file(const char *path, void (*fn)(void *, const unsigned char *, size_t), void *ctx,
                    char *err, size_t errlen);
/* a/b into out; -1 when it does not fit. */
int upd_join(char out[PATHBUF], const char *a, const char *b);
/* Removes path and everything under it, links not followed; 0 when gone. */
int upd_rm_tree(const char *path);
/* Writes dir/name atomically: a temporary file, fsync, rename, fsync of
 * the directory. */
int upd_write_atomic(const char *dir, const char *name, const char *data, size_t len, mode_t mode);

/* ---- bundle.c: the manifest and the ustar archive ---------------------- */

typedef struct upd_mfile {
    char *path;
    unsigned char sha[32];
    int seen;
} upd_mfile_t;

typedef struct upd_manifest {
    char version[UPDATE_VERSION_MAX + 1];
    char arch[256];
    upd_mfile_t *files;
    int nfiles;
} upd_manifest_t;

void upd_manifest_free(upd_manifest_t *m);
upd_mfile_t *upd_manifest_find(upd_manifest_t *m, const char *path);
/* The manifest's architecture list names this build's (update_arch). */
int upd_arch_ok(const char *list);
/* Reads the manifest, the archive's first entry. */
int upd_read_manifest(int fd, upd_manifest_t *m, char **text, size_t *len, char *err,
                      size_t errlen);
/* Unpacks the rest of the archive into dir, then writes the manifest there
 * and syncs every directory. */
int upd_unpack_rest(int fd, upd_manifest_t *m, const char *mtext, size_t mlen, const char *dir,
                    char *err, size_t errlen);

/* ---- state.c: the links, the state file, the lock, the health mark ----- */

typedef struct upd_state {
    char pending[UPDATE_VERSION_MAX + 1];
    char rolled_back[UPDATE_VERSION_MAX + 1];
    int boots;
} upd_state_t;

/* The version a link (current, previous) names: "" when there is none. */
int upd_link_version(const char *root, const char *name, char out[UPDATE_VERSION_MAX + 1]);
/* Points root/name at releases/<version>: a new link under a temporary
 * name renamed over the old one, then the directory synced. */
int upd_set_link(const char *root, const char *name, const char *version);
int upd_state_read(const char *root, upd_state_t *s, char *err, size_t errlen);
int upd_state_write(const char *root, const upd_state_t *s);
/* Takes root/state/lock (creating root, state/ and releases/ when
 * needed). Returns the lock's fd, or -1 with err. */
int upd_lock_root(const char *root, int wait, int create, char *err, size_t errlen);
/* The kiosk's mark says version served its health period. */
int upd_marked_healthy(const char *data_dir, const char *version);

#endif
