package com.trafficrules.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers itself — a URI it refuses (an encoded NUL, '/' or '\' in a segment), a request line or
 * header over its size limit, TRACE — and whatever escapes the application: application/problem+json like
 * every other error, instead of Tomcat's HTML page. Spring Boot's own error page is switched off
 * (application.yaml), so every error the container reports ends here.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final JsonMapper json;

    ContainerErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve(json));
            // The host adds a valve of this class at start unless it already has one.
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }

    /** After Spring Boot's customizer, which puts an HTML ErrorReportValve on the host: this one replaces it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static final class ProblemReportValve extends ErrorReportValve {

        private final JsonMapper json;

        ProblemReportValve(JsonMapper json) {
            this.json = json;
        }

        /** As {@link ErrorReportValve#report}, writing a problem; an exception's own message is never shown. */
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String detail = status == 500 ? ProblemResponses.FAILED
                    : response.getMessage() != null ? response.getMessage()
                    : "The request was refused before it reached the service";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(ProblemResponses.problem(status, detail)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client has gone or the response is closed: nothing more can be said.
            }
        }
    }
}
