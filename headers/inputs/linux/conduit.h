/*
 * Linux wrapper for jextract: the real glibc headers, nothing self-written except what glibc hides
 * behind _GNU_SOURCE. Do not #define _GNU_SOURCE here: glibc then declares the sockaddr parameters
 * of bind/connect/accept... as transparent unions (__SOCKADDR_ARG) and jextract's output does not
 * compile. What we need from the __USE_GNU parts of glibc is declared below instead, with glibc's
 * own text, and only when __USE_GNU is off: a compile WITH _GNU_SOURCE (the ABI probes in
 * runtime/src/test/java/dev/conduit/abi compile with -D_GNU_SOURCE) sees glibc's real declarations,
 * so the probes check the generated layouts against glibc, not against these copies.
 *
 * The bindings workflow (.github/workflows/bindings.yml) also reads this file on macOS runners,
 * against the real SDK: the __APPLE__ part selects there what inputs/macos/conduit.h declares.
 */
#ifdef __APPLE__
/* <netinet6/in6.h> defines IPV6_PKTINFO (46) and IPV6_RECVPKTINFO (61) only with this; without
 * it a default SDK compile has neither (only IPV6_2292PKTINFO, 19). Linux's are RFC 3542 too. */
#define __APPLE_USE_RFC_3542 1
#endif
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/uio.h>                    /* readv, writev */
#include <time.h>                       /* struct timespec */
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>               /* sendfile */
#include <netinet/udp.h>                /* SOL_UDP, UDP_SEGMENT, UDP_GRO */
#endif
#ifdef __APPLE__
#include <sys/ucred.h>                  /* struct xucred, XUCRED_VERSION */
#include <sys/event.h>                  /* kqueue, kevent, struct kevent, EVFILT_*, EV_*, NOTE_* */
#endif
#if defined(__linux__) && !defined(__USE_GNU)
/* <sys/socket.h>, __USE_GNU only; with it glibc declares accept4 with __SOCKADDR_ARG. */
int accept4(int fd, struct sockaddr *addr, socklen_t *addr_len, int flags);

/* <unistd.h>, __USE_GNU only: "Same as pipe but apply flags passed in FLAGS to the new file
 * descriptors." (glibc: extern int pipe2 (int __pipedes[2], int __flags) __THROW __wur;) */
int pipe2(int __pipedes[2], int __flags);

/* glibc bits/socket.h, __USE_GNU only: "User visible structure for SCM_CREDENTIALS message"
 * (also what getsockopt(SO_PEERCRED) fills). pid_t, uid_t and gid_t come from <unistd.h>. */
struct ucred
{
  pid_t pid;			/* PID of sending process.  */
  uid_t uid;			/* UID of sending process.  */
  gid_t gid;			/* GID of sending process.  */
};

/* glibc netinet/in.h, __USE_GNU only (and, as there, not when <linux/in6.h> declared it first).
 * struct in_pktinfo needs no copy: glibc bits/in.h declares it under __USE_MISC, on by default. */
#if !__USE_KERNEL_IPV6_DEFS
/* IPv6 packet information.  */
struct in6_pktinfo
  {
    struct in6_addr ipi6_addr;	/* src/dst IPv6 address */
    unsigned int ipi6_ifindex;	/* send/recv interface index */
  };
#endif

/* <sys/socket.h>, __USE_GNU only: "For `recvmmsg' and `sendmmsg'." */
struct mmsghdr
  {
    struct msghdr msg_hdr;	/* Actual message header.  */
    unsigned int msg_len;	/* Number of received or sent bytes for the
				   entry.  */
  };

/* <sys/socket.h>, __USE_GNU only (glibc: extern int sendmmsg (...); extern int recvmmsg (...);
 * as here, the time64 redirects apart, which 64-bit targets do not use). */
int sendmmsg (int __fd, struct mmsghdr *__vmessages,
		     unsigned int __vlen, int __flags);
int recvmmsg (int __fd, struct mmsghdr *__vmessages,
		     unsigned int __vlen, int __flags,
		     struct timespec *__tmo);
#endif
#include "../common/conduit_macros.h"
