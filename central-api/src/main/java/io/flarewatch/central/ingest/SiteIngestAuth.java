package io.flarewatch.central.ingest;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a site's ingest token from the request's headers alone: each site's token writes that site
 * and no other.
 *
 * <p>The token is hashed once and looked up among the configured sites' hashes, so the answer does
 * not depend on whether the site in the path exists: without a valid token, an unknown site and a
 * known one get the same 401, and sites cannot be listed by probing. A valid token of another site
 * gets 403 whether the site exists or not.
 */
public final class SiteIngestAuth {

  private static final String BEARER = "Bearer ";
  private final Map<String, String> siteByTokenHash = new HashMap<>();

  public SiteIngestAuth(CentralConfig config) {
    for (SiteConfig site : config.sites()) {
      siteByTokenHash.put(site.ingestTokenSha256(), site.id());
    }
  }

  /** Returns if the request may write the site; throws 401 or 403 naming why not. */
  public void authorize(HttpServerRequest request, String siteId) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      throw ApiException.unauthorized(
          "A site ingest token is required: Authorization: Bearer <token>.");
    }
    String tokenSite =
        siteByTokenHash.get(SiteConfig.sha256Hex(header.substring(BEARER.length()).strip()));
    if (tokenSite == null) {
      throw ApiException.unauthorized("The ingest token is not valid.");
    }
    if (!tokenSite.equals(siteId)) {
      throw ApiException.forbidden("This token may not write site '" + siteId + "'.");
    }
  }
}
