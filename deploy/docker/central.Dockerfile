# Central, the fleet's HTTP API. Build from the repository's root after `./mvnw -B package`:
#   docker build -f deploy/docker/central.Dockerfile -t flarewatch-central:0.1.0-SNAPSHOT .
# Mount the config at /etc/flarewatch/central.yaml (see deploy/compose/central.yaml).
FROM eclipse-temurin:17-jre

ARG VERSION=0.1.0-SNAPSHOT

# curl for the health check; a user of its own, no login, no home of use
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 flarewatch \
 && useradd --system --uid 10001 --gid flarewatch --home-dir /var/lib/flarewatch --shell /usr/sbin/nologin flarewatch \
 && install -d -o flarewatch -g flarewatch -m 0750 /var/lib/flarewatch \
 && install -d -m 0755 /etc/flarewatch

# the distribution's tarball, unpacked by ADD into /opt/flarewatch-VERSION
ADD distribution/target/flarewatch-${VERSION}.tar.gz /opt/
RUN ln -s /opt/flarewatch-${VERSION} /opt/flarewatch

USER flarewatch
WORKDIR /var/lib/flarewatch
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["/opt/flarewatch/bin/flarewatch"]
CMD ["central", "--config", "/etc/flarewatch/central.yaml"]
