/* Signed application updates (docs/updates.md). A bundle is a POSIX ustar
 * tarball whose first entry is a manifest (version, architectures, sha256
 * of every file), signed with minisign; the kiosk checks the signature with
 * libsodium itself and never runs minisign.
 *
 * Under the update root (/opt/kiosk on a board):
 *   releases/<version>/   one complete release each (bin/, share/, manifest)
 *   current -> releases/<version>    switched by rename(), then fsync
 *   previous -> releases/<version>   what `rollback` returns to
 *   state/update.state    pending version, failed-boot count, last rollback
 *   state/lock            flock: one installer, rollback or boot at a time
 * A kill at any step leaves `current` naming a complete release. The kiosk
 * itself writes only its own data directory: there it marks a release on
 * trial healthy (update-healthy), and the next boot check keeps it. */
#ifndef PLATFORM_UPDATE_H
#define PLATFORM_UPDATE_H

#include <stddef.h>

#define UPDATE_VERSION_MAX 32

/* ---- minisign, parsed and verified here ------------------------------- */

typedef struct update_pubkey {
    unsigned char id[8]; /* key id, as stored (little-endian) */
    unsigned char pk[32];
} update_pubkey_t;

/* The text of a minisign public key file ("untrusted comment: ..." then the
 * base64 line) or the bare base64 line. 0, or -1 with err. */
int update_pubkey_parse(const char *text, size_t len, update_pubkey_t *k, char *err, size_t errlen);
int update_pubkey_load(const char *path, update_pubkey_t *k, char *err, size_t errlen);

/* Checks a .minisig text against data in memory: algorithm "Ed" (plain
 * Ed25519) or "ED" (Ed25519 over BLAKE2b-512 of the data, minisign's
 * default), the key id, the signature and the trusted comment's global
 * signature. 0 when genuine, else -1 with err. */
int update_sig_verify_mem(const update_pubkey_t *k, const char *sig, size_t siglen,
                          const void *data, size_t len, char *err, size_t errlen);
/* The same for a file (streamed for "ED"). */
int update_sig_verify_file(const update_pubkey_t *k, const char *sig, size_t siglen,
                           const char *path, char *err, size_t errlen);

/* ---- versions and boards ---------------------------------------------- */

/* Digits in 1 to 4 dot-separated numbers ("1.2.0"): also a directory name. */
int update_version_valid(const char *v);
/* <0, 0, >0 like strcmp, numerically per component ("1.10" > "1.9"). */
int update_version_cmp(const char *a, const char *b);
/* This build's Debian architecture name: amd64, arm64, armhf, i386. */
const char *update_arch(void);

/* ---- the installer ----------------------------------------------------- */

typedef struct update_opts {
    const char *root;     /* the update root */
    const char *pubkey;   /* minisign public key file (apply) */
    int allow_downgrade;  /* apply: accept an older version */
    int max_boots;        /* boot: starts without being marked healthy before rollback */
    const char *data_dir; /* the kiosk's data directory, where it marks health */
} update_opts_t;

enum { UPDATE_OK = 0, UPDATE_REFUSED = 1 };

/* Verifies bundle (with the signature file sig) against the public key,
 * unpacks it into releases/<version>, makes it current (the old current
 * becomes previous) and marks it pending until the kiosk reports healthy.
 * UPDATE_OK with what was done in msg, or UPDATE_REFUSED with why; on
 * refusal `current` is unchanged. */
int update_apply(const update_opts_t *o, const char *bundle, const char *sig, char *msg,
                 size_t msglen);

/* Makes previous current again (and current previous), after checking every
 * file of previous against its manifest. */
int update_rollback(const update_opts_t *o, char *msg, size_t msglen);

/* Run before each start of the kiosk (ExecStartPre): keeps a pending
 * release the kiosk marked healthy, else counts a start of it; after
 * max_boots starts without the mark it rolls back. UPDATE_OK with what it
 * did in msg, or UPDATE_REFUSED. */
int update_boot(const update_opts_t *o, char *msg, size_t msglen);

/* 1 when version is pending (on trial) under root, current names it, and
 * this very program runs from that release; 0 otherwise; -1 with err (an
 * unreadable state file). */
int update_on_trial(const char *root, const char *version, char *err, size_t errlen);

/* Called by the kiosk once it has served for its health period (and can
 * book: the caller checks its store first): when
 * version is pending and this very program runs from that release, writes
 * the health mark into data_dir. 1 marked, 0 nothing to mark, -1 with err. */
int update_mark_healthy(const char *root, const char *data_dir, const char *version, char *err,
                        size_t errlen);

typedef struct update_status {
    char current[UPDATE_VERSION_MAX + 1];     /* "" when none */
    char previous[UPDATE_VERSION_MAX + 1];    /* "" when none */
    char pending[UPDATE_VERSION_MAX + 1];     /* "" when the current release is kept */
    char rolled_back[UPDATE_VERSION_MAX + 1]; /* the last release rolled back from, or "" */
    int boots;                                /* starts of the pending release so far */
    int healthy; /* the kiosk marked the pending release healthy: kept at the next boot check */
} update_status_t;

/* data_dir may be NULL (healthy is then 0). 0, or -1 with err (an
 * unreadable state file). */
int update_status(const char *root, const char *data_dir, update_status_t *s, char *err,
                  size_t errlen);

/* Checks every file of root/releases/<version> against its manifest. */
int update_release_check(const char *root, const char *version, char *err, size_t errlen);

#endif
