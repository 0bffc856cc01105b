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
  static Call bind(Call st, byte[] ns, Container c) {
    return bindFields(st, ns, c)
        .bytes("image_hash", Codec.hash(c.image()))
        .bytes("runtime_hash", Codec.hash(c.runtime().name()));
  }

  /**
   * Binds every column of {@code c} but the hashes; what {@link Sql#INSERT_EVENT} takes (the log
   * keeps no hashes: nothing filters it).
   */
  static Call bindFields(Call st, byte[] ns, Container c) {
    Any spec = c.spec();
    if (spec == null) {
      throw new IllegalArgumentException("container " + c.id() + " has no spec");
    }
    Any options = c.runtime().options();
    @SuppressWarnings("unchecked")
    Map<String, Any> extensions = (Map<String, Any>) (Map<String, ?>) c.extensions();
    st.bytes("ns", ns)
        .bytes("id", Codec.utf8(c.id()))
        .bytes("image", Codec.utf8(c.image()))
        .bytes("runtime_name", Codec.utf8(c.runtime().name()))
        .bytes("spec_type_url", Codec.utf8(spec.getTypeUrl()))
        .bytes("spec_value", spec.getValue().toByteArray())
        .bytes("snapshotter", Codec.utf8(c.snapshotter()))
        .bytes("snapshot_key", Codec.utf8(c.snapshotKey()))
        .bytes("sandbox_id", Codec.utf8(c.sandboxId()))
        .bytes("labels", Codec.encodeLabels(c.labels()))
        .bytes("extensions", Codec.encodeExtensions(extensions))
        .number("created_at", Codec.micros(required(c.createdAt(), "createdAt", c)))
        .number("updated_at", Codec.micros(required(c.updatedAt(), "updatedAt", c)))
        .number("revision", c.revision())
        .bytes("runtime_options_type_url", options == null ? null : Codec.utf8(options.getTypeUrl()))
        .bytes("runtime_options_value", options == null ? null : options.getValue().toByteArray());
    return st;
  }

  private static <T> T required(@Nullable T value, String field, Container c) {
    if (value == null) {
      throw new IllegalArgumentException("container " + c.id() + " has no " + field);
    }
    return value;
  }
}
