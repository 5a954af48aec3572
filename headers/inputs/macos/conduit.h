/*
 * Minimal macOS ABI header for jextract (macos-aarch64, macos-x86_64).
 *
 * Self-written: the macOS SDK is not available where the bindings are generated. It declares
 * only what headers/inputs/macos/symbols.txt selects, plus the typedefs those declarations
 * need. No #include: it is compiled with -nostdinc; fixed-width types come from clang's
 * builtin macros.
 *
 * Facts (values, field order, types) were read in:
 *   xnu     = apple-oss-distributions/xnu     xnu-11417.101.15 (e3723e1f17661b24996789d8afc084c0c3303b26)
 *   Libc    = apple-oss-distributions/Libc    Libc-1725.0.11   (55b54c0a0c37b3b24393b42b90a4c561d6c606b1)
 *   Libinfo = apple-oss-distributions/Libinfo Libinfo-600      (39b70c515baee5b609e7e91693edbd934b6845a1)
 *             <netdb.h> is not in Libc (it left Libc after Libc-320): the SDK's netdb.h is
 *             Libinfo lookup.subproj/netdb.h, and getaddrinfo/freeaddrinfo/gai_strerror are
 *             implemented in Libinfo lookup.subproj/si_getaddrinfo.c (libsystem_info).
 * Sections below are named after the real header each declaration comes from.
 *
 * Symbol names: the SDK marks most of these functions __DARWIN_ALIAS / __DARWIN_ALIAS_C. On
 * arm64 and x86_64 macOS __DARWIN_ONLY_UNIX_CONFORMANCE is 1 and __DARWIN_NON_CANCELABLE is 0
 * (xnu bsd/sys/cdefs.h), so the alias adds no suffix: the symbols are the plain names, which
 * is what dlsym wants. No asm labels are needed here.
 *
 * Verified against an independent table: runtime/src/test/resources/abi/macos.json.
 *
 * Ends by including ../common/conduit_macros.h, which turns CMSG_SPACE/CMSG_LEN (defined below
 * as xnu defines them) into the CONDUIT_CMSG_* enum constants.
 */
#ifndef CONDUIT_MACOS_H
#define CONDUIT_MACOS_H

/* ---- <arm/_types.h>, <i386/_types.h> (xnu bsd/arm/_types.h, bsd/i386/_types.h) ----
 * Identical for arm64 and x86_64. */
typedef __INT8_TYPE__   __int8_t;
typedef __UINT8_TYPE__  __uint8_t;
typedef __INT16_TYPE__  __int16_t;
typedef __UINT16_TYPE__ __uint16_t;
typedef __INT32_TYPE__  __int32_t;
typedef __UINT32_TYPE__ __uint32_t;
typedef __INT64_TYPE__  __int64_t;
typedef __UINT64_TYPE__ __uint64_t;
typedef __SIZE_TYPE__   __darwin_size_t;
typedef __uint32_t      __darwin_socklen_t;
typedef long            __darwin_ssize_t;
typedef long            __darwin_time_t;
typedef long            __darwin_intptr_t;

/* ---- <sys/_types.h> (xnu bsd/sys/_types.h) ---- */
typedef __int64_t       __darwin_off_t;         /* file offsets and sizes: 64 bits everywhere */
typedef __int32_t       __darwin_suseconds_t;   /* int32 on LP64 too: timeval is 8 + 4 + pad 4 */
typedef __uint32_t      __darwin_gid_t;
typedef __uint32_t      __darwin_uid_t;

/* ---- <sys/_types/_*.h> (xnu bsd/sys/_types/) ---- */
typedef __darwin_size_t    size_t;              /* _size_t.h */
typedef __darwin_ssize_t   ssize_t;             /* _ssize_t.h */
typedef __darwin_off_t     off_t;               /* _off_t.h */
typedef unsigned int       u_int32_t;           /* _u_int32_t.h; used by INADDR_* */
typedef __darwin_socklen_t socklen_t;           /* _socklen_t.h */
typedef unsigned int       uint32_t;            /* Libc include/_types/_uint32_t.h (via <stdint.h>,
                                                   which xnu bsd/netinet/in.h includes) */
