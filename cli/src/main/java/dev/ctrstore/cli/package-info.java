/**
 * The {@code ctrstore} command line ({@code ctr containers} over a ctrstore store), shipped as
 * the shaded jar {@code ctrstore-cli.jar}. Its contract is the command line itself (subcommands,
 * options, output formats and exit codes, see {@link dev.ctrstore.cli.Ctrstore}), not these
 * classes, which are not a library API. Nothing is null unless marked {@link
 * org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.ctrstore.cli;

import org.jspecify.annotations.NullMarked;
