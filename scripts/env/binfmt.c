/*
 * binfmt.c - local stand-in for the entrypoint of tonistiigi/binfmt:qemu-v7.0.0-28
 * (/usr/bin/binfmt).  Written from a reading of the upstream interface; no upstream
 * code is copied.  Build: gcc -static -Os -s -o binfmt binfmt.c
 *
 * Interface (same as upstream v7.0.0-28, cmd/binfmt):
 *   binfmt [-mount DIR] [-install LIST|all] [-uninstall LIST] [-version]
 *   Go "flag" syntax: -x or --x, value as "-x v" or "-x=v"; "--" ends the flags;
 *   the first non-flag argument ends the flags and the rest is ignored.
 *   stdout: the JSON status {"supported": [...], "emulators": [...]} (2-space indent);
 *   stderr: log lines "installing: ARCH OK", "uninstalling: NAME OK", errors.
 *   Exit status 0 in every case except a command-line error (2); -h/-help prints
 *   the usage and exits 0.
 *   "supported" is found for real: a tiny exit(0) ELF for each architecture is
 *   written into a fresh temporary directory and run chrooted there (as BuildKit's
 *   archutil does), so an architecture is listed only when the kernel can run it
 *   right now, without the interpreter being visible inside the chroot (needs F).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef BINFMT_VERSION
#define BINFMT_VERSION "okf-standin"
#endif
#ifndef QEMU_VERSION
#define QEMU_VERSION "unknown"
#endif

#if defined(__x86_64__)
#define NATIVE_ARCH "amd64"
#elif defined(__aarch64__)
#define NATIVE_ARCH "arm64"
#else
#error "unsupported build architecture"
#endif

/* ------------------------------------------------------------------ small utilities */

static const char *prog_name = "binfmt";

/* Go's syscall error strings are glibc's with a lower-case first letter. */
static const char *errstr(int e) {
    static char buf[128];
    snprintf(buf, sizeof buf, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* log.Printf with no flags: the message, then a newline unless it already ends in one. */
static void logmsg(const char *fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    fputs(buf, stderr);
    if (n == 0 || buf[n - 1] != '\n') fputc('\n', stderr);
    fflush(stderr);
}

static char *xstrdup(const char *s) {
    char *d = strdup(s);
    if (!d) { perror("strdup"); exit(1); }
    return d;
}

static char *join2(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *r = malloc(la + lb + 2);
    if (!r) { perror("malloc"); exit(1); }
    memcpy(r, a, la);
    size_t k = la;
    if (k == 0 || r[k - 1] != '/') r[k++] = '/';
    memcpy(r + k, b, lb + 1);
    return r;
}

static int has_suffix(const char *s, const char *suf) {
    size_t ls = strlen(s), lf = strlen(suf);
    return ls >= lf && strcmp(s + ls - lf, suf) == 0;
}

static void lower(char *s) {
    for (; *s; s++) if (*s >= 'A' && *s <= 'Z') *s = (char)(*s - 'A' + 'a');
}

/* Lexical path cleaning as Go's path/filepath.Clean does it (Unix). */
static char *clean_path(const char *p) {
    size_t n = strlen(p);
    if (n == 0) return xstrdup(".");
    int rooted = p[0] == '/';
    char *out = malloc(n + 2);
    if (!out) { perror("malloc"); exit(1); }
    size_t w = 0, r = 0, dotdot = 0;
    if (rooted) { out[w++] = '/'; r = 1; dotdot = 1; }
    while (r < n) {
        if (p[r] == '/') { r++; continue; }
        if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) { r++; continue; }
        if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && out[w] != '/') w--;
            } else if (!rooted) {
                if (w > 0) out[w++] = '/';
                out[w++] = '.'; out[w++] = '.';
                dotdot = w;
            }
            continue;
        }
        if ((rooted && w != 1) || (!rooted && w != 0)) out[w++] = '/';
        while (r < n && p[r] != '/') out[w++] = p[r++];
    }
    if (w == 0) out[w++] = '.';
    out[w] = 0;
    return out;
}

