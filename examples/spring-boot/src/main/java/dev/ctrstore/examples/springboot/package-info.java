/**
 * A Spring Boot service on the ctrstore starter: {@link
 * dev.ctrstore.examples.springboot.ExampleApplication}.
 */
@NullMarked
package dev.ctrstore.examples.springboot;

import org.jspecify.annotations.NullMarked;
