package com.trafficrules.console;

import com.trafficrules.web.BusyException;
import com.trafficrules.web.ConflictException;
import com.trafficrules.web.DatabaseUnreachable;
import com.trafficrules.web.FieldProblem;
import com.trafficrules.web.ForbiddenException;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestIdFilter;
import com.trafficrules.web.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What is refused under /console, as a console page with the status the API would answer: the same layout, what
 * was wrong (each field named) and what to do about it. It answers for every handler there — a console page, the
 * static files' handler for an address that is no page, a multipart body that cannot be read — ahead of the API's
 * advice, which would answer problem+json. A failure none of these cases names is a page too: 503 with
 * {@code Retry-After} when the database cannot be reached (as the API decides it), else 500, logged, with the
 * request's id for whoever runs the service.
 */
@Component
class ConsoleErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);
    /** How Spring MVC answers its own exceptions, asked for the status and detail alone. */
    private static final ResponseEntityExceptionHandler SPRING_MVC = new ResponseEntityExceptionHandler() {
    };
    private static final String CANNOT_TAKE = "The service cannot take what the form sent:";
    private static final String CORRECT = "Correct what is named above and send the form again.";
    private static final String LOOK = "Check the address, or find what you look for through the navigation above.";

    /** A refusal as the page shows it; {@code todo} says what the person can do next. */
    record Refusal(HttpStatus status, String message, List<FieldProblem> problems, String todo) {

        static Refusal of(HttpStatus status, String message, String todo) {
            return new Refusal(status, message, List.of(), todo);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!isConsole(request)) {
            return null;
        }
        if (response.isCommitted() || e instanceof AsyncRequestNotUsableException) {
            // Part of the answer has gone out, or the browser went away: there is nobody to show a page to.
            return new ModelAndView();
        }
        Refusal refusal = refusal(e, request, response);
        if (refusal == null || refusal.status().is5xxServerError() && !(e instanceof BusyException)) {
            refusal = failure(e, response);
        }
        if (e instanceof BusyException busy) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
        }
        return page(refusal, request);
    }

    /**
     * Spring MVC's own refusals (a method the page does not take, a missing parameter, a form that does not bind, an
     * upload over the size limit), with the status Spring MVC gives each; null for a failure it does not know, or
     * one it would not answer.
     */
    private static Refusal standard(Exception e, HttpServletRequest request, HttpServletResponse response) {
        ResponseEntity<Object> answer;
        try {
            answer = SPRING_MVC.handleException(e, new ServletWebRequest(request, response));
        } catch (Exception notSpringMvcs) {
            return null;
        }
        HttpStatus status = answer == null ? null : HttpStatus.resolve(answer.getStatusCode().value());
        if (status == null) {
            return null;
        }
        String detail = answer.getBody() instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : status.getReasonPhrase();
        return Refusal.of(status, detail, "Go back and use the page's own links and forms.");
    }

    /**
     * What no refusal names, and what Spring MVC itself answers 5xx (a value it cannot convert or write): the
     * database away, or a fault of the service's own.
     */
    private static Refusal failure(Exception e, HttpServletResponse response) {
        if (DatabaseUnreachable.explains(e)) {
            log.warn("Answered a console page 503, the database cannot be reached: {}",
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnreachable.RETRY_AFTER.toSeconds()));
            return Refusal.of(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnreachable.DETAIL + ".",
                    "Try again in " + DatabaseUnreachable.RETRY_AFTER.toSeconds() + " s.");
        }
        log.error("Unexpected failure on a console page", e);
        return Refusal.of(HttpStatus.INTERNAL_SERVER_ERROR, "The service failed to make this page: a fault of the service, not of "
                + "what you did.", "Try again; if it fails again, tell whoever runs the service the request id "
                + response.getHeader(RequestIdFilter.HEADER) + ".");
    }

    private static boolean isConsole(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static Refusal refusal(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof NotFoundException) {
            return Refusal.of(HttpStatus.NOT_FOUND, e.getMessage(), LOOK);
        }
        if (e instanceof ForbiddenException) {
            // E.g. approving one's own proposal: the role allows it, four-eyes does not.
            return Refusal.of(HttpStatus.FORBIDDEN, e.getMessage(), "Ask someone else whose role allows it.");
        }
        if (e instanceof ConflictException) {
            return Refusal.of(HttpStatus.CONFLICT, e.getMessage(), "Open the page again to see how things stand now.");
        }
        if (e instanceof BusyException busy) {
            // E.g. the isolated check worker already running as many checks and previews as it may.
            return Refusal.of(HttpStatus.SERVICE_UNAVAILABLE, busy.getMessage(),
                    "Try again in " + busy.retryAfterSeconds() + " s.");
        }
        if (e instanceof UnprocessableException) {
            // E.g. an impact preview stopped at the check worker's time or memory limit.
            return Refusal.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), "Go back and try again; if it is stopped "
                    + "again, it needs more than the check worker may use.");
        }
        if (e instanceof InvalidRequestException invalid) {
            return new Refusal(HttpStatus.BAD_REQUEST, CANNOT_TAKE, invalid.problems(), CORRECT);
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            return new Refusal(HttpStatus.BAD_REQUEST, CANNOT_TAKE, List.of(problem(mismatch)), CORRECT);
        }
        if (e instanceof NoResourceFoundException) {
            return Refusal.of(HttpStatus.NOT_FOUND, "There is no console page at " + request.getRequestURI() + ".", LOOK);
        }
        Refusal standard = standard(e, request, response);
        if (standard != null) {
            return standard;
        }
        if (e instanceof RequestRejectedException) {
            // A parameter name the firewall refuses when it is read.
            return Refusal.of(HttpStatus.BAD_REQUEST, "The address could not be read: " + e.getMessage(),
                    "Go back and use the page's own links and forms.");
        }
        if (e instanceof MultipartException) {
            return Refusal.of(HttpStatus.BAD_REQUEST, "The upload could not be read: " + e.getMessage(),
                    "Choose the files again and send the form.");
        }
        return null;
    }

    /** A query or form value that is not of its parameter's type, with what it should have been. */
    private static FieldProblem problem(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        Throwable refusal = NestedExceptionUtils.getMostSpecificCause(e);
        // A value type of ours (a record, such as a channel slug) says itself what is wrong with the value.
        if (type != null && type.isRecord() && refusal instanceof IllegalArgumentException && refusal.getMessage() != null) {
            return new FieldProblem(e.getName(), refusal.getMessage() + ", not " + e.getValue());
        }
        String expected = type == null ? null
                : Number.class.isAssignableFrom(type) || type == int.class || type == long.class ? "a whole number"
                : type == LocalDate.class ? "a date such as 2026-11-20"
                : type == UUID.class ? "an id such as c2f1e695-af33-4fe5-9a18-47514012b148"
                : null;
        return new FieldProblem(e.getName(), (expected == null ? "is not a valid value" : "must be " + expected)
                + ", not " + e.getValue());
    }

    /** The refusal page; for a GET, a link to the same page without what was sent, to start again. */
    static ModelAndView page(Refusal refusal, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(refusal.status());
        page.addObject("viewer", Viewer.current());
        page.addObject("path", request.getRequestURI());
        page.addObject("status", refusal.status().value());
        page.addObject("reason", refusal.status().getReasonPhrase());
        page.addObject("message", refusal.message());
        page.addObject("problems", refusal.problems());
        page.addObject("todo", refusal.todo());
        boolean again = refusal.status() == HttpStatus.BAD_REQUEST && HttpMethod.GET.matches(request.getMethod());
        page.addObject("again", again ? request.getRequestURI() : null);
        return page;
    }
}
