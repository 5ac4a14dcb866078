package com.trafficrules.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * What is wrong with a request, so that one 400 names every bad field at once. {@link #of} starts from what the
 * request's records declare ({@code @NotBlank}, {@code @DurationMs}, {@code @Timestamp}, ...); the caller adds what
 * no single field can tell: a reference to another part of the request, a duplicate, a name only the channel
 * policy or the database knows. Requests are checked here rather than by {@code @Valid} on the controller because
 * the same records are read where Spring MVC is not: rule-test scenarios and the check worker's replays.
 * "is required" and the other messages of the standard constraints are set in {@code ValidationMessages.properties}.
 */
public final class RequestChecks {

    /**
     * Requests are plain records: every property is there to check, so the JPA-aware default resolver (which asks
     * the persistence provider about each one, more than half of the time a channel-day takes) is not used.
     */
    private static final TraversableResolver EVERYTHING = new TraversableResolver() {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }
    };
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).traversableResolver(EVERYTHING)
            .enableTraversableResolverResultCache(false).buildValidatorFactory().getValidator();

    private final List<FieldProblem> problems = new ArrayList<>();

    private RequestChecks() {
    }

    /**
     * The request's declared constraints, checked: the problems in the order of the request (fields as the record
     * declares them, elements by index). A field that is missing is only reported missing.
     */
    public static RequestChecks of(Object request) {
        RequestChecks checks = new RequestChecks();
        Map<String, List<ConstraintViolation<Object>>> byField = VALIDATOR.validate(request).stream()
                .sorted(inRequestOrder(request.getClass()))
                .collect(Collectors.groupingBy(violation -> field(violation.getPropertyPath()), LinkedHashMap::new,
                        Collectors.toList()));
        byField.forEach((field, violations) -> {
            List<ConstraintViolation<Object>> missing = violations.stream().filter(RequestChecks::isMissing).toList();
            (missing.isEmpty() ? violations : missing).stream().map(ConstraintViolation::getMessage).distinct()
                    .forEach(message -> checks.reject(field, message));
        });
        return checks;
    }

    public void reject(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /**
     * Whether nothing is wrong with {@code field}, with anything in it or with what holds it: what a check across
     * fields may rely on (a field that is ok is there, unless it is optional).
     */
    public boolean ok(String field) {
        return problems.isEmpty() || problems.stream().map(FieldProblem::field).noneMatch(bad -> bad.equals(field) || within(bad, field)
                || within(field, bad));
    }

    private static boolean within(String inner, String outer) {
        return inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    /**
     * {@code check} of each element of the list field {@code list}, with the element's path (e.g. {@code spots[3]});
     * an absent list has none, and a null element is left to its {@code @NotNull}.
     */
    public <T> void each(String list, List<T> elements, BiConsumer<String, T> check) {
        if (elements == null) {
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) != null) {
                check.accept(list + "[" + i + "]", elements.get(i));
            }
        }
    }

    /** Throws the collected problems, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static boolean isMissing(ConstraintViolation<?> violation) {
        Class<? extends Annotation> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        return constraint == NotNull.class || constraint == NotBlank.class;
    }

    /** The JSON path of a violation, e.g. {@code segments[0].durationMs} or {@code spots[2].dayparts[1]}. */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    /** Violations in the order their fields stand in the request, then by message: the same order every time. */
    private static Comparator<ConstraintViolation<Object>> inRequestOrder(Class<?> root) {
        Comparator<ConstraintViolation<Object>> byPlace = (a, b) -> {
            List<Integer> left = place(root, a.getPropertyPath());
            List<Integer> right = place(root, b.getPropertyPath());
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int order = Integer.compare(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        };
        return byPlace.thenComparing(violation -> violation.getPropertyPath().toString())
                .thenComparing(ConstraintViolation::getMessage);
    }

    /** Where a path leads in the request: each property by its place among its record's components, each element by index. */
    private static List<Integer> place(Class<?> root, Path path) {
        List<Integer> place = new ArrayList<>();
        Type type = root;
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                place.add(node.getIndex() == null ? 0 : node.getIndex());
                type = type instanceof ParameterizedType container ? container.getActualTypeArguments()[0] : Object.class;
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                RecordComponent[] components = type instanceof Class<?> record && record.isRecord()
                        ? record.getRecordComponents() : new RecordComponent[0];
                int at = 0;
                while (at < components.length && !components[at].getName().equals(node.getName())) {
                    at++;
                }
                place.add(at);
                type = at < components.length ? components[at].getGenericType() : Object.class;
            }
        }
        return place;
    }
}
