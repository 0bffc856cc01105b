package dev.ctrstore.filter;

/**
 * Which container field a selector's field path addresses. containerd exposes only the id, the
 * image, the runtime name and labels to filters; every other path addresses {@link #NONE}, a
 * field that is never present.
 */
public enum Target {
  /** {@code id} (further components ignored). */
  ID,
  /** {@code image} (further components ignored). */
  IMAGE,
  /** {@code runtime.name} (further components ignored). */
  RUNTIME_NAME,
  /** {@code labels.<key>}: the label whose key is the remaining components joined with ".". */
  LABEL,
  /** Anything else: never present, its value reads as {@code ""}. */
  NONE
}
