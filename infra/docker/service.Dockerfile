# One image recipe for the four services: docker build --build-arg SERVICE=postings -f infra/docker/service.Dockerfile .
# Build stage: the whole workspace (Nx, TypeScript) compiles the one service.
FROM node:24-bookworm-slim AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json nx.json ./
COPY libs ./libs
COPY services ./services
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build arg SERVICE is required (postings, candidates, matcher, notifier)" && exit 1)
RUN npx tsc -p services/${SERVICE}/tsconfig.build.json && npx tsc-alias -p services/${SERVICE}/tsconfig.build.json
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Runtime stage: production dependencies and the compiled service only, as an unprivileged user.
FROM node:24-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /workspace/node_modules ./node_modules
COPY --from=build /workspace/package.json ./package.json
COPY --from=build /workspace/dist/services/${SERVICE} ./dist
USER node
EXPOSE 3000
# kafkajs sets negative timeouts that Node 24 warns about; the warning is harmless noise.
CMD ["sh", "-c", "exec node --enable-source-maps --disable-warning=TimeoutNegativeWarning dist/services/${SERVICE}/src/main.js"]