/* Go's %q for a plain string (enough for paths). */
static void quote(char *dst, size_t cap, const char *s) {
    size_t w = 0;
    if (cap < 3) { if (cap) dst[0] = 0; return; }
    dst[w++] = '"';
    for (; *s && w + 6 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { dst[w++] = '\\'; dst[w++] = (char)c; }
        else if (c == '\n') { dst[w++] = '\\'; dst[w++] = 'n'; }
        else if (c == '\t') { dst[w++] = '\\'; dst[w++] = 't'; }
        else if (c < 0x20 || c == 0x7f) w += (size_t)snprintf(dst + w, cap - w, "\\x%02x", c);
        else dst[w++] = (char)c;
    }
    dst[w++] = '"';
    dst[w] = 0;
}

/* Directory entries sorted by name (os.ReadDir order). Returns count or -1 (errno set). */
static int read_dir_sorted(const char *dir, char ***names) {
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0) return -1;
    char **out = calloc((size_t)n + 1, sizeof *out);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, ".."))
            out[k++] = xstrdup(list[i]->d_name);
        free(list[i]);
    }
    free(list);
    *names = out;
    return k;
}

/* ------------------------------------------------------------------ architecture table */

/* Handler parameters as in QEMU's scripts/qemu-binfmt-conf.sh, written the way the
 * kernel's register parser expects them (it decodes the \xHH escapes itself). */
struct arch_cfg {
    const char *arch;   /* GOARCH-style name */
    const char *binary; /* interpreter basename and handler name */
    const char *magic;
    const char *mask;
};

