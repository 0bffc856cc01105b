/**
 * The benchmarks of docs/benchmarks.md: JMH benchmarks of the store against raw JDBC on the
 * same data, size and streaming-heap measurements, and {@link dev.ctrstore.bench.BenchMain},
 * which runs them all and writes the results table. They report numbers; they assert no speed.
 * Not published. Nothing is null unless marked {@link org.jspecify.annotations.Nullable
 * @Nullable}.
 */
@NullMarked
package dev.ctrstore.bench;

import org.jspecify.annotations.NullMarked;
