# syntax=docker/dockerfile:1
# Ollama Gateway: a multi-stage build.
#   ui      builds the web portal with Node (npm ci from the committed lockfile, vite build)
#   build   builds the wheel (portal assets included) and installs it with the pinned dependencies
#   runtime a slim Python image with only that virtual environment, run as a non-root user
# Build: docker build -t ollama-gateway .      Run: see compose.yaml and the README's deployment guide.

FROM node:20-bookworm-slim AS ui
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
# vite writes the hashed assets to ../src/ollama_gateway/web/static (see web/vite.config.ts)
RUN mkdir -p ../src/ollama_gateway/web/static && npm run build

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml requirements.lock README.md ./
COPY src/ ./src/
COPY --from=ui /src/src/ollama_gateway/web/static/ ./src/ollama_gateway/web/static/
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --upgrade pip==25.3 \
    && /opt/venv/bin/pip wheel --no-deps -w /dist . \
    && /opt/venv/bin/pip install -c requirements.lock /dist/*.whl

FROM python:3.11-slim-bookworm AS runtime
LABEL org.opencontainers.image.title="Ollama Gateway" \
      org.opencontainers.image.description="Multi-user gateway and portal in front of Ollama servers"
RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid gateway --home-dir /data --no-create-home gateway \
    && mkdir -p /data && chown gateway:gateway /data
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /data
USER 10001:10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2).status != 200)"]
ENTRYPOINT ["ollama-gateway"]
CMD ["serve"]
