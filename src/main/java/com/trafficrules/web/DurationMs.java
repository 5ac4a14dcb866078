package com.trafficrules.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A duration in milliseconds: positive and at most a day (anything longer is a typo, and would overflow). Null is
 * valid: a required duration is also {@code @NotNull}.
 */
@Documented
@Positive
@Max(DurationMs.MAX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface DurationMs {

    long MAX = 86_400_000L;

    String message() default "must be a positive number of milliseconds, at most " + MAX + " (24 h)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
