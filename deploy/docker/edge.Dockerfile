# A site's edge collector (and, with another command, the site simulator). Build from the
# repository's root after `./mvnw -B package`:
#   docker build -f deploy/docker/edge.Dockerfile -t flarewatch-edge:0.1.0-SNAPSHOT .
# Mount the config at /etc/flarewatch/edge.yaml and a volume at /var/lib/flarewatch (the buffer).
FROM eclipse-temurin:17-jre

ARG VERSION=0.1.0-SNAPSHOT

# curl for the health check; a user of its own, no login
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
VOLUME /var/lib/flarewatch
EXPOSE 9102
# GET /metrics answers 503 when the buffer cannot be read
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:9102/metrics || exit 1
ENTRYPOINT ["/opt/flarewatch/bin/flarewatch"]
CMD ["edge", "--config", "/etc/flarewatch/edge.yaml"]
