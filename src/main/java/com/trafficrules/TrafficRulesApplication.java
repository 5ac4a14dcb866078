package com.trafficrules;

import com.trafficrules.kernel.Job;
import com.trafficrules.kernel.JobCatalog;
import java.time.Clock;
import java.util.List;
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

    /** The jobs as beans found in their packages; {@link Composition} lists the same for the processes without Spring. */
    @Bean
    JobCatalog jobCatalog(List<Job> jobs) {
        return new JobCatalog(jobs);
    }
}
