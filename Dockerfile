# Stage 1: build the frontend with Node.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci
COPY frontend/ ./
# Vite writes the app into ../server/mindscope/static, where the server looks for it.
RUN mkdir -p ../server/mindscope && npm run build

# Stage 2: run the server on a slim Python image.
FROM python:3.11-slim AS server
# "gpu" installs JAX's CUDA build (see the gpu profile in docker-compose.yml).
ARG JAX_EXTRA=""
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY server/ server/
COPY --from=frontend /src/server/mindscope/static server/mindscope/static
RUN pip install --no-cache-dir -c requirements.lock ".${JAX_EXTRA:+[$JAX_EXTRA]}"
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["mindscope", "serve", "--host", "0.0.0.0", "--port", "8000"]
