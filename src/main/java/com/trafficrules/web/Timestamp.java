package com.trafficrules.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.format.DateTimeParseException;

/**
 * Text that is an instant as the API takes it: RFC 3339 with an offset ({@link Times#parseWithOffset}). Times stay
 * text in requests so that a missing offset is reported against its field rather than guessed. Null is valid, as
 * for every constraint: a required time is also {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = Timestamp.Check.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Timestamp {

    String message() default "must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T20:12:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses the text as the request's reader will. */
    final class Check implements ConstraintValidator<Timestamp, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Times.parseWithOffset(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
