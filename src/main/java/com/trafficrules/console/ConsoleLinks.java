package com.trafficrules.console;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/** Links a template builds from the page it is on; templates call it as {@code @links}. */
@Component("links")
public class ConsoleLinks {

    /** This page with the same search, another page of its results. */
    public String page(int page) {
        UriComponents uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build();
        return uri.getPath() + "?" + uri.getQuery();
    }
}
