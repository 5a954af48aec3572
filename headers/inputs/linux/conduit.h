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
#ifdef __linux__
int accept4(int fd, struct sockaddr *addr, socklen_t *addr_len, int flags);
#endif
#include "../common/conduit_macros.h"
