package org.stoa.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder and the database are the server user's alone: the folder {@code rwx------} (what
 * is inside, media and hash banks too, is out of everyone else's reach), the database file
 * {@code rw-------}. Created so, and tightened on start where an older version left them open.
 * On a file system without POSIX permissions there is nothing to set.
 */
final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    static void folder(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    if (posix(dir)) Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
                    else Files.createDirectory(dir);
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile by another process (stoa admin); tightened below
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
        tighten(dir, FOLDER);
    }

    static void file(Path file) {
        if (!Files.exists(file)) {
            try {
                if (posix(file.getParent())) Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile; tightened below
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file, e);
            }
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f)) tighten(f, FILE);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void tighten(Path p, Set<PosixFilePermission> permissions) {
        if (!posix(p)) return;
        try {
            if (!Files.getPosixFilePermissions(p).equals(permissions)) Files.setPosixFilePermissions(p, permissions);
        } catch (IOException e) {
            log.warn("cannot make {} private to this user ({}); others on this machine may read it", p, e.toString());
        }
    }
}