typedef __uint8_t          sa_family_t;         /* _sa_family_t.h: 8 bits, after an 8-bit length */
typedef __uint16_t         in_port_t;           /* _in_port_t.h */
typedef __uint32_t         in_addr_t;           /* _in_addr_t.h */
typedef unsigned int       u_int;               /* _u_int.h; used by struct xucred */
typedef __darwin_uid_t     uid_t;               /* _uid_t.h */
typedef __darwin_gid_t     gid_t;               /* _gid_t.h */
typedef short              int16_t;             /* _int16_t.h; used by struct kevent */
typedef unsigned short     uint16_t;            /* Libc include/_types/_uint16_t.h (via <stdint.h>,
                                                   which xnu bsd/sys/event.h includes) */
typedef __darwin_intptr_t  intptr_t;            /* _intptr_t.h */
typedef unsigned long      uintptr_t;           /* _uintptr_t.h */

/* ---- <sys/_types/_iovec_t.h> (xnu bsd/sys/_types/_iovec_t.h; <sys/socket.h> and <sys/uio.h>) ---- */
struct iovec {
    void   *iov_base;
    size_t  iov_len;
};

/* ---- <machine/_param.h> (xnu bsd/arm/_param.h, bsd/i386/_param.h; <sys/socket.h> includes it) ----
 * Identical for arm64 and x86_64. Used by the CMSG_* macros: control messages are 4-aligned on
 * Darwin even on LP64 (Linux aligns them to sizeof(size_t)). */
#define __DARWIN_ALIGNBYTES32   (sizeof(__uint32_t) - 1)
#define __DARWIN_ALIGN32(p)     ((__darwin_size_t)((__darwin_size_t)(p) + __DARWIN_ALIGNBYTES32) &~ __DARWIN_ALIGNBYTES32)

/* ---- <sys/_types/_timeval.h> (xnu bsd/sys/_types/_timeval.h) ---- */
struct timeval {
    __darwin_time_t      tv_sec;
    __darwin_suseconds_t tv_usec;
};

/* ---- <sys/_types/_timespec.h> (xnu bsd/sys/_types/_timespec.h; Libc include/_time.h includes it) ---- */
struct timespec {
    __darwin_time_t tv_sec;
    long            tv_nsec;
};

/* ---- <sys/socket.h> (xnu bsd/sys/socket.h) ---- */
#define SOCK_STREAM     1
#define SOCK_DGRAM      2
#define SOCK_SEQPACKET  5

#define SO_REUSEADDR    0x0004
#define SO_KEEPALIVE    0x0008
#define SO_BROADCAST    0x0020
/* Default (Darwin) namespace: SO_LINGER counts ticks; SO_LINGER_SEC (0x1080) counts seconds.
 * Only with _POSIX_C_SOURCE and without _DARWIN_C_SOURCE is SO_LINGER 0x1080. */
#define SO_LINGER       0x0080
#define SO_LINGER_SEC   0x1080
#define SO_REUSEPORT    0x0200
#define SO_SNDBUF       0x1001
#define SO_RCVBUF       0x1002
#define SO_SNDTIMEO     0x1005
#define SO_RCVTIMEO     0x1006
#define SO_ERROR        0x1007
#define SO_TYPE         0x1008
#define SO_NOSIGPIPE    0x1022          /* Apple only: no SIGPIPE on EPIPE */

#define SOL_SOCKET      0xffff

#define AF_UNSPEC       0
#define AF_UNIX         1
#define AF_INET         2
#define AF_INET6        30              /* Linux 10, FreeBSD 28 */

#define SOMAXCONN       128

#define MSG_PEEK        0x2
#define MSG_TRUNC       0x10            /* data discarded before delivery */
#define MSG_CTRUNC      0x20            /* control data lost before delivery */
#define MSG_WAITALL     0x40
#define MSG_DONTWAIT    0x80

#define SHUT_RD         0
#define SHUT_WR         1
#define SHUT_RDWR       2

struct sockaddr {
    __uint8_t   sa_len;
    sa_family_t sa_family;
    char        sa_data[14];
};

/* _SS_MAXSIZE 128, _SS_ALIGNSIZE sizeof(__int64_t): pad1 = 8-1-1 = 6, pad2 = 128-1-1-6-8 = 112 */
struct sockaddr_storage {
    __uint8_t   ss_len;
    sa_family_t ss_family;
    char        __ss_pad1[6];
    __int64_t   __ss_align;
    char        __ss_pad2[112];
};

