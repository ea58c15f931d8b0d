# One-shot: `prisma migrate deploy` for the control plane's database (DATABASE_URL).
FROM node:20-bookworm-slim
WORKDIR /src
RUN npm install -g pnpm@12.21.0
COPY . .
RUN pnpm install --frozen-lockfile --filter @podium/db...
CMD ["pnpm", "db:deploy"]
