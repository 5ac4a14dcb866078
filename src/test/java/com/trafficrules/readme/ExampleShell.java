package com.trafficrules.readme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One bash, kept open while the examples run, as a reader's terminal is: what an example sets (a variable
 * holding an id from an earlier answer) the next one sees. Each script is written to a file and sourced, with
 * its standard input from /dev/null so that a command reading input cannot swallow the next script; what it
 * prints, errors included, is its output.
 */
final class ExampleShell implements AutoCloseable {

    /** What one script printed, and the exit status of its last command. */
    record Output(String text, int status) {
    }

    /** Ends each script's output: a NUL byte, which no answer of the service nor any text contains. */
    private static final int END = 0;

    private final Path directory;
    private final Process bash;
    private final Writer commands;
    private final BlockingQueue<Output> outputs = new LinkedBlockingQueue<>();
    private int scripts;

    /** A bash whose working directory is {@code directory}, where the scripts are written too. */
    ExampleShell(Path directory) throws IOException {
        this.directory = directory;
        this.bash = new ProcessBuilder("bash", "--noprofile", "--norc").directory(directory.toFile())
                .redirectErrorStream(true).start();
        this.commands = bash.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> readOutputs(bash.getInputStream()), "readme-example-shell");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Runs {@code script} and returns what it printed; if it has not finished within {@code timeout}, the shell
     * is stopped, and this and every later run fail.
     */
    Output run(String script, Duration timeout) throws IOException, InterruptedException {
        if (!bash.isAlive()) {
            throw new IllegalStateException("the shell has stopped: an earlier example ran past its time or ended it");
        }
        Path file = directory.resolve("example-" + ++scripts + ".sh");
        Files.writeString(file, script);
        commands.write("source " + file.getFileName() + " < /dev/null; printf '\\0%d\\n' \"$?\"\n");
        commands.flush();
        Output output = outputs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (output == null) {
            close();
            throw new AssertionError("did not finish within " + timeout.toSeconds() + " s");
        }
        return output;
    }

    /** Splits the shell's output at each script's end marker, the marker followed by the exit status. */
    private void readOutputs(InputStream in) {
        try (in) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b != END) {
                    text.write(b);
                    continue;
                }
                StringBuilder status = new StringBuilder();
                for (int digit = in.read(); digit != '\n' && digit != -1; digit = in.read()) {
                    status.append((char) digit);
                }
                outputs.add(new Output(text.toString(StandardCharsets.UTF_8), Integer.parseInt(status.toString())));
                text.reset();
            }
        } catch (IOException stopped) {
            // The shell was stopped (close): nothing more will come, and run() says so.
        }
    }

    @Override
    public void close() {
        // The examples' own children (a curl still waiting) go with the shell.
        bash.descendants().forEach(ProcessHandle::destroyForcibly);
        bash.destroyForcibly();
    }
}
