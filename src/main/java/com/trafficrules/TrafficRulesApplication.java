package com.trafficrules;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class TrafficRulesApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrafficRulesApplication.class, args);
    }

    /** The one source of "now"; tests replace it to make time-dependent decisions repeatable. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