static const struct arch_cfg configs[] = {
    {"amd64", "qemu-x86_64",
     "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"arm64", "qemu-aarch64",
     "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"arm", "qemu-arm",
     "\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"s390x", "qemu-s390x",
     "\\x7fELF\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x16",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff"},
    {"ppc64le", "qemu-ppc64le",
     "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x15\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\x00"},
    {"riscv64", "qemu-riscv64",
     "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"386", "qemu-i386",
     "\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"mips64le", "qemu-mips64el",
     "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08\\x00",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"},
    {"mips64", "qemu-mips64",
     "\\x7fELF\\x02\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x08",
     "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff"},
};
#define NCONFIGS (sizeof configs / sizeof configs[0])

static const struct arch_cfg *find_cfg(const char *arch) {
    for (size_t i = 0; i < NCONFIGS; i++)
        if (strcmp(configs[i].arch, arch) == 0) return &configs[i];
    return NULL;
}

/* ------------------------------------------------------------------ probe executables */

/* A minimal static ELF that calls exit(0): one PT_LOAD segment holding headers and code. */
struct probe {
    const char *arch;
    int is64, big_endian;
    uint16_t machine;
    uint32_t flags;
    const unsigned char *code;
    size_t code_len;
};

static const unsigned char code_amd64[] = {0xb8, 0x3c, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05};
static const unsigned char code_386[] = {0xb8, 0x01, 0, 0, 0, 0x31, 0xdb, 0xcd, 0x80};
static const unsigned char code_arm64[] = {0x00, 0x00, 0x80, 0xd2,  /* mov x0, #0  */
                                           0xa8, 0x0b, 0x80, 0xd2,  /* mov x8, #93 */
                                           0x01, 0x00, 0x00, 0xd4}; /* svc #0      */
static const unsigned char code_arm[] = {0x00, 0x00, 0xa0, 0xe3,  /* mov r0, #0 */
                                         0x01, 0x70, 0xa0, 0xe3,  /* mov r7, #1 */
                                         0x00, 0x00, 0x00, 0xef}; /* svc #0     */
static const unsigned char code_riscv64[] = {0x13, 0x05, 0x00, 0x00,  /* li a0, 0  */
                                             0x93, 0x08, 0xd0, 0x05,  /* li a7, 93 */
                                             0x73, 0x00, 0x00, 0x00}; /* ecall     */
static const unsigned char code_ppc64le[] = {0x01, 0x00, 0x00, 0x38,  /* li r0, 1 */
                                             0x00, 0x00, 0x60, 0x38,  /* li r3, 0 */
                                             0x02, 0x00, 0x00, 0x44}; /* sc       */
static const unsigned char code_s390x[] = {0xa7, 0x29, 0x00, 0x00,  /* lghi %r2, 0 */
                                           0x0a, 0x01};             /* svc 1       */
static const unsigned char code_mips64le[] = {0x00, 0x00, 0x04, 0x64,  /* daddiu a0, zero, 0    */
                                              0xc2, 0x13, 0x02, 0x64,  /* daddiu v0, zero, 5058 */
                                              0x0c, 0x00, 0x00, 0x00}; /* syscall               */
static const unsigned char code_mips64[] = {0x64, 0x04, 0x00, 0x00,
                                            0x64, 0x02, 0x13, 0xc2,
                                            0x00, 0x00, 0x00, 0x0c};

#define CODE(c) c, sizeof c
static const struct probe probes[] = {
    {"amd64", 1, 0, 62, 0, CODE(code_amd64)},
    {"386", 0, 0, 3, 0, CODE(code_386)},
    {"arm64", 1, 0, 183, 0, CODE(code_arm64)},
    {"arm", 0, 0, 40, 0x05000400, CODE(code_arm)},
    {"riscv64", 1, 0, 243, 0x5, CODE(code_riscv64)},
    {"ppc64le", 1, 0, 21, 0x2, CODE(code_ppc64le)},
    {"s390x", 1, 1, 22, 0, CODE(code_s390x)},
    {"mips64le", 1, 0, 8, 0x80000000u, CODE(code_mips64le)},
    {"mips64", 1, 1, 8, 0x80000000u, CODE(code_mips64)},
};

struct wbuf { unsigned char b[256]; size_t n; int be; };

static void put(struct wbuf *w, uint64_t v, int size) {
    for (int i = 0; i < size; i++) {
        int shift = w->be ? (size - 1 - i) * 8 : i * 8;
        w->b[w->n++] = (unsigned char)(v >> shift);
    }
}

static size_t build_elf(const struct probe *p, unsigned char *out) {
    struct wbuf w = {.n = 0, .be = p->big_endian};
    const uint64_t base = 0x400000;
    const int asz = p->is64 ? 8 : 4;
    const size_t ehsize = p->is64 ? 64 : 52, phsize = p->is64 ? 56 : 32;
    const size_t total = ehsize + phsize + p->code_len;
    const unsigned char ident[16] = {0x7f, 'E', 'L', 'F', (unsigned char)(p->is64 ? 2 : 1),
                                     (unsigned char)(p->big_endian ? 2 : 1), 1};
    memcpy(w.b, ident, 16);
    w.n = 16;
    put(&w, 2, 2);                       /* e_type ET_EXEC */
    put(&w, p->machine, 2);              /* e_machine */
    put(&w, 1, 4);                       /* e_version */
    put(&w, base + ehsize + phsize, asz); /* e_entry */
    put(&w, ehsize, asz);                /* e_phoff */
    put(&w, 0, asz);                     /* e_shoff */
    put(&w, p->flags, 4);                /* e_flags */
    put(&w, ehsize, 2);
    put(&w, phsize, 2);
    put(&w, 1, 2);                       /* e_phnum */
    put(&w, 0, 2); put(&w, 0, 2); put(&w, 0, 2);
    if (p->is64) {
        put(&w, 1, 4); put(&w, 5, 4);    /* PT_LOAD, PF_R|PF_X */
        put(&w, 0, 8); put(&w, base, 8); put(&w, base, 8);
        put(&w, total, 8); put(&w, total, 8); put(&w, 0x1000, 8);
    } else {
        put(&w, 1, 4); put(&w, 0, 4); put(&w, base, 4); put(&w, base, 4);
        put(&w, total, 4); put(&w, total, 4); put(&w, 5, 4); put(&w, 0x1000, 4);
    }
    memcpy(w.b + w.n, p->code, p->code_len);
    w.n += p->code_len;
    memcpy(out, w.b, w.n);
    return w.n;
}

static const struct probe *find_probe(const char *arch) {
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
        if (strcmp(probes[i].arch, arch) == 0) return &probes[i];
    return NULL;
}

static int remove_tree(const char *dir) {
    char **names;
    int n = read_dir_sorted(dir, &names);
    for (int i = 0; i < n; i++) {
        char *p = join2(dir, names[i]);
        unlink(p);
        free(p);
        free(names[i]);
    }
    if (n >= 0) free(names);
    return rmdir(dir);
}

/* 1 when a probe for arch runs to exit status 0 inside a chroot holding only itself. */
static int arch_runs(const char *arch) {
    const struct probe *p = find_probe(arch);
    if (!p) return 0;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    char *tmpl = join2(tmp, "qemu-checkXXXXXX");
    if (!mkdtemp(tmpl)) { free(tmpl); return 0; }
    char *file = join2(tmpl, "check");
    unsigned char elf[256];
    size_t len = build_elf(p, elf);
    int ok = 0;
    int fd = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0700);
    if (fd >= 0) {
        ssize_t wr = write(fd, elf, len);
        close(fd);
        if (wr == (ssize_t)len) {
            fflush(NULL);
            pid_t pid = fork();
            if (pid == 0) {
                int devnull = open("/dev/null", O_RDWR);
                if (devnull >= 0) { dup2(devnull, 0); dup2(devnull, 1); dup2(devnull, 2); }
                if (chroot(tmpl) != 0) _exit(126);
                char *argv[] = {"/check", NULL};
                char *envp[] = {NULL};
                execve("/check", argv, envp);
                _exit(127);
            }
            int st;
            if (pid > 0 && waitpid(pid, &st, 0) == pid) ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
        }
    }
    remove_tree(tmpl);
    free(file);
    free(tmpl);
    return ok;
}

/* Same list and order as BuildKit v0.10's archutil.SupportedPlatforms. */
static int supported_platforms(const char **out) {
    static const char *order[][2] = {
        {"amd64", "linux/amd64"}, {"arm64", "linux/arm64"}, {"riscv64", "linux/riscv64"},
        {"ppc64le", "linux/ppc64le"}, {"s390x", "linux/s390x"}, {"386", "linux/386"},
        {"mips64le", "linux/mips64le"}, {"mips64", "linux/mips64"},
    };
    int n = 0;
    out[n++] = "linux/" NATIVE_ARCH;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (strcmp(order[i][0], NATIVE_ARCH) != 0 && arch_runs(order[i][0])) out[n++] = order[i][1];
    if (arch_runs("arm")) { out[n++] = "linux/arm/v7"; out[n++] = "linux/arm/v6"; }
    return n;
}

/* ------------------------------------------------------------------ platform parsing */

static const char *known_os[] = {"aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
                                 "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
                                 "plan9", "solaris", "windows", "zos", NULL};
static const char *known_arch[] = {"386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
                                   "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64",
                                   "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv",
                                   "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm", NULL};

static int in_list(const char **l, const char *s) {
    for (; *l; l++) if (strcmp(*l, s) == 0) return 1;
    return 0;
}

static const char *norm_arch(const char *a) {
    if (!strcmp(a, "i386")) return "386";
    if (!strcmp(a, "x86_64") || !strcmp(a, "x86-64")) return "amd64";
    if (!strcmp(a, "aarch64")) return "arm64";
    if (!strcmp(a, "armhf") || !strcmp(a, "armel")) return "arm";
    return a;
}

/* containerd platforms.Parse, reduced to the architecture.  Returns 0 and fills arch
 * (caller frees) when the specifier parses, -1 otherwise. */
static int parse_platform_arch(const char *spec, char **arch) {
    char *s = xstrdup(spec);
    char *parts[4];
    int n = 0;
    for (char *tok = s, *next;; tok = next + 1) {
        next = strchr(tok, '/');
        if (next) *next = 0;
        if (n == 4) { free(s); return -1; }
        parts[n++] = tok;
        if (!next) break;
    }
    for (int i = 0; i < n; i++) {
        if (!*parts[i]) { free(s); return -1; }
        for (char *c = parts[i]; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '_' || *c == '-')) { free(s); return -1; }
        lower(parts[i]);
    }
    int rc = 0;
    if (n == 1) {
        if (in_list(known_os, parts[0]) || !strcmp(parts[0], "macos")) *arch = xstrdup(NATIVE_ARCH);
        else if (in_list(known_arch, norm_arch(parts[0]))) *arch = xstrdup(norm_arch(parts[0]));
        else rc = -1;
    } else if (n <= 3) {
        *arch = xstrdup(norm_arch(parts[1]));
    } else {
        rc = -1;
    }
    free(s);
    return rc;
}

