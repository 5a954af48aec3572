/*
 * Values that C computes with function-like macros, which jextract cannot export, evaluated here
 * by the platform's own macros into enum constants, which it can. Included last by each
 * inputs/<os>/conduit.h, after the headers that define the macros.
 *
 * Control messages (sendmsg/recvmsg ancillary data): CMSG_ALIGN is 8 (sizeof(size_t)) on 64-bit
 * Linux and 4 on Darwin, so no Java code may assume it. For n bytes of data:
 *   CMSG_LEN(n)   = CONDUIT_CMSG_DATA_OFFSET + n
 *   CMSG_SPACE(n) = CONDUIT_CMSG_HEADER_SPACE + n rounded up to CONDUIT_CMSG_ALIGNMENT
 * The _INT values are those for one int (one file descriptor), to check that arithmetic against.
 */
#ifndef CONDUIT_MACROS_H
#define CONDUIT_MACROS_H

enum {
    CONDUIT_CMSG_ALIGNMENT = CMSG_SPACE(1) - CMSG_SPACE(0),
    CONDUIT_CMSG_HEADER_SPACE = CMSG_SPACE(0),
    CONDUIT_CMSG_DATA_OFFSET = CMSG_LEN(0),
    CONDUIT_CMSG_SPACE_INT = CMSG_SPACE(sizeof(int)),
    CONDUIT_CMSG_LEN_INT = CMSG_LEN(sizeof(int))
};

#endif
