package com.trafficrules.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;

/** Problems Spring finds in a body before the controller runs answer in the shape of every other 400. */
class ProblemResponsesTest {

    record Body(String blockId) {
    }

    @SuppressWarnings("unused")
    private void take(Body body) {
    }

    @Test
    void aValidatedBodyThatFailsIsABadRequestListingEachFieldInErrors() throws Exception {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(new Body(null), "body");
        errors.addError(new FieldError("body", "blockId", "is required"));
        errors.addError(new FieldError("body", "segments[0].durationMs", "must be 0 or more"));
        MethodParameter parameter = new MethodParameter(ProblemResponsesTest.class.getDeclaredMethod("take", Body.class), 0);

        ProblemDetail problem = (ProblemDetail) new ProblemResponses(JsonConfig.standalone())
                .handleMethodArgumentNotValid(new MethodArgumentNotValidException(parameter, errors), new HttpHeaders(),
                        HttpStatus.BAD_REQUEST, null).getBody();

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("errors", List.of(Map.of("field", "blockId", "message", "is required"),
                Map.of("field", "segments[0].durationMs", "message", "must be 0 or more")));
    }
}