/* ------------------------------------------------------------------ operations */

static const char *mount_dir = "/proc/sys/fs/binfmt_misc";

static char *uninstall(const char *name) {
    static char msg[1024];
    char **names;
    int n = read_dir_sorted(mount_dir, &names);
    if (n < 0) { snprintf(msg, sizeof msg, "open %s: %s", mount_dir, errstr(errno)); return msg; }
    char suffix[512];
    snprintf(suffix, sizeof suffix, "-%s", name);
    char *res = NULL;
    int found = 0;
    for (int i = 0; i < n && !found; i++) {
        if (strcmp(names[i], name) && !has_suffix(names[i], suffix)) continue;
        found = 1;
        char *path = join2(mount_dir, names[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) {
            snprintf(msg, sizeof msg, "open %s: %s", path, errstr(errno));
            res = msg;
        } else {
            if (write(fd, "-1", 2) != 2) { snprintf(msg, sizeof msg, "write %s: %s", path, errstr(errno)); res = msg; }
            if (close(fd) != 0 && !res) { snprintf(msg, sizeof msg, "close %s: %s", path, errstr(errno)); res = msg; }
        }
        free(path);
    }
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    if (!found) return "not found";
    return res;
}

static char *install(const char *arch) {
    static char msg[2048];
    const struct arch_cfg *cfg = find_cfg(arch);
    if (!cfg) { snprintf(msg, sizeof msg, "unsupported architecture: %s", arch); return msg; }
    char *reg = join2(mount_dir, "register");
    int fd = open(reg, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT) snprintf(msg, sizeof msg, "ENOENT opening %s is it mounted?", reg);
        else if (e == EPERM) snprintf(msg, sizeof msg, "EPERM opening %s check permissions?", reg);
        else snprintf(msg, sizeof msg, "Cannot open %s: open %s: %s", reg, reg, errstr(e));
        free(reg);
        return msg;
    }
    const char *bin_path = getenv("QEMU_BINARY_PATH");
    if (!bin_path || !*bin_path) bin_path = "/usr/bin";
    const char *argv0 = getenv("QEMU_PRESERVE_ARGV0");
    const char *flags = (argv0 && *argv0) ? "CFP" : "CF";
    const char *prefix = getenv("QEMU_BINARY_PREFIX");
    char base[256];
    if (prefix && *prefix) {
        if (strchr(prefix, '/')) {
            close(fd);
            free(reg);
            return "binary prefix must not contain path separator (Hint: set $QEMU_BINARY_PATH to specify the directory)";
        }
        snprintf(base, sizeof base, "%s%s", prefix, cfg->binary);
    } else {
        snprintf(base, sizeof base, "%s", cfg->binary);
    }
    char *joined = join2(bin_path, base);
    char *full = clean_path(joined);
    char line[1024];
    int len = snprintf(line, sizeof line, ":%s:M:0:%s:%s:%s:%s", base, cfg->magic, cfg->mask, full, flags);
    char *res = NULL;
    if (write(fd, line, (size_t)len) < 0) {
        int e = errno;
        if (e == EEXIST) {
            snprintf(msg, sizeof msg, "%s already registered", base);
        } else {
            char q[600];
            quote(q, sizeof q, full);
            snprintf(msg, sizeof msg, "cannot register %s to %s: write %s: %s", q, reg, reg, errstr(e));
        }
        res = msg;
    }
    close(fd);
    free(joined);
    free(full);
    free(reg);
    return res;
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '<': case '>': case '&': printf("\\u%04x", c); break;
        default:
            if (c < 0x20) printf("\\u%04x", c);
            else putchar(c);
        }
    }
    putchar('"');
}

