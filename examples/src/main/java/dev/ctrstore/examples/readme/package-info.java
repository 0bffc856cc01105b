/**
 * The code behind the README's Java snippets: each {@code // tag::NAME[]} region here is what a
 * README block shows, and the build compiles it (and runs most of it), so the README cannot drift
 * from the API. Not an API. Nothing is null unless marked {@link org.jspecify.annotations.Nullable
 * @Nullable}.
 */
@NullMarked
package dev.ctrstore.examples.readme;

import org.jspecify.annotations.NullMarked;
