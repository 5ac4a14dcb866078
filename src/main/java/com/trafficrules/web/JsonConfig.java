package com.trafficrules.web;

import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class JsonConfig {

    /** Durations and counts are whole numbers: 1.5 is a 400 rather than silently becoming 1. */
    @Bean
    JsonMapperBuilderCustomizer wholeNumbersStayWhole() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
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