static void json_array(const char *key, const char **items, int n, int last) {
    printf("  \"%s\": ", key);
    if (n < 0) {
        fputs("null", stdout);
    } else {
        fputs("[\n", stdout);
        for (int i = 0; i < n; i++) {
            fputs("    ", stdout);
            json_string(items[i]);
            fputs(i + 1 < n ? ",\n" : "\n", stdout);
        }
        fputs("  ]", stdout);
    }
    fputs(last ? "\n" : ",\n", stdout);
}

/* Prints the status document; prints nothing when a handler file cannot be read. */
static void print_status(void) {
    char **names;
    int n = read_dir_sorted(mount_dir, &names);
    if (n < 0) return;
    const char **emu = calloc((size_t)n + 1, sizeof *emu);
    int ne = 0;
    for (int i = 0; i < n; i++) {
        if (!strcmp(names[i], "register") || !strcmp(names[i], "status")) continue;
        char *path = join2(mount_dir, names[i]);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        free(path);
        if (fd < 0) return;
        char head[8] = {0};
        ssize_t r = read(fd, head, 7);
        close(fd);
        if (r < 0) return;
        if (r == 7 && memcmp(head, "enabled", 7) == 0) emu[ne++] = names[i];
    }
    const char *sup[16];
    int ns = supported_platforms(sup);
    fputs("{\n", stdout);
    json_array("supported", sup, ns, 0);
    json_array("emulators", emu, ne ? ne : -1, 1);
    fputs("}\n", stdout);
    fflush(stdout);
}

