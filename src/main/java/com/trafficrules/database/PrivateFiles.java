package com.trafficrules.database;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets kept in a data directory: files only their user may read, written whole or not at all. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} to {@code file} under a temporary name beside it, readable by its user only, and moves
     * it into place in one step: a crash leaves the old file or the new one, never half of one.
     */
    public static void write(Path file, String content, Charset charset) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(written);
        try {
            Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(written);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Another process is writing " + written, e);
        }
        Files.writeString(written, content, charset);
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
