package com.trafficrules.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.ModelAndView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A console form Tomcat cannot read (an upload over the size limit, too many fields) refused as a console page.
 * Tomcat refuses it where the parameters are first read, which is the security chain's CSRF check, before any
 * handler could answer: so they are read here first, just ahead of that chain. Nobody is signed in yet there, so
 * the page has no navigation.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableForms {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> unreadableConsoleForms(ThymeleafViewResolver views, MultipartProperties limits) {
        String tooLarge = "The form is larger than the console takes: a file of at most "
                + limits.getMaxFileSize().toMegabytes() + " MB, the whole form at most "
                + limits.getMaxRequestSize().toMegabytes() + " MB.";
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    request.getParameterMap();
                } catch (InvalidParameterException e) {
                    HttpStatus status = HttpStatus.resolve(e.getErrorCode());
                    ModelAndView page = ConsoleErrors.page(status == HttpStatus.CONTENT_TOO_LARGE
                            ? ConsoleErrors.Refusal.of(status, tooLarge, "Send smaller files, or fewer at once.")
                            : ConsoleErrors.Refusal.of(HttpStatus.BAD_REQUEST, "The form could not be read.",
                                    "Open the page again and send its form as it is."), request);
                    response.setStatus(page.getStatus().value());
                    try {
                        views.resolveViewName(page.getViewName(), request.getLocale()).render(page.getModel(), request, response);
                    } catch (Exception failed) {
                        throw new ServletException(failed);
                    }
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/console", "/console/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