struct linger {
    int l_onoff;
    int l_linger;
};

/* Darwin: msg_iovlen is int and msg_controllen socklen_t, 48 bytes on LP64 (glibc: size_t, 56). */
struct msghdr {
    void         *msg_name;
    socklen_t     msg_namelen;
    struct iovec *msg_iov;
    int           msg_iovlen;
    void         *msg_control;
    socklen_t     msg_controllen;
    int           msg_flags;
};

/* Ancillary data header (xnu declares no cmsg_data member, only a comment); cmsg_data[] follows at CMSG_DATA, i.e. __DARWIN_ALIGN32(12) = 12. */
struct cmsghdr {
    socklen_t cmsg_len;
    int       cmsg_level;
    int       cmsg_type;
};

/* RFC 2292 additions, as xnu defines them (default Darwin namespace). xnu's CMSG_ALIGN is
 * #ifdef KERNEL only, so it is not declared here. */
#define CMSG_SPACE(l)   (__DARWIN_ALIGN32(sizeof(struct cmsghdr)) + __DARWIN_ALIGN32(l))
#define CMSG_LEN(l)     (__DARWIN_ALIGN32(sizeof(struct cmsghdr)) + (l))

#define SCM_RIGHTS      0x01            /* access rights (array of int) */

int     accept(int, struct sockaddr * __restrict, socklen_t * __restrict);
int     bind(int, const struct sockaddr *, socklen_t);
int     connect(int, const struct sockaddr *, socklen_t);
int     getpeername(int, struct sockaddr * __restrict, socklen_t * __restrict);
int     getsockname(int, struct sockaddr * __restrict, socklen_t * __restrict);
int     getsockopt(int, int, int, void * __restrict, socklen_t * __restrict);
int     listen(int, int);
ssize_t recv(int, void *, size_t, int);
ssize_t recvfrom(int, void *, size_t, int, struct sockaddr * __restrict, socklen_t * __restrict);
ssize_t recvmsg(int, struct msghdr *, int);
ssize_t send(int, const void *, size_t, int);
ssize_t sendmsg(int, const struct msghdr *, int);
ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
int     setsockopt(int, int, int, const void *, socklen_t);
int     shutdown(int, int);
int     socket(int, int, int);
int     socketpair(int, int, int, int *);

/* sendfile(2) header/trailer struct (!_POSIX_C_SOURCE || _DARWIN_C_SOURCE, i.e. by default).
 * Darwin's sendfile differs from Linux's: the socket is the second argument, the offset is a
 * value, *len is in (0: to the end of the file) and out (bytes sent, also when it fails with
 * EAGAIN or EINTR), and headers/trailers may ride along. */
struct sf_hdtr {
    struct iovec *headers;
    int           hdr_cnt;
    struct iovec *trailers;
    int           trl_cnt;
};

int     sendfile(int, int, off_t, off_t *, struct sf_hdtr *, int);

/* ---- <sys/un.h> (xnu bsd/sys/un.h) ---- */
struct sockaddr_un {
    unsigned char sun_len;
    sa_family_t   sun_family;
    char          sun_path[104];        /* Linux 108 */
};

/* Level of get/setsockopt for local domain sockets, and its options */
#define SOL_LOCAL       0
#define LOCAL_PEERCRED  0x001           /* struct xucred; Linux SO_PEERCRED, struct ucred */
#define LOCAL_PEERPID   0x002           /* pid_t */

/* ---- <netinet/in.h> (xnu bsd/netinet/in.h) ---- */
#define IPPROTO_IP      0
#define IPPROTO_TCP     6
#define IPPROTO_UDP     17
#define IPPROTO_IPV6    41

#define IP_TOS                  3
#define IP_TTL                  4
#define IP_MULTICAST_IF         9       /* u_char */
#define IP_MULTICAST_TTL        10      /* u_char */
#define IP_MULTICAST_LOOP       11      /* u_char */
#define IP_ADD_MEMBERSHIP       12      /* struct ip_mreq */
#define IP_DROP_MEMBERSHIP      13      /* struct ip_mreq */
#define IP_PKTINFO              26      /* Linux 8 */
#define IP_RECVPKTINFO          IP_PKTINFO

