# Podium console. Build from the repository root:
#   docker build -f docker/console.Dockerfile -t podium/console .
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@12.21.0
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm turbo run build --filter=@podium/console... \
 && pnpm deploy --filter=@podium/console --prod --legacy /out \
 && cp -r apps/console/.next /out/.next \
 && cp -r apps/console/server /out/server

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 PODIUM_CONTROL_PLANE_URL=http://haproxy:8090
COPY --from=build /out /app
USER node
EXPOSE 3000
CMD ["node", "server/main.mjs", "-H", "0.0.0.0"]
