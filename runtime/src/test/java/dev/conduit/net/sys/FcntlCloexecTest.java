package dev.conduit.net.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The close-on-exec fallback that platforms without {@code SOCK_CLOEXEC} (macOS) take,
 * {@code fcntl(F_SETFD, FD_CLOEXEC)} through the variadic {@code fcntl}, exercised here on Linux.
 */
@EnabledOnOs(OS.LINUX)
class FcntlCloexecTest {

    @Test
    void fcntlSetsCloseOnExec() throws IOException {
        Posix posix = Sys.posix();
        int fd = posix.socket(posix.afInet(), posix.sockStream(), 0);
        try {
            assertEquals(0, LinuxProcFs.fdinfoFlags(fd) & LinuxProcFs.O_CLOEXEC, "created without SOCK_CLOEXEC");
            posix.fcntl(fd, posix.fSetfd(), posix.fdCloexec());
            assertEquals(LinuxProcFs.O_CLOEXEC, LinuxProcFs.fdinfoFlags(fd) & LinuxProcFs.O_CLOEXEC);
        } finally {
            posix.close(fd);
        }
    }
}
