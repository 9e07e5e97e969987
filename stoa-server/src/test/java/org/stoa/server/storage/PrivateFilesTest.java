package org.stoa.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.support.Images;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/** Nobody but the server's own user can read its data: the folder is rwx------, the database and images rw-------. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataFolderTheDatabaseAndUploadsAreTheServerUsersAlone() throws IOException {
        Path data = dir.resolve("data");
        try (TestServer server = new TestServer(data)) {
            User alice = server.register("alice");
            assertThat(alice.api().upload("image/png", Images.encode("png", 40, 40)).status()).isEqualTo(201);
            assertThat(permissions(data)).isEqualTo("rwx------");
            for (String f : new String[] {"stoa.db", "stoa.db-wal", "stoa.db-shm"}) {
                assertThat(permissions(data.resolve(f))).as(f).isEqualTo("rw-------");
            }
            try (Stream<Path> media = Files.walk(data.resolve("media"))) {
                for (Path image : media.filter(Files::isRegularFile).toList()) {
                    assertThat(permissions(image)).as(image.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aFolderLeftReadableByAnOlderVersionIsTightenedOnStart() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(data.resolve("stoa.db"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (TestServer server = new TestServer(data)) {
            server.register("alice");
            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("stoa.db"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("stoa.db-wal"))).isEqualTo("rw-------");
        }
    }
}
