package com.trafficrules.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.json.JsonMapper;

/** Every error as {@code application/problem+json}; field problems listed in {@code errors}. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final String FAILED = "The service failed; the request id in the logs tells what happened";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://traffic-rules.dev/problems/" + status.name().toLowerCase().replace('_', '-')));
        return problem;
    }

    /** As {@link #problem(HttpStatus, String)} for any status code, one without a name too. */
    static ProblemDetail problem(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? problem(known, detail) : ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        // A value type of ours (a record, such as a channel slug) says itself what is wrong with the value.
        Throwable refusal = NestedExceptionUtils.getMostSpecificCause(e);
        boolean ownValueType = e.getRequiredType() != null && e.getRequiredType().isRecord()
                && refusal instanceof IllegalArgumentException && refusal.getMessage() != null;
        return badRequest(List.of(new FieldProblem(e.getName(),
                ownValueType ? refusal.getMessage() : "is not a valid value: " + e.getValue())));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<ProblemDetail> unprocessable(UnprocessableException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty(e.member(), e.value());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    /** Parameters Tomcat cannot read as sent (an undecodable %-escape, too many of them). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableParameters(InvalidParameterException e) {
        return ResponseEntity.status(e.getErrorCode()).body(problem(e.getErrorCode(), e.getMessage()));
    }

    /** A parameter name the firewall refuses when it is read, or a multipart body that is not one. */
    @ExceptionHandler({RequestRejectedException.class, MultipartException.class})
    ResponseEntity<ProblemDetail> unreadableRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    /** Whatever no handler above answers: a database that cannot be reached is a 503 to try again, the rest a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnreachable.explains(e)) {
            // One line, not a stack trace per request for as long as the outage lasts.
            log.warn("Answered 503, the database cannot be reached: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
            return busy(new BusyException(DatabaseUnreachable.DETAIL, DatabaseUnreachable.RETRY_AFTER));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, FAILED));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = bind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            return ResponseEntity.badRequest().body(withErrors(List.of(new FieldProblem(field, fieldMessage(bind)))));
        }
        String detail = cause instanceof JacksonException ? "The body is not valid JSON: " + ((JacksonException) cause).getOriginalMessage()
                : "The body is missing or not JSON";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, detail));
    }

    /** Constraints declared on query parameters ({@code @Timestamp String from}), each named by its parameter. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                problems.addAll(fieldProblems(errors));
                continue;
            }
            RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
            String name = param != null && !param.name().isEmpty() ? param.name() : result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
        }
        return ResponseEntity.badRequest().body(withErrors(problems));
    }

    /** A {@code @Valid} body: the same answer as {@link RequestChecks} gives for the constraints it declares. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(withErrors(fieldProblems(e.getBindingResult())));
    }

    private static List<FieldProblem> fieldProblems(Errors errors) {
        List<FieldProblem> problems = new ArrayList<>();
        errors.getGlobalErrors().forEach(error -> problems.add(new FieldProblem(errors.getObjectName(), message(error))));
        errors.getFieldErrors().forEach(error -> problems.add(new FieldProblem(error.getField(), message(error))));
        return problems;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is not valid";
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "No endpoint " + e.getHttpMethod() + " /" + e.getResourcePath()));
    }

    /** What is wrong with the field Jackson could not read, in the words of {@link RequestChecks}. */
    private String fieldMessage(DatabindException bind) {
        if (bind instanceof NulCharacters.Refused) {
            return NulCharacters.MESSAGE;
        }
        if (bind instanceof InvalidNullException) {
            return "must not be null";
        }
        if (bind instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            return "must be " + oneOf(format.getTargetType());
        }
        return "has the wrong type or format";
    }

    /** The values of a closed set as JSON spells them, e.g. {@code FIRST or LAST}. */
    private String oneOf(Class<?> closedSet) {
        List<String> values = Arrays.stream(closedSet.getEnumConstants()).map(value -> json.convertValue(value, String.class))
                .toList();
        return values.size() == 1 ? values.get(0)
                : String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> problems) {
        return ResponseEntity.badRequest().body(withErrors(problems));
    }

    private static ProblemDetail withErrors(List<FieldProblem> problems) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, problems.stream()
                .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return problem;
    }
}
