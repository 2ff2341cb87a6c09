# The resolver (`ocop-trace serve`) in a container: built in the Swift toolchain image with
# `make install`, run on Debian slim with only the runtime libraries (scripts/install-deps.sh runtime).
#
#   docker build -t ocop-trace .
#   docker run --rm -v ocop-data:/var/lib/ocop-trace ocop-trace init --resolver id.example.vn
#   docker run -d --name ocop-resolver -p 8080:8080 -v ocop-data:/var/lib/ocop-trace ocop-trace
#
# The store is /var/lib/ocop-trace/store (a volume; or OCOP_TRACE_STORE=postgres://… with -e);
# any command runs the same way: `docker run --rm -v ocop-data:/var/lib/ocop-trace ocop-trace batch list`.
# Every RUN is packaging/image-steps.sh, which InstallTests run without Docker.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY . .
RUN ["packaging/image-steps.sh", "build"]

FROM ${RUNTIME_IMAGE}
COPY scripts/install-deps.sh /image-steps/scripts/install-deps.sh
COPY packaging/image-steps.sh /image-steps/packaging/image-steps.sh
RUN ["/image-steps/packaging/image-steps.sh", "runtime"]
COPY --from=build /opt/ocop-trace /opt/ocop-trace
ENV OCOP_TRACE_STORE=/var/lib/ocop-trace/store
VOLUME /var/lib/ocop-trace
WORKDIR /var/lib/ocop-trace
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/ocop-trace/bin/ocop-trace"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
