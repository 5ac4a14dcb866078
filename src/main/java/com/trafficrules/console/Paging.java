package com.trafficrules.console;

/** Where a page of a long list starts and ends, and whether there are pages before and after it. */
record Paging(int page, int size, long total) {

    static Paging of(int page, int size, long total) {
        int lastPage = total == 0 ? 0 : (int) ((total - 1) / size);
        return new Paging(Math.max(0, Math.min(page, lastPage)), size, total);
    }

    public int firstIndex() {
        return (int) Math.min(total, (long) page * size);
    }

    public int endIndex() {
        return (int) Math.min(total, (long) (page + 1) * size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return endIndex() < total;
    }

    /** 1-based, as a person counts. */
    public int number() {
        return page + 1;
    }

    public int pages() {
        return total == 0 ? 1 : (int) ((total - 1) / size) + 1;
    }
}