/* Protocol Independent Multicast API [RFC3678] */
#define MCAST_JOIN_GROUP                80
#define MCAST_LEAVE_GROUP               81
#define MCAST_JOIN_SOURCE_GROUP         82
#define MCAST_LEAVE_SOURCE_GROUP        83

#define INADDR_ANY      (u_int32_t)0x00000000
#define INADDR_LOOPBACK (u_int32_t)0x7f000001

struct in_addr {
    in_addr_t s_addr;
};

struct sockaddr_in {
    __uint8_t      sin_len;
    sa_family_t    sin_family;
    in_port_t      sin_port;
    struct in_addr sin_addr;
    char           sin_zero[8];
};

struct ip_mreq {
    struct in_addr imr_multiaddr;
    struct in_addr imr_interface;
};

/* IP_PKTINFO; ipi_ifindex is unsigned here (glibc: int) */
struct in_pktinfo {
    unsigned int   ipi_ifindex;
    struct in_addr ipi_spec_dst;
    struct in_addr ipi_addr;
};

/* xnu declares these between #pragma pack(4) and #pragma pack(): the sockaddr_storage members
 * sit at offset 4 (not 8) and the structs are 4-aligned, 132 and 260 bytes (Linux: 136, 264).
 * Here each struct sockaddr_storage member is spelled as its 128 bytes (_SS_MAXSIZE), the same
 * size and offset under pack(4): jextract 23+f9866df cannot load a packed struct that contains an
 * 8-aligned struct (its generated align() helper raises the char padding arrays' alignment to 4
 * and throws). The bindings give both spellings the same accessors (a MemorySegment slice). */
#pragma pack(4)
struct group_req {
    uint32_t      gr_interface;
    unsigned char gr_group[128];        /* struct sockaddr_storage */
};

struct group_source_req {
    uint32_t      gsr_interface;
    unsigned char gsr_group[128];       /* struct sockaddr_storage */
    unsigned char gsr_source[128];      /* struct sockaddr_storage */
};
#pragma pack()

/* ---- <netinet6/in6.h> (xnu bsd/netinet6/in6.h, included by <netinet/in.h>) ---- */
/* s6_addr is a macro for __u6_addr.__u6_addr8; the __u6_addr32 member makes it 4-aligned. */
struct in6_addr {
    union {
        __uint8_t  __u6_addr8[16];
        __uint16_t __u6_addr16[8];
        __uint32_t __u6_addr32[4];
    } __u6_addr;
};

struct sockaddr_in6 {
    __uint8_t       sin6_len;
    sa_family_t     sin6_family;
    in_port_t       sin6_port;
    __uint32_t      sin6_flowinfo;
    struct in6_addr sin6_addr;
    __uint32_t      sin6_scope_id;
};

#define IPV6_UNICAST_HOPS       4
#define IPV6_MULTICAST_IF       9       /* u_int */
#define IPV6_MULTICAST_HOPS     10
#define IPV6_MULTICAST_LOOP     11      /* u_int */
#define IPV6_JOIN_GROUP         12      /* struct ipv6_mreq */
#define IPV6_LEAVE_GROUP        13      /* struct ipv6_mreq */
#define IPV6_V6ONLY             27      /* Linux 26 */
#define IPV6_TCLASS             36      /* Linux 67 */
/* RFC 3542 values. in6.h defines IPV6_PKTINFO and IPV6_RECVPKTINFO only when the includer defines
 * __APPLE_USE_RFC_3542 (IPV6_PKTINFO = IPV6_3542PKTINFO = 46, IPV6_RECVPKTINFO = 61) or, for
 * IPV6_PKTINFO alone, __APPLE_USE_RFC_2292 (IPV6_2292PKTINFO = 19): a default SDK compile gets
 * neither. Conduit uses RFC 3542, as Linux does (IPV6_RECVPKTINFO 49, IPV6_PKTINFO 50); the
 * real-SDK wrapper (inputs/linux/conduit.h on macOS) defines __APPLE_USE_RFC_3542 for that. */
#define __APPLE_USE_RFC_3542    1
#define IPV6_RECVPKTINFO        61
#define IPV6_PKTINFO            46      /* IPV6_3542PKTINFO */

struct ipv6_mreq {
    struct in6_addr ipv6mr_multiaddr;
    unsigned int    ipv6mr_interface;
};

