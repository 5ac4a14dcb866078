package com.trafficrules.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.trafficrules.support.HttpTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's examples run as written: with bash, curl and jq, one after the other in one shell, against the
 * service freshly started on an empty database, with the shipped demo users; only the README's
 * {@code localhost:8080} becomes the test server's port. Each answer must be the one the README shows, but for
 * ids, times and hashes ({@link Answers}).
 *
 * <p>The database is the context's own (a database name no other test class uses, so Spring does not share the
 * context) because the README's answers are a first start's: ruleset version 1 found on disk, the proposal 2,
 * one decision in the list. The walk-through changes the active ruleset and leaves it in the history, so the
 * context is discarded after.
 */
@HttpTest
@TestPropertySource(properties = "traffic.embedded-db.database=readme")
@DirtiesContext
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    /** A proposal's checks run in a worker JVM; everything else answers in well under a second. */
    private static final Duration EXAMPLE_TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    @TempDir
    Path workingDirectory;

    @TestFactory
    Stream<DynamicTest> everyExampleAnswersWhatTheReadmeShows() throws IOException {
        List<ReadmeExample> examples = ReadmeExample.in(Files.readString(README));
        assertThat(examples).as("the bash examples of " + README).isNotEmpty();
        ExampleShell shell = new ExampleShell(workingDirectory);
        URI readme = README.toAbsolutePath().toUri();
        return examples.stream()
                .map(example -> dynamicTest(example.name() + " (README.md line " + example.line() + ")",
                        URI.create(readme + "?line=" + example.line()), () -> answersAsShown(shell, example)))
                .onClose(shell::close);
    }

    private void answersAsShown(ExampleShell shell, ReadmeExample example) throws Exception {
        String where = README + " line " + example.line() + " (" + example.name() + ")";
        if (example.answer() == null) {
            fail(where + " shows no answer: put what it prints in a fenced block right after it");
        }
        ExampleShell.Output output = shell.run(example.script().replace("localhost:8080", "localhost:" + port),
                EXAMPLE_TIMEOUT);
        assertThat(Answers.comparable(example.answerLanguage(), output.text()))
                .as("%s printed something else than the README shows (ids, times and hashes stand as <uuid>, "
                        + "<instant>, <hex>; the last command's exit status was %d)", where, output.status())
                .isEqualTo(Answers.comparable(example.answerLanguage(), example.answer()));
    }
}