/* ------------------------------------------------------------------ command line */

static void usage(void) {
    fprintf(stderr,
            "Usage of %s:\n"
            "  -install string\n    \tarchitectures to install\n"
            "  -mount string\n    \tbinfmt_misc mount point (default \"/proc/sys/fs/binfmt_misc\")\n"
            "  -uninstall string\n    \tarchitectures to uninstall\n"
            "  -version\n    \tdisplay version\n",
            prog_name);
}

static void fail(const char *fmt, const char *a, const char *b) {
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    usage();
    exit(2);
}

static int parse_bool(const char *v, int *out) {
    static const char *t[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
    static const char *f[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
    if (in_list(t, v)) { *out = 1; return 0; }
    if (in_list(f, v)) { *out = 0; return 0; }
    return -1;
}

static const char *to_install = "", *to_uninstall = "";
static int want_version = 0;

static void parse_args(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strlen(s) < 2 || s[0] != '-') return;
        int minus = s[1] == '-' ? 2 : 1;
        if (minus == 2 && s[2] == 0) return; /* "--" */
        const char *name0 = s + minus;
        if (!*name0 || name0[0] == '-' || name0[0] == '=') fail("bad flag syntax: %s%s", s, "");
        char name[256];
        snprintf(name, sizeof name, "%s", name0);
        const char *value = NULL;
        char *eq = strchr(name + 1, '=');
        if (eq) { *eq = 0; value = name0 + (eq - name) + 1; }
        if (!strcmp(name, "version")) {
            int b = 1;
            if (value && parse_bool(value, &b) != 0) {
                fprintf(stderr, "invalid boolean value \"%s\" for -version: parse error\n", value);
                usage();
                exit(2);
            }
            want_version = b;
            continue;
        }
        const char **dst = !strcmp(name, "install") ? &to_install
                         : !strcmp(name, "uninstall") ? &to_uninstall
                         : !strcmp(name, "mount") ? &mount_dir : NULL;
        if (!dst) {
            if (!strcmp(name, "help") || !strcmp(name, "h")) { usage(); exit(0); }
            fail("flag provided but not defined: -%s%s", name, "");
        }
        if (!value) {
            if (i + 1 >= argc) fail("flag needs an argument: -%s%s", name, "");
            value = argv[++i];
        }
        *dst = value;
    }
}

/* Splits a comma list into a NULL-terminated array (empty input: no items). */
static char **split_commas(const char *in) {
    size_t n = 1;
    for (const char *c = in; *c; c++) n += *c == ',';
    char **out = calloc(n + 1, sizeof *out);
    if (!*in) return out;
    char *s = xstrdup(in);
    size_t k = 0;
    for (char *tok = s, *next;; tok = next + 1) {
        next = strchr(tok, ',');
        if (next) *next = 0;
        out[k++] = tok;
        if (!next) break;
    }
    return out;
}

