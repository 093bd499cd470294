package io.flarewatch.central.auth;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sites a user may see: every site, or a list of them (object-level authorization). A site
 * outside the scope is answered as if it did not exist.
 */
public final class SiteScope {

  /** Every site, now and later. */
  public static final SiteScope ALL = new SiteScope(null);

  /** No site at all. */
  public static final SiteScope NONE = new SiteScope(Set.of());

  private final Set<String> ids;

  private SiteScope(Set<String> ids) {
    this.ids = ids;
  }

  /** Exactly these sites. */
  public static SiteScope of(Collection<String> ids) {
    return new SiteScope(Set.copyOf(ids));
  }

  public boolean includes(String siteId) {
    return ids == null || ids.contains(siteId);
  }

  /** True when the scope is every site. */
  public boolean all() {
    return ids == null;
  }

  /** The sites of a scope that is not every site. */
  public Set<String> ids() {
    if (ids == null) {
      throw new IllegalStateException("the scope is every site, not a list");
    }
    return ids;
  }

  /** The items whose site is in scope, in their order. */
  public <T> List<T> filter(List<T> items, Function<T, String> siteId) {
    return ids == null ? items : items.stream().filter(i -> ids.contains(siteId.apply(i))).toList();
  }

  @Override
  public String toString() {
    return ids == null ? "all sites" : "sites " + new TreeSet<>(ids);
  }
}
