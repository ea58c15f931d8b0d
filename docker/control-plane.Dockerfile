# Podium control plane. Build from the repository root:
#   docker build -f docker/control-plane.Dockerfile -t podium/control-plane .
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@12.21.0
COPY . .
# `pnpm deploy` copies the control plane with its production dependencies; the
# workspace package @podium/db travels with its migrations and wasm engine.
RUN pnpm install --frozen-lockfile \
 && pnpm turbo run build --filter=@podium/control-plane... \
 && pnpm deploy --filter=@podium/control-plane --prod --legacy /out

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8090 PODIUM_DATA_DIR=/data
COPY --from=build /out /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8090
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8090/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/main.js"]
