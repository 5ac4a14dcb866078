package com.trafficrules;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TrafficRulesApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrafficRulesApplication.class, args);
    }
}
