package dev.ctrstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The machine's load average, printed beside every figure: the machine may be shared. */
final class LoadAverage {
  private LoadAverage() {}

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
  static String now() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", Arrays.copyOf(f, 3));
    } catch (IOException e) {
      return "unknown";
    }
  }
}
