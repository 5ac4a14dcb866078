package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request record declares, checked outside Spring: the problems a 400 lists, by JSON path, in request order. */
class RequestChecksTest {

    record Segment(@NotBlank String id, @NotBlank @Timestamp String start, @NotNull @DurationMs Long durationMs) {
    }

    record Block(@NotBlank @Pattern(regexp = "[a-z]+", message = "must be lower-case letters") String name,
                 List<@NotNull @Valid Segment> segments) {
    }

    private static final Segment GOOD = new Segment("S1", "2026-11-20T20:00:00Z", 60_000L);

    private static List<FieldProblem> problems(RequestChecks checks) {
        InvalidRequestException failure = catchThrowableOfType(InvalidRequestException.class, checks::throwIfAny);
        return failure == null ? List.of() : failure.problems();
    }

    @Test
    void aMissingNestedFieldIsNamedByItsPathAndCalledRequired() {
        Block block = new Block("news", List.of(GOOD, new Segment("S2", "2026-11-20T20:01:00Z", null)));

        assertThat(problems(RequestChecks.of(block))).containsExactly(new FieldProblem("segments[1].durationMs", "is required"));
    }

    @Test
    void problemsComeInTheOrderOfTheRequestFieldsAsDeclaredElementsByIndex() {
        Block block = new Block("News", Arrays.asList(new Segment(null, "20:00", 0L), GOOD, null));

        assertThat(problems(RequestChecks.of(block))).extracting(FieldProblem::field)
                .containsExactly("name", "segments[0].id", "segments[0].start", "segments[0].durationMs", "segments[2]");
    }

    @Test
    void aMissingFieldIsReportedOnlyAsMissing() {
        assertThat(problems(RequestChecks.of(new Block("", List.of())))).containsExactly(new FieldProblem("name", "is required"));
    }

    @Test
    void aTimeWithoutAnOffsetSaysWhatATimeIs() {
        Block block = new Block("news", List.of(new Segment("S1", "2026-11-20T20:00:00", 60_000L)));

        assertThat(problems(RequestChecks.of(block))).containsExactly(new FieldProblem("segments[0].start",
                "must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T20:12:00Z"));
    }

    @Test
    void aCheckAcrossFieldsIsReportedWithTheDeclaredOnes() {
        RequestChecks checks = RequestChecks.of(new Block("news", List.of(new Segment("S1", "2026-11-20T20:00:00Z", -1L))));
        checks.reject("segments[0].id", "duplicates segment id S1");

        assertThat(problems(checks)).extracting(FieldProblem::field).containsExactly("segments[0].durationMs", "segments[0].id");
    }

    @Test
    void aFieldIsNotOkWhenItWhatItHoldsOrWhatHoldsItIsWrong() {
        RequestChecks checks = RequestChecks.of(new Block("news", Arrays.asList(GOOD, null,
                new Segment("S3", "2026-11-20T20:02:00Z", 0L))));

        assertThat(checks.ok("segments[0].durationMs")).isTrue();
        assertThat(checks.ok("segments[1].durationMs")).isFalse();
        assertThat(checks.ok("segments[2]")).isFalse();
        assertThat(checks.ok("segments")).isFalse();
        assertThat(checks.ok("name")).isTrue();
    }
}
