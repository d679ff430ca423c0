package org.workcell.sdk.data;

import java.util.List;

/** A slice of a longer list: {@code items} starting at {@code offset} of {@code total}. */
public record Page<T>(List<T> items, int offset, int total) {
    public Page {
        items = List.copyOf(items);
    }
}
