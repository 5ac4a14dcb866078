package com.trafficrules.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets kept in a data directory: files only their user may read, written whole or not at all. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} to {@code file} under a temporary name beside it, readable by its user only (where the
     * file system has POSIX permissions), forces it to disk and moves it into place in one step, so that neither a
     * process that dies nor a power cut leaves half a file under the name: losing the signing key would leave every
     * order signed before unverifiable.
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
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = charset.encode(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        // The move is durable once the directory that records it is.
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