struct in6_pktinfo {
    struct in6_addr ipi6_addr;
    unsigned int    ipi6_ifindex;
};

/* ---- <netinet/tcp.h> (xnu bsd/netinet/tcp.h) ---- */
#define TCP_NODELAY     0x01
#define TCP_KEEPALIVE   0x10            /* idle time before keepalives (Linux TCP_KEEPIDLE) */
#define TCP_KEEPINTVL   0x101
#define TCP_KEEPCNT     0x102
#define TCP_FASTOPEN    0x105
#define TCP_NOTSENT_LOWAT 0x201         /* unsent bytes below which the socket is writable (Linux 25) */

/* ---- <sys/errno.h> (xnu bsd/sys/errno.h) ---- */
#define EPERM           1
#define ENOENT          2
#define EINTR           4
#define EIO             5
#define EBADF           9
#define ENOMEM          12
#define EACCES          13
#define EFAULT          14
#define ENODEV          19
#define ENOTDIR         20
#define EINVAL          22
#define ENFILE          23
#define EMFILE          24
#define ENOSPC          28
#define EROFS           30
#define EPIPE           32
#define EAGAIN          35
#define EWOULDBLOCK     EAGAIN
#define EINPROGRESS     36
#define EALREADY        37
#define ENOTSOCK        38
#define EDESTADDRREQ    39
#define EMSGSIZE        40
#define EPROTOTYPE      41
#define ENOPROTOOPT     42
#define EPROTONOSUPPORT 43
#define ENOTSUP         45
#define EAFNOSUPPORT    47
#define EADDRINUSE      48
#define EADDRNOTAVAIL   49
#define ENETDOWN        50
#define ENETUNREACH     51
#define ECONNABORTED    53
#define ECONNRESET      54
#define ENOBUFS         55
#define EISCONN         56
#define ENOTCONN        57
#define ESHUTDOWN       58
#define ETIMEDOUT       60
#define ECONNREFUSED    61
#define ELOOP           62
#define ENAMETOOLONG    63
#define EHOSTUNREACH    65
/* 102 whenever __DARWIN_UNIX03 (always on arm64/x86_64); only pre-UNIX03 i386 code saw
 * EOPNOTSUPP == ENOTSUP (45). Unlike Linux, EOPNOTSUPP != ENOTSUP here. */
#define EPROTO          100
#define EOPNOTSUPP      102

/* ---- <sys/ucred.h> (xnu bsd/sys/ucred.h; declared under __APPLE_API_UNSTABLE, which
 * <sys/appleapiopts.h> defines unless __APPLE_API_STRICT_CONFORMANCE) ---- */
#define NGROUPS         16              /* <sys/param.h> NGROUPS_MAX, <sys/syslimits.h> */

/* External representation of struct ucred: what getsockopt(SOL_LOCAL, LOCAL_PEERCRED) fills */
struct xucred {
    u_int   cr_version;                 /* structure layout version */
    uid_t   cr_uid;                     /* effective user id */
    short   cr_ngroups;                 /* number of advisory groups */
    gid_t   cr_groups[NGROUPS];         /* advisory group list */
};
#define XUCRED_VERSION  0

/* ---- <sys/fcntl.h> (xnu bsd/sys/fcntl.h; <fcntl.h> includes it) ---- */
#define O_RDONLY        0x0000
#define O_NONBLOCK      0x00000004      /* Linux 0x800 */
#define O_CLOEXEC       0x01000000      /* __DARWIN_C_LEVEL >= 200809L, i.e. by default; Linux 0x80000 */
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define FD_CLOEXEC      1
#define F_DUPFD_CLOEXEC 67              /* __DARWIN_C_LEVEL >= 200809L, i.e. by default */

int     open(const char *, int, ...);
int     fcntl(int, int, ...);

/* ---- <sys/poll.h> (xnu bsd/sys/poll.h; <poll.h> in Libc include/poll.h includes it) ---- */
#define POLLIN          0x0001
#define POLLPRI         0x0002
#define POLLOUT         0x0004
#define POLLERR         0x0008
#define POLLHUP         0x0010
#define POLLNVAL        0x0020

struct pollfd {
    int   fd;
    short events;
    short revents;
};

