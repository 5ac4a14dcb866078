package com.trafficrules.web;

import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class JsonConfig {

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
