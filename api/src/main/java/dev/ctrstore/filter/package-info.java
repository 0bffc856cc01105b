/**
 * containerd's filter language ({@code labels.env==prod,image~=^docker.io/}), parsed by {@link
 * dev.ctrstore.filter.Filters#parse} into an immutable, thread-safe {@link
 * dev.ctrstore.filter.Filter} that every backend evaluates the same way. Regular expressions
 * follow Go's RE2 dialect, not {@link java.util.regex}, so a filter matches here exactly what it
 * matches in containerd. Backends may read a filter's structure to answer part of it from an
 * index; the final word on a match is always {@link dev.ctrstore.filter.Filter#test}. Nothing
 * is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.filter;

import org.jspecify.annotations.NullMarked;
