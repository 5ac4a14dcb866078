package com.trafficrules.console;

import com.trafficrules.web.Roles;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is looking, for what a page offers them. Only what is shown: the security chain and the services refuse a
 * write of the wrong role or person themselves.
 */
public record Viewer(String name, Set<String> roles) {

    /** Whoever the request being answered is signed in as. */
    static Viewer current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    private static Viewer of(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return new Viewer(null, Set.of());
        }
        return new Viewer(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(role -> role.startsWith("ROLE_"))
                .map(role -> role.substring("ROLE_".length())).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean signedIn() {
        return name != null;
    }

    public boolean approver() {
        return roles.contains(Roles.APPROVER);
    }

    public boolean manager() {
        return roles.contains(Roles.TRAFFIC_MANAGER);
    }

    public String roleList() {
        return roles.stream().sorted().collect(Collectors.joining(", "));
    }
}
