package dev.ctrstore.cli;

import dev.ctrstore.InvalidArgumentException;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.Store;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore import [FILE]}: containers from JSON Lines (what {@code export} writes) into
 * the store, as they are, streamed and in batches of one transaction. A line that is not a
 * container stops the import with its line number; the batches before it stay written, and
 * running the import again after fixing the line completes it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Write containers from JSON Lines (the format of export) into the store, as"
        + " they are (timestamps kept), in transactions of up to --batch-size containers."
        + " Running it again changes"
        + " nothing: containers already there are counted identical; a different container with"
        + " the same id is reported as conflicting (exit " + Ctrstore.EXIT_INCOMPLETE
        + ") unless --overwrite."})
final class ImportCommand extends MoveCommand {
  @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "-",
      description = "The file to read; '-' (the default) reads standard input.")
  String file;

  @Mixin WriteOptions write;

  @Override
  int run(PrintWriter out) {
    boolean stdin = file.equals("-");
    Path path = stdin ? null : Path.of(file);
    long size = -1;
    InputStream raw;
    try {
      if (stdin) {
        raw = System.in;
      } else {
        size = Files.size(path);
        raw = Files.newInputStream(path);
      }
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("import file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidArgumentException("cannot read import file " + file + ": " + e);
    }
    Counting counting = new Counting(raw);
    long bytes = size;
    Progress progress = progress("imported");
    try (Store store = root.openStore();
        BufferedReader reader = new BufferedReader(new InputStreamReader(counting,
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
      Lines lines = new Lines(reader, stdin ? "standard input" : file);
      TransferReport r = Transfers.write(StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false),
          store, options(write, List.of(), progress,
              report -> bytes > 0 ? Math.min(1, (double) counting.count / bytes) : -1));
      progress.finish();
      return summary(r, "imported", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of the input as containers, read one at a time. */
  private static final class Lines implements Iterator<NamespacedContainer> {
    private final BufferedReader reader;
    private final String name;
    private long number;
    private @Nullable String next;

    Lines(BufferedReader reader, String name) {
      this.reader = reader;
      this.name = name;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        String line;
        try {
          line = reader.readLine();
        } catch (CharacterCodingException e) {
          throw new InvalidArgumentException(name + " line " + (number + 1)
              + ": not valid UTF-8");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (line == null) {
          return false;
        }
        number++;
        if (!line.isBlank()) {
          next = line;
        }
      }
      return true;
    }

    @Override
    public NamespacedContainer next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String line = next;
      next = null;
      return ContainerLines.parse(line, name + " line " + number);
    }
  }

  /** Counts the bytes read, for the share of a file done. */
  private static final class Counting extends FilterInputStream {
    volatile long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
