package com.trafficrules.web;

import static com.trafficrules.web.Roles.APPROVER;
import static com.trafficrules.web.Roles.SCHEDULER;
import static com.trafficrules.web.Roles.TRAFFIC_MANAGER;

import com.trafficrules.database.TrafficDbProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic with four roles for the API, stateless. Every GET is open to every role; each write names the role it
 * needs; anything not listed is denied, so a new endpoint is closed until it is given a role here. The console
 * ({@code /console/**}) has a chain of its own: the same users and roles, but a form login, a session and CSRF
 * tokens, since a browser holds it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    private static final String REALM = "traffic-rules";
    private static final String CONSOLE_LOGIN = "/console/login";

    /**
     * No observation per security filter: {@code http.server.requests} already times every request, and a span
     * per filter cost more CPU than a feed-time fill's own work.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The console's pages. Its writes are refused here by role (hiding a button is not the check), and every form
     * carries a CSRF token. The content security policy lets no script or style in but the console's own files, so
     * untrusted text that a page ever failed to escape still could not run.
     */
    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .formLogin(form -> form.loginPage(CONSOLE_LOGIN).defaultSuccessUrl("/console", false).permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(CONSOLE_LOGIN + "?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")))
                .exceptionHandling(errors -> errors.accessDeniedPage("/console/denied"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/assets/**", "/console/denied").permitAll()
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole(Roles.ALL)
                        .requestMatchers(HttpMethod.POST, "/console/rulesets", "/console/rulesets/*/impact")
                        .hasRole(TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/console/rulesets/*/approve", "/console/rulesets/*/activate")
                        .hasRole(APPROVER)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof ThrottledLogins.LoginThrottledException throttled) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                        writeProblem(response, json, HttpStatus.TOO_MANY_REQUESTS,
                                "Too many failed logins; try again in " + throttled.retryAfterSeconds() + " s");
                    } else {
                        writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Credentials are missing or wrong");
                    }
                }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Credentials are missing or wrong"))
                        .accessDeniedHandler((request, response, e) -> writeProblem(response, json, HttpStatus.FORBIDDEN,
                                "Your role may not " + request.getMethod() + " " + request.getRequestURI())))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(Roles.ALL)
                        .requestMatchers(HttpMethod.POST, "/api/v1/rotation/validate", "/api/v1/rotation/build").hasRole(SCHEDULER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/channels/*/blocks/compile", "/api/v1/channels/*/blocks/fill")
                        .hasRole(SCHEDULER)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/assets").hasAnyRole(SCHEDULER, TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/assets/*").hasAnyRole(SCHEDULER, TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/channels/*/plays").hasAnyRole(SCHEDULER, TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/rulesets", "/api/v1/rulesets/*/impact").hasRole(TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/rulesets/*/approve", "/api/v1/rulesets/*/activate").hasRole(APPROVER)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/avails").hasAnyRole(SCHEDULER, TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ratings").hasRole(SCHEDULER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/makegoods/*/cancel").hasAnyRole(SCHEDULER, TRAFFIC_MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/reconciliations", "/api/v1/channels/*/reconciliations")
                        .hasRole(SCHEDULER)
                        .anyRequest().denyAll());
        return http.build();
    }

    /** A URL the firewall refuses (e.g. with ';' or an encoded '.') is a 400 problem like any other bad input. */
    @Bean
    RequestRejectedHandler requestRejected(JsonMapper json) {
        return (request, response, e) -> writeProblem(response, json, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    static void writeProblem(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemResponses.problem(status, detail);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A login is throttled first (no check at all once its name or address failed too often), then remembered, then checked. */
    @Bean
    AuthenticationProvider logins(UserDetailsService users, PasswordEncoder passwords, Clock clock, SecurityProperties properties) {
        DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
        passwordCheck.setPasswordEncoder(passwords);
        return new ThrottledLogins(new RememberedLogins(passwordCheck, clock), clock, properties.loginThrottle());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, TrafficDbProperties db) {
        List<UserDetails> users = new ArrayList<>();
        if (properties.demoUsersOn(db.embedded())) {
            log.warn("Demo users are enabled (scheduler, manager, approver, auditor, lead; password = user name); "
                    + "unless server.address is set, the service listens on {} only", DemoUsersListenLocally.LOOPBACK);
            users.add(demoUser("scheduler", SCHEDULER));
            users.add(demoUser("manager", TRAFFIC_MANAGER));
            users.add(demoUser("approver", APPROVER));
            users.add(demoUser("auditor", Roles.AUDITOR));
            users.add(demoUser("lead", TRAFFIC_MANAGER, APPROVER));
        }
        Map<String, SecurityProperties.User> configured = properties.users() == null ? Map.of() : properties.users();
        configured.forEach((name, user) -> users.add(User.withUsername(name)
                .password(user.password())
                .roles(user.roles().toArray(String[]::new))
                .build()));
        if (users.isEmpty()) {
            log.warn("No users are configured: every request will be refused. Set traffic.security.users.*");
        }
        return exactNames(users);
    }

    /**
     * User names compare exactly as configured: "Scheduler" is not "scheduler" (Spring's in-memory manager would
     * fold case, so one user would answer to many names and each spelling have its own throttle count).
     */
    private static UserDetailsService exactNames(List<UserDetails> users) {
        Map<String, UserDetails> byName = new HashMap<>();
        for (UserDetails user : users) {
            if (byName.putIfAbsent(user.getUsername(), user) != null) {
                throw new IllegalStateException("User " + user.getUsername() + " is configured twice");
            }
        }
        return name -> {
            UserDetails user = byName.get(name);
            if (user == null) {
                throw new UsernameNotFoundException("No user " + name);
            }
            // A copy: the check erases the credentials of what it authenticated.
            return User.withUserDetails(user).build();
        };
    }

    private static UserDetails demoUser(String name, String... roles) {
        return User.withUsername(name).password("{noop}" + name).roles(roles).build();
    }
}
