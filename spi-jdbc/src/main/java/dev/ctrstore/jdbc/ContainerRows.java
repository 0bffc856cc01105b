package dev.ctrstore.jdbc;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.RuntimeInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/**
 * A {@code ctr_container} row and a {@link Container}, both ways: {@link #read} maps a row of
 * {@link Sql#COLUMNS}, {@link #bind} fills the named parameters of {@link Sql#INSERT} and {@link
 * Sql#UPDATE}, {@link #bindFields} those of {@link Sql#INSERT_EVENT}.
 */
final class ContainerRows {
  /** {@link #read} for JDBI queries. */
  static final RowMapper<Container> MAPPER = (rs, ctx) -> read(rs);

  private ContainerRows() {}

  /**
   * A row of {@link Sql#COLUMNS}, read by position: by name, H2 looks each column's index up
   * again for every row (9% of a {@code get} in a profile).
   */
  static Container read(ResultSet rs) throws SQLException {
    byte[] optionsType = rs.getBytes(4);
    Any options = optionsType == null ? null : Codec.any(optionsType, rs.getBytes(5));
    return Container.builder()
        .id(Codec.string(rs.getBytes(1)))
        .image(Codec.string(rs.getBytes(2)))
        .runtime(new RuntimeInfo(Codec.string(rs.getBytes(3)), options))
        .spec(Codec.any(rs.getBytes(6), rs.getBytes(7)))
        .snapshotter(Codec.string(rs.getBytes(8)))
        .snapshotKey(Codec.string(rs.getBytes(9)))
        .sandboxId(Codec.string(rs.getBytes(10)))
        .labels(Codec.decodeLabels(rs.getBytes(11)))
        .extensions(Codec.decodeExtensions(rs.getBytes(12)))
        .createdAt(Codec.instant(rs.getLong(13)))
        .updatedAt(Codec.instant(rs.getLong(14)))
        .revision(rs.getLong(15))
        .build();
  }

  /** Binds every column of {@code c} in namespace {@code ns} to its named parameter. */
  static Call bind(Call st, byte[] ns, Fields c) {
    return bindFields(st, ns, c)
        .bytes("image_hash", Codec.hash(c.container.image()))
        .bytes("runtime_hash", Codec.hash(c.container.runtime().name()));
  }

  /**
   * Binds every column of {@code c} but the hashes; what {@link Sql#INSERT_EVENT} takes (the log
   * keeps no hashes: nothing filters it).
   */
  static Call bindFields(Call st, byte[] ns, Fields c) {
    return st.bytes("ns", ns)
        .bytes("id", c.id)
        .bytes("image", c.image)
        .bytes("runtime_name", c.runtimeName)
        .bytes("spec_type_url", c.specTypeUrl)
        .bytes("spec_value", c.specValue)
        .bytes("snapshotter", c.snapshotter)
        .bytes("snapshot_key", c.snapshotKey)
        .bytes("sandbox_id", c.sandboxId)
        .bytes("labels", c.labels)
        .bytes("extensions", c.extensions)
        .number("created_at", c.createdAt)
        .number("updated_at", c.updatedAt)
        .number("revision", c.container.revision())
        .bytes("runtime_options_type_url", c.optionsTypeUrl)
        .bytes("runtime_options_value", c.optionsValue);
  }

  /**
   * A container's column values, encoded once: a write binds them to its row and again to its
   * change-log row. Read-only after construction; the arrays are handed to the driver as they are.
   */
  static final class Fields {
    final Container container;
    final byte[] id;
    final byte[] image;
    final byte[] runtimeName;
    final byte[] specTypeUrl;
    final byte[] specValue;
    final byte[] snapshotter;
    final byte[] snapshotKey;
    final byte[] sandboxId;
    final byte[] labels;
    final byte[] extensions;
    final long createdAt;
    final long updatedAt;
    final byte @Nullable [] optionsTypeUrl;
    final byte @Nullable [] optionsValue;

    Fields(Container c) {
      Any spec = c.spec();
      if (spec == null) {
        throw new IllegalArgumentException("container " + c.id() + " has no spec");
      }
      Any options = c.runtime().options();
      @SuppressWarnings("unchecked")
      Map<String, Any> ext = (Map<String, Any>) (Map<String, ?>) c.extensions();
      this.container = c;
      this.id = Codec.utf8(c.id());
      this.image = Codec.utf8(c.image());
      this.runtimeName = Codec.utf8(c.runtime().name());
      this.specTypeUrl = Codec.utf8(spec.getTypeUrl());
      this.specValue = spec.getValue().toByteArray();
      this.snapshotter = Codec.utf8(c.snapshotter());
      this.snapshotKey = Codec.utf8(c.snapshotKey());
      this.sandboxId = Codec.utf8(c.sandboxId());
      this.labels = Codec.encodeLabels(c.labels());
      this.extensions = Codec.encodeExtensions(ext);
      this.createdAt = Codec.micros(required(c.createdAt(), "createdAt", c));
      this.updatedAt = Codec.micros(required(c.updatedAt(), "updatedAt", c));
      this.optionsTypeUrl = options == null ? null : Codec.utf8(options.getTypeUrl());
      this.optionsValue = options == null ? null : options.getValue().toByteArray();
    }
  }

  private static <T> T required(@Nullable T value, String field, Container c) {
    if (value == null) {
      throw new IllegalArgumentException("container " + c.id() + " has no " + field);
    }
    return value;
  }
}
