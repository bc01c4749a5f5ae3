# One image for ingest, workers and api (the command picks the process).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY core ./core
COPY ingest ./ingest
COPY workers ./workers
COPY api ./api
COPY device-sim ./device-sim
COPY db ./db
COPY scripts ./scripts
COPY tsconfig.json ./
USER node
CMD ["node_modules/.bin/tsx", "api/src/main.ts"]
