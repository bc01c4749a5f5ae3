# One image for ingest, workers, api, migrate and the device simulator (the command picks the
# process). Stages: all dependencies -> web UI build -> process bundles -> production dependencies
# -> runtime. The runtime runs compiled bundles (`node --enable-source-maps dist/<name>.mjs`), not
# TypeScript through tsx: no loader thread, about 30 MB less memory per process.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The web UI (api/web, Vite) is built here when the project has a build:web script; the api
# serves api/web/dist. Without the script the image still runs every process, without the UI.
FROM deps AS web
COPY tsconfig.json ./
COPY core ./core
COPY api ./api
COPY scripts ./scripts
RUN if node -e "process.exit(require('./package.json').scripts['build:web'] ? 0 : 1)"; then \
      npm run build:web && test -f api/web/dist/index.html; \
    else \
      echo "no build:web script: image without the web UI" && mkdir -p api/web/dist; \
    fi

# dist/<name>.mjs for every process and operational script (scripts/build.ts, esbuild)
FROM deps AS build
COPY tsconfig.json ./
COPY core ./core
COPY ingest ./ingest
COPY workers ./workers
COPY api/src ./api/src
COPY device-sim ./device-sim
COPY scripts ./scripts
RUN npm run build && test -f dist/api.mjs

FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
# package.json marks the project root the bundles find db/ and api/web/dist from (core projectRoot)
COPY package.json package-lock.json ./
COPY --from=build /app/dist ./dist
COPY --from=web /app/api/web/dist ./api/web/dist
COPY db ./db
# files stay root-owned and read-only to the process
USER node
EXPOSE 3000 3001 9464 9465 9466
CMD ["node", "--enable-source-maps", "dist/api.mjs"]
