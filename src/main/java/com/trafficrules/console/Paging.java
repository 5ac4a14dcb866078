package com.trafficrules.console;

import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * Where a page of a long list starts and ends, and the links to the pages before and after it (null when there is
 * none): this page's address with the same search and another page number. The links are made here, not in the
 * template, since Thymeleaf does not let a link's expression call into the application (its restricted mode).
 */
record Paging(int page, int size, long total, String previousHref, String nextHref) {

    /** The list's page number is the query parameter {@code page}. */
    static Paging of(int page, int size, long total) {
        return of("page", page, size, total);
    }

    /** As above, with the page number in {@code parameter}: for a second list on the same page, paged on its own. */
    static Paging of(String parameter, int page, int size, long total) {
        int lastPage = total == 0 ? 0 : (int) ((total - 1) / size);
        int shown = Math.max(0, Math.min(page, lastPage));
        return new Paging(shown, size, total, shown > 0 ? href(parameter, shown - 1) : null,
                (long) (shown + 1) * size < total ? href(parameter, shown + 1) : null);
    }

    private static String href(String parameter, int page) {
        UriComponents uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam(parameter, page).build();
        return uri.getPath() + "?" + uri.getQuery();
    }

    /** This page's part of the whole list, which has {@link #total} items. */
    <T> List<T> slice(List<T> all) {
        return all.subList((int) Math.min(total, (long) page * size), (int) Math.min(total, (long) (page + 1) * size));
    }

    /** 1-based, as a person counts. */
    public int number() {
        return page + 1;
    }

    public int pages() {
        return total == 0 ? 1 : (int) ((total - 1) / size) + 1;
    }
}
