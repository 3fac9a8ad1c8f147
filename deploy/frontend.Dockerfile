# syntax=docker/dockerfile:1
# The e-Cabinet web image: the SPA built with Node, served by nginx, which also reverse-proxies
# the API (deploy/nginx.conf). Build context: the repository root (the SPA's codegen reads
# ../schema.graphql); deploy/frontend.Dockerfile.dockerignore keeps the context to what is needed.
#   docker build -f deploy/frontend.Dockerfile -t ecabinet/web .
# See docs/deployment.md.

# --- build: npm ci && npm run build → frontend/dist ---------------------------------------------
FROM node:20-slim AS build

ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . /src/
RUN npm run build

# --- runtime: nginx ------------------------------------------------------------------------------
# 1.28 (stable) or newer: the upstream's `server ... resolve` needs nginx >= 1.27.3.
FROM nginx:1.28-alpine

COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/frontend/dist /usr/share/nginx/html

EXPOSE 80