typedef unsigned int nfds_t;

int     poll(struct pollfd *, nfds_t, int);

/* ---- <unistd.h> (Libc include/unistd.h) ---- */
int     close(int);
int     dup2(int, int);
int     pipe(int [2]);                  /* no pipe2 on Darwin */
ssize_t read(int, void *, size_t);
ssize_t write(int __fd, const void * __buf, size_t __nbyte);

/* ---- <sys/uio.h> (xnu bsd/sys/uio.h) ---- */
/* UIO_MAXIOV (1024) is #ifdef KERNEL here; IOV_MAX (1024) is in Libc include/limits.h. */
ssize_t readv(int, const struct iovec *, int);
ssize_t writev(int, const struct iovec *, int);

/* ---- <sys/event.h> (xnu bsd/sys/event.h) ---- */
/* Filters are negative int16_t values (struct kevent.filter). */
#define EVFILT_READ     (-1)
#define EVFILT_WRITE    (-2)
#define EVFILT_USER     (-10)           /* user events: the event loop's wake-up */

/* xnu declares struct kevent between #pragma pack(4) and #pragma pack(), for every arch: on LP64
 * the members fall where natural alignment puts them anyway (32 bytes), but the struct is
 * 4-aligned (natural: 8). Its members are scalars, so jextract's pack bug (see group_req) does
 * not arise. Linux has no kevent: epoll_event is its counterpart. */
#pragma pack(4)
struct kevent {
    uintptr_t ident;                    /* identifier for this event */
    int16_t   filter;                   /* filter for event */
    uint16_t  flags;                    /* general flags */
    uint32_t  fflags;                   /* filter-specific flags */
    intptr_t  data;                     /* filter-specific data */
    void     *udata;                    /* opaque user data identifier */
};
#pragma pack()

/* actions */
#define EV_ADD          0x0001          /* add event to kq (implies enable) */
#define EV_DELETE       0x0002          /* delete event from kq */
#define EV_ENABLE       0x0004          /* enable event */
#define EV_DISABLE      0x0008          /* disable event (not reported) */

/* flags */
#define EV_ONESHOT      0x0010          /* only report one occurrence */
#define EV_CLEAR        0x0020          /* clear event state after reporting */

/* returned values */
#define EV_EOF          0x8000          /* EOF detected */
#define EV_ERROR        0x4000          /* error, data contains errno */

/* data/hint fflags for EVFILT_USER */
#define NOTE_TRIGGER    0x01000000      /* cause the event to be triggered for output */
#define NOTE_FFNOP      0x00000000      /* ignore input fflags */

int     kqueue(void);
int     kevent(int kq,
               const struct kevent *changelist, int nchanges,
               struct kevent *eventlist, int nevents,
               const struct timespec *timeout);

/* ---- <netdb.h> (Libinfo lookup.subproj/netdb.h) ---- */
/* Darwin (BSD) order: ai_canonname before ai_addr (glibc has them the other way round). */
struct addrinfo {
    int              ai_flags;
    int              ai_family;
    int              ai_socktype;
    int              ai_protocol;
    socklen_t        ai_addrlen;
    char            *ai_canonname;
    struct sockaddr *ai_addr;
    struct addrinfo *ai_next;
};

/* Positive on Darwin (glibc: negative). */
#define EAI_AGAIN        2
#define EAI_BADFLAGS     3
#define EAI_FAIL         4
#define EAI_FAMILY       5
#define EAI_MEMORY       6
#define EAI_NONAME       8
#define EAI_SERVICE      9
#define EAI_SOCKTYPE    10
#define EAI_SYSTEM      11
#define EAI_OVERFLOW    14

#define AI_PASSIVE      0x00000001
#define AI_CANONNAME    0x00000002
#define AI_NUMERICHOST  0x00000004
#define AI_ALL          0x00000100
#define AI_ADDRCONFIG   0x00000400
#define AI_V4MAPPED     0x00000800
#define AI_NUMERICSERV  0x00001000

void        freeaddrinfo(struct addrinfo *);
const char *gai_strerror(int);
int         getaddrinfo(const char * __restrict, const char * __restrict,
                        const struct addrinfo * __restrict, struct addrinfo ** __restrict);

#endif /* CONDUIT_MACOS_H */

#include "../common/conduit_macros.h"
