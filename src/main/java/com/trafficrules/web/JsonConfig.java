package com.trafficrules.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * How the service reads and writes JSON beyond Spring Boot's defaults. {@link #standalone()} gives the same
 * mapper to processes without Spring (the check worker, {@code bin/rule-tests}), so a scenario's request is
 * read there exactly as the API reads it.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    /** This service's mapper for a process without a Spring context: Boot's defaults it relies on, then ours. */
    public static JsonMapper standalone() {
        JsonMapper.Builder builder = JsonMapper.builder()
                // What Spring Boot's auto-configuration sets and requests depend on.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new JsonConfig().utcMillisInstants())
                .addModule(NulCharacters.module());
        new JsonConfig().strictScalarTypes().customize(builder);
        new JsonConfig().noNullsInLists().customize(builder);
        return builder.build();
    }

    /**
     * JSON types are kept, never converted: a number or a boolean is no string, a string (even an empty one) or a
     * boolean no number, a number no value of a closed set (not its position in the enum), and durations and counts
     * are whole numbers (1.5 does not become 1). Each is a 400 naming the field.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalarTypes() {
        return builder -> builder
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.Float, CoercionInputShape.String,
                        CoercionInputShape.EmptyString, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.EmptyString,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.String, CoercionInputShape.EmptyString));
    }

    /**
     * A null element of a list property (dayparts, productCodes, segments, ...) is a 400 naming it by its index;
     * the list itself may still be absent or null, which is an empty one.
     */
    @Bean
    JsonMapperBuilderCustomizer noNullsInLists() {
        return builder -> builder.withConfigOverride(List.class,
                override -> override.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
    }

    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    /**
     * Record accessors and constructors called through generated lambdas rather than by reflection: a channel-day's
     * 576 spots are read from the request and written again into its decision, and the reflective calls were a
     * third of that writing. Spring Boot would also find the module on the classpath; the bean says it is meant.
     * {@link #standalone()} leaves it out: it pays off over many requests, and the check worker, a short-lived JVM
     * with the client compiler only, would pay for generating the lambdas at every start.
     */
    @Bean
    JacksonModule blackbird() {
        return new BlackbirdModule();
    }

    /** Instants leave the service in UTC with milliseconds, e.g. 2026-11-20T20:12:00.000Z. */
    @Bean
    JacksonModule utcMillisInstants() {
        return new SimpleModule("utc-millis-instants").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(Times.format(value));
            }
        });
    }
}
