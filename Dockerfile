# Stage 1: build the frontend with Node (22: a supported LTS line).
FROM node:22-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
# Plain `npm ci` installs the devDependencies too: Vite and TypeScript build the app.
RUN npm ci --no-audit --no-fund
# Only what the build reads, so the image's node_modules is never overwritten.
COPY frontend/index.html frontend/compare.html frontend/vite.config.ts frontend/precompress.ts \
    frontend/tsconfig.json ./
COPY frontend/src/ src/
# Vite writes the app into ../server/mindscope/static, where the server looks for it.
RUN mkdir -p ../server/mindscope && npm run build

# Stage 2: the server's runtime requirements, read from pyproject.toml. Docker caches
# what follows on this file's content, so editing the code (or a tool's setting in
# pyproject.toml) does not reinstall JAX.
FROM python:3.11-slim-bookworm AS requirements
# "gpu" installs JAX's CUDA build (see the gpu profile in docker-compose.yml).
ARG JAX_EXTRA=""
WORKDIR /src
COPY pyproject.toml ./
RUN python -c "import os, tomllib; \
project = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
extra = os.environ.get('JAX_EXTRA'); \
print(*project['dependencies'], *(project['optional-dependencies'][extra] if extra else []), \
sep='\n')" > requirements.txt

# Stage 3: run the server on a slim Python image, as a user of its own.
FROM python:3.11-slim-bookworm AS server
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
# The user the server runs as. The folders the volumes of docker-compose.yml mount (the
# JAX cache, the sessions' database) exist in the image and are its, so the volumes are too.
RUN useradd --create-home --uid 1000 --user-group mindscope \
    && mkdir -p /home/mindscope/.cache/mindscope /home/mindscope/.local/share/mindscope \
    && chown -R mindscope:mindscope /home/mindscope/.cache /home/mindscope/.local
WORKDIR /app
# The dependencies first, at the versions of requirements.lock (the lock also holds the
# development tools, which the image leaves out).
COPY --from=requirements /src/requirements.txt ./
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.txt -c requirements.lock
# Then the code and the built frontend, without touching the dependencies.
COPY pyproject.toml setup.py README.md ./
COPY server/ server/
COPY --from=frontend /src/server/mindscope/static server/mindscope/static
RUN pip install --no-cache-dir --no-deps .
# The mindscope user by its number: a host (Kubernetes' runAsNonRoot) can tell it is not root.
USER 1000:1000
EXPOSE 8000
# JAX is slow to start (a GPU's more so): failed checks in the first 90 s do not count.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["mindscope", "serve", "--host", "0.0.0.0", "--port", "8000"]
