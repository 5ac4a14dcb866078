package com.trafficrules.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * No text the service takes may hold a NUL character: PostgreSQL can neither store nor compare one, and no
 * traffic field needs it. Every string of a JSON body is read refusing it (a 400 naming the field's path),
 * and so is every query parameter (a 400 naming the parameter). Tomcat itself refuses a NUL in the path.
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters implements WebMvcConfigurer {

    static final String MESSAGE = "must not contain the NUL character (U+0000)";

    static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /** A string of a JSON body with a NUL in it; the path to the field is added as it propagates. */
    static final class Refused extends MismatchedInputException {

        Refused(JsonParser parser) {
            super(parser, MESSAGE, String.class);
        }
    }

    /** Jackson's own string reading (coercions included), then the check. */
    static final class NulFreeStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (in(value)) {
                throw new Refused(parser);
            }
            return value;
        }
    }

    @Bean
    JacksonModule nulFreeStrings() {
        return module();
    }

    static JacksonModule module() {
        return new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeStrings());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                List<FieldProblem> problems = new ArrayList<>();
                request.getParameterMap().forEach((name, values) -> {
                    if (in(name) || Arrays.stream(values).anyMatch(NulCharacters::in)) {
                        problems.add(new FieldProblem(name, MESSAGE));
                    }
                });
                if (!problems.isEmpty()) {
                    throw new InvalidRequestException(problems);
                }
                return true;
            }
        });
    }
}
