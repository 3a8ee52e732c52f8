# The demo server as an Open Liberty image: the AIOB token component, the built-in AIOB simulator
# and the demo, configured by this project's server.xml.
#
#   mvn -DskipTests package && docker build -t aiob-mp .
#   docker run --rm -p 9080:9080 aiob-mp
#
# No Docker engine runs on this project's CI machines, so this file is never built there. Instead
# DockerfileMatchesBuildIT (in every mvn verify) fails when it stops matching the build: the files it
# copies, the Liberty version, the WAR name, the user, and no credential baked in.
#
# Configuration, all at run time (docker run -e / --env-file, or an orchestrator's secret):
#   AIOB_URL         AIOB's base URL; without it, the built-in simulator
#   AIOB_ACCESS_KEY  the AIOB Access Key; never baked into the image
#   AIOB_SECRET_KEY  the AIOB Secret Key; never baked into the image

# kernel-slim: only the kernel; features.sh below adds the features server.xml lists.
# Pinned to the Open Liberty release the Maven build runs (liberty.runtime.version in pom.xml).
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi

ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="aiob-mp demo" \
      org.opencontainers.image.description="Baidu AIOB access-token component for MicroProfile on Open Liberty, with an AIOB simulator and a demo" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="aiob-mp project"

COPY --chown=1001:0 server.xml /config/
# server.xml listens on localhost; in a container the server must listen on all interfaces.
COPY --chown=1001:0 src/main/liberty/container/listen-on-all-interfaces.xml /config/configDropins/overrides/

# Downloads and installs the features server.xml lists. Where no feature repository is reachable at
# build time, start from the matching full-java17-openj9-ubi image instead.
RUN features.sh

# server.xml's <webApplication location="aiob-mp.war"> serves it from /config/apps at "/".
COPY --chown=1001:0 target/aiob-mp.war /config/apps/

# Among other things, writes a defaultKeyStore configuration with a password of its own making for
# the HTTPS port: no keystore password comes from this repository.
RUN configure.sh

USER 1001
EXPOSE 9080 9443