#ifdef PROBE_DUMP
/* test build only: write every probe executable into DIR as probe-ARCH */
int main(int argc, char **argv) {
    if (argc != 2) return 2;
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        unsigned char elf[256];
        size_t len = build_elf(&probes[i], elf);
        char name[64];
        snprintf(name, sizeof name, "probe-%s", probes[i].arch);
        char *path = join2(argv[1], name);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
        if (fd < 0 || write(fd, elf, len) != (ssize_t)len) return 1;
        close(fd);
        free(path);
    }
    return 0;
}
#else
int main(int argc, char **argv) {
    if (argc > 0) prog_name = argv[0];
    parse_args(argc, argv);

    if (want_version) {
        logmsg("binfmt/%s qemu/%s go/none", BINFMT_VERSION, QEMU_VERSION);
        return 0;
    }

    int mounted_here = 0;
    char *status = join2(mount_dir, "status");
    struct stat st;
    if (stat(status, &st) != 0) {
        if (mount("binfmt_misc", mount_dir, "binfmt_misc", 0, "") != 0) {
            /* upstream prints a pkg/errors value with %+v: cause, message, stack */
            logmsg("error: %s\ncannot mount binfmt_misc filesystem at %s\n"
                 "main.run\n\t/src/cmd/binfmt/main.go:183\n"
                 "main.main\n\t/src/cmd/binfmt/main.go:170\n"
                 "runtime.main\n\t/usr/local/go/src/runtime/proc.go:250\n"
                 "runtime.goexit\n\t/usr/local/go/src/runtime/asm_amd64.s:1571",
                 errstr(errno), mount_dir);
            return 0;
        }
        mounted_here = 1;
    }
    free(status);

    /* --uninstall: names, platform specs (mapped to the emulator's name) or globs */
    char **un = split_commas(to_uninstall);
    for (char **u = un; *u; u++) {
        const char *v = *u;
        char *arch = NULL, stripped[256];
        if (parse_platform_arch(v, &arch) == 0) {
            const struct arch_cfg *cfg = find_cfg(arch);
            if (cfg) {
                snprintf(stripped, sizeof stripped, "%s", cfg->binary + 5); /* drop "qemu-" */
                v = stripped;
            }
            free(arch);
        }
        char *pattern = join2(mount_dir, v);
        glob_t g;
        int grc = glob(pattern, 0, NULL, &g);
        free(pattern);
        if (grc != 0 || g.gl_pathc == 0) {
            char *err = uninstall(v);
            if (!err) logmsg("uninstalling: %s OK", v);
            else logmsg("uninstalling: %s %s", v, err);
        } else {
            for (size_t i = 0; i < g.gl_pathc; i++) {
                const char *b = strrchr(g.gl_pathv[i], '/');
                b = b ? b + 1 : g.gl_pathv[i];
                char *err = uninstall(b);
                if (!err) logmsg("uninstalling: %s OK", b);
                else logmsg("uninstalling: %s %s", b, err);
            }
        }
        if (grc == 0) globfree(&g);
    }

    /* --install: "all" = every configured architecture that does not run yet */
    char **inst;
    if (!strcmp(to_install, "all")) {
        const char *sup[16];
        int ns = supported_platforms(sup);
        inst = calloc(NCONFIGS + 1, sizeof *inst);
        size_t k = 0;
        for (size_t i = 0; i < NCONFIGS; i++) {
            int have = 0;
            for (int j = 0; j < ns; j++) {
                char *a = NULL;
                if (parse_platform_arch(sup[j], &a) == 0) { have |= !strcmp(a, configs[i].arch); free(a); }
            }
            if (!have) inst[k++] = (char *)configs[i].arch;
        }
    } else {
        inst = split_commas(to_install);
        for (char **p = inst; *p; p++) {
            char *a = NULL;
            if (parse_platform_arch(*p, &a) == 0) *p = a;
        }
    }
    for (char **p = inst; *p; p++) {
        char *err = install(*p);
        if (!err) logmsg("installing: %s OK", *p);
        else logmsg("installing: %s %s", *p, err);
    }

    print_status();
    if (mounted_here) umount2(mount_dir, 0);
    return 0;
}
#endif
