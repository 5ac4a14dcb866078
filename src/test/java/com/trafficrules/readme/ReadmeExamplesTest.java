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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's examples run as written: with bash, curl, jq and openssl, one after the other in one shell, against the
 * service freshly started on an empty database, with the shipped demo users; only the README's
 * {@code localhost:8080} becomes the test server's port. Each answer must be the one the README shows, but for
 * the ids, times and hashes of the service's answers ({@link Answers}).
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
    /** Where the README's examples find the service: the default port of {@code ./mvnw spring-boot:run}. */
    private static final String README_SERVICE = "localhost:8080";
    /** A proposal's checks run in a worker JVM; everything else answers in well under a second. */
    private static final Duration EXAMPLE_TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    /** The shell's working directory, where examples leave their files (the signing example's order.json). */
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
        // What the service answers carries this run's ids, times and hashes; anything else is the same every run.
        boolean callsTheService = example.script().contains(README_SERVICE);
        UnaryOperator<String> comparable = text -> Answers.comparable(example.answerLanguage(),
                callsTheService ? Answers.withoutRunValues(text) : text);
        ExampleShell.Output output = shell.run(example.script().replace(README_SERVICE, "localhost:" + port),
                EXAMPLE_TIMEOUT);
        String expected = comparable.apply(example.answer());
        String actual = comparable.apply(output.text());
        assertThat(actual)
                .as("%s printed something else than the README shows%s (%s; the last command's exit status was %d)",
                        where, firstDifference(expected, actual),
                        callsTheService ? "ids, times and hashes stand as <uuid>, <instant>, <hex>" : "compared exactly",
                        output.status())
                .isEqualTo(expected);
    }

    /** Where two answers part, so that a long one need not be compared by eye. */
    private static String firstDifference(String expected, String actual) {
        List<String> shown = expected.lines().toList();
        List<String> printed = actual.lines().toList();
        for (int i = 0; i < Math.max(shown.size(), printed.size()); i++) {
            String a = i < shown.size() ? shown.get(i) : "(nothing)";
            String b = i < printed.size() ? printed.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return ", from its line " + (i + 1) + " on: the README has [" + a.strip() + "] where the example printed ["
                        + b.strip() + "]";
            }
        }
        return "";
    }
}
